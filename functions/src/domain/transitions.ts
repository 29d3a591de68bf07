/**
 * Who may do what to a request, in which state: the one table of the request's life. Commands,
 * the allowed-actions list every viewer gets, and the 409s all read it.
 */
import type { RequestAction, RequestStatus, Visibility } from '@parklink/contract';
import { actsForDepartment, actsForEnterprise, hasRole, type User } from './user';

/** The parts a person can play towards one request. */
export type Party = 'owner' | 'pool' | 'handler' | 'admin';

export interface Transition {
  from: RequestStatus[];
  who: Party[];
  visibility: Visibility;
}

const OPEN: RequestStatus[] = ['submitted', 'transferred', 'claimed', 'answered', 'in_progress', 'reopened', 'needs_info'];
const HANDLING: RequestStatus[] = ['claimed', 'answered', 'in_progress', 'reopened'];

export const transitions: Record<RequestAction, Transition> = {
  claim: { from: ['submitted', 'transferred'], who: ['pool'], visibility: 'public' },
  reply: { from: HANDLING, who: ['handler'], visibility: 'public' },
  note: { from: OPEN.concat('resolved'), who: ['pool', 'handler', 'admin'], visibility: 'internal' },
  start: { from: ['claimed', 'answered', 'reopened'], who: ['handler'], visibility: 'public' },
  requestInfo: { from: HANDLING.concat('in_progress'), who: ['handler'], visibility: 'public' },
  provideInfo: { from: ['needs_info'], who: ['owner'], visibility: 'public' },
  resolve: { from: ['answered', 'in_progress'], who: ['handler'], visibility: 'public' },
  rate: { from: ['answered', 'resolved'], who: ['owner'], visibility: 'public' },
  reopen: { from: ['resolved'], who: ['owner'], visibility: 'public' },
  transfer: {
    from: ['submitted', 'transferred', 'claimed', 'answered', 'in_progress', 'reopened'],
    who: ['pool', 'handler', 'admin'],
    visibility: 'public',
  },
  withdraw: { from: OPEN, who: ['owner'], visibility: 'public' },
};

/** The facts about a request that decide who plays which part. */
export interface Standing {
  parkId: string;
  enterpriseId: string;
  status: RequestStatus;
  departmentIds: string[];
  assignee?: { id: string; departmentId: string };
}

export function partiesOf(request: Standing, user: User): Set<Party> {
  const parties = new Set<Party>();
  if (user.parkId !== request.parkId) return parties;
  if (actsForEnterprise(user) && user.enterpriseId === request.enterpriseId) parties.add('owner');
  if (hasRole(user, 'admin')) parties.add('admin');
  if (actsForDepartment(user)) {
    if (request.assignee) {
      const isAssignee = request.assignee.id === user.id;
      const headOfAssignee = hasRole(user, 'dept_head') && user.departmentId === request.assignee.departmentId;
      if (isAssignee || headOfAssignee) parties.add('handler');
    } else if (request.departmentIds.includes(user.departmentId)) {
      parties.add('pool');
    }
  }
  return parties;
}

/** Whether the user plays a part that may ever take this action (else 403, not 409). */
export const mayEverTake = (request: Standing, user: User, action: RequestAction) =>
  transitions[action].who.some((party) => partiesOf(request, user).has(party));

export const statusAllows = (status: RequestStatus, action: RequestAction) => transitions[action].from.includes(status);

/** Actions open to this user now, before time-based rules (the 7-day reopen window) are applied. */
export function allowedActions(request: Standing, user: User): RequestAction[] {
  const parties = partiesOf(request, user);
  return (Object.keys(transitions) as RequestAction[]).filter(
    (action) => statusAllows(request.status, action) && transitions[action].who.some((party) => parties.has(party)),
  );
}
