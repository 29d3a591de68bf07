/**
 * The request's life (诉求流程) as pure functions: each command takes the current state, the person
 * acting and the moment, checks the transition table (transitions.ts), and returns the next state
 * with one more timeline event — or throws a DomainError saying why not. No I/O; the store saves the
 * result with a version check.
 */
import {
  type AnsweredField,
  type CategoryField,
  requestActionLabels,
  requestStatusLabels,
  type Assignee,
  type Attachment,
  type CreateRequestInput,
  type DepartmentRef,
  type ProvideInfoInput,
  type RatingInput,
  type ReopenInput,
  type ReplyInput,
  type RequestAction,
  type RequestInfoInput,
  type RequestStatus,
  type RequestSummary,
  type ResolveInput,
  type ServiceRequest,
  type SlaSpec,
  type StartInput,
  type TimelineEvent,
  type TimelineEventType,
  type TransferInput,
  type WithdrawInput,
  type NoteInput,
} from '@parklink/contract';
import type { WorkCalendar } from './calendar';
import type { Escalation } from './escalation';
import { DomainError, forbidden, notFound } from './errors';
import { answerFields } from './fields';
import { clockView, isMissed, pauseClock, resumeClock, startClock, stopClock, type SlaClock } from './sla';
import { allowedActions, mayEverTake, statusAllows, transitions } from './transitions';
import { actorOf, actsForDepartment, hasRole, type User } from './user';

/** Closed requests leave the working lists: resolved (awaiting a rating), rated, withdrawn. */
const CLOSED: RequestStatus[] = ['resolved', 'rated', 'withdrawn'];
export const isOpen = (state: { status: RequestStatus }) => !CLOSED.includes(state.status);

/** How long after resolution the enterprise may reopen a request. */
export const REOPEN_WINDOW_MS = 7 * 86_400_000;

export interface RequestState {
  id: string;
  parkId: string;
  enterpriseId: string;
  enterpriseName: string;
  categoryId: string;
  categoryName: string;
  /** Departments that hold it now: may claim it while unassigned. */
  departments: DepartmentRef[];
  /** Every department that ever held it: they keep seeing its history. */
  involvedDepartmentIds: string[];
  title: string;
  description: string;
  /** The category's extra questions as answered at submission. */
  fields?: AnsweredField[];
  status: RequestStatus;
  /** Where to return when the enterprise supplies what was asked for. */
  statusBeforeInfo?: RequestStatus;
  submittedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  version: number;
  clocks: { claim: SlaClock; resolve: SlaClock };
  assignee?: Assignee;
  rating?: ServiceRequest['rating'];
  /** Escalation steps already taken (see escalation.ts): the guard against taking one twice. */
  escalations?: string[];
  timeline: TimelineEvent[];
  /** Files on the request and its replies (see attachments.ts); absent on requests that never had one. */
  attachments?: Attachment[];
}

export interface CategoryForSubmit {
  id: string;
  name: string;
  fields: CategoryField[];
  claimSla: SlaSpec;
  resolveSla: SlaSpec;
  departments: DepartmentRef[];
}

/** When and under which id the next event happens, and the park's calendar: supplied so this stays pure. */
export interface Moment {
  now: string;
  eventId: string;
  calendar: WorkCalendar;
}

export function submit(
  user: User,
  input: CreateRequestInput,
  category: CategoryForSubmit,
  requestId: string,
  moment: Moment,
): RequestState {
  if (!hasRole(user, 'enterprise') || !user.enterpriseId || !user.enterpriseName) {
    throw forbidden('只有企业联系人可以提交诉求', 'only enterprise contacts can submit requests');
  }
  const base: RequestState = {
    id: requestId,
    parkId: user.parkId,
    enterpriseId: user.enterpriseId,
    enterpriseName: user.enterpriseName,
    categoryId: category.id,
    categoryName: category.name,
    departments: category.departments,
    involvedDepartmentIds: category.departments.map((d) => d.id),
    title: input.title,
    description: input.description,
    fields: answerFields(category.fields, input.fields),
    status: 'submitted',
    submittedAt: moment.now,
    updatedAt: moment.now,
    version: 0,
    clocks: {
      claim: startClock(category.claimSla, moment.now, moment.calendar),
      resolve: startClock(category.resolveSla, moment.now, moment.calendar),
    },
    timeline: [],
  };
  return withEvent(base, user, 'submitted', 'submitted', moment, { visibility: 'public' });
}

export function claim(state: RequestState, user: User, moment: Moment): RequestState {
  // Someone was faster: tell a liaison who could have claimed it who won, with a 409.
  if (state.assignee && actsForDepartment(user) && state.involvedDepartmentIds.includes(user.departmentId)) {
    throw new DomainError(
      'CONFLICT',
      `该诉求已被${state.assignee.departmentName}的${state.assignee.name}认领`,
      `already claimed by ${state.assignee.name}`,
      undefined,
      undefined,
      current(state, user, moment.now),
    );
  }
  authorise(state, user, 'claim', moment.now);
  if (!actsForDepartment(user)) throw forbidden('只有联络员可以认领', 'only liaisons can claim');
  const assignee: Assignee = { id: user.id, name: user.name, departmentId: user.departmentId, departmentName: user.departmentName };
  const departments = [{ id: user.departmentId, name: user.departmentName }];
  return withEvent({ ...state, assignee, departments }, user, 'claimed', 'claimed', moment);
}

export function reply(state: RequestState, user: User, input: ReplyInput, moment: Moment): RequestState {
  authorise(state, user, 'reply', moment.now);
  return withEvent(publicReply(state, moment), user, 'replied', 'answered', moment, { message: input.message });
}

/** An internal note: liaisons and admins only; it never stops a clock. */
export function note(state: RequestState, user: User, input: NoteInput, moment: Moment): RequestState {
  authorise(state, user, 'note', moment.now);
  return withEvent(state, user, 'noted', state.status, moment, { message: input.message });
}

export function start(state: RequestState, user: User, input: StartInput, moment: Moment): RequestState {
  authorise(state, user, 'start', moment.now);
  return withEvent(state, user, 'started', 'in_progress', moment, input.message ? { message: input.message } : {});
}

/** Asking the enterprise for more is a public reply; the resolve clock waits for the answer. */
export function requestInfo(state: RequestState, user: User, input: RequestInfoInput, moment: Moment): RequestState {
  authorise(state, user, 'requestInfo', moment.now);
  const replied = publicReply(state, moment);
  const next: RequestState = {
    ...replied,
    statusBeforeInfo: state.status,
    clocks: { ...replied.clocks, resolve: pauseClock(replied.clocks.resolve, moment.now) },
  };
  return withEvent(next, user, 'info_requested', 'needs_info', moment, { message: input.message });
}

export function provideInfo(state: RequestState, user: User, input: ProvideInfoInput, moment: Moment): RequestState {
  authorise(state, user, 'provideInfo', moment.now);
  const { statusBeforeInfo, ...rest } = state;
  const next: RequestState = {
    ...rest,
    clocks: { ...state.clocks, resolve: resumeClock(state.clocks.resolve, moment.now, moment.calendar) },
  };
  return withEvent(next, user, 'info_provided', statusBeforeInfo ?? 'in_progress', moment, { message: input.message });
}

export function resolve(state: RequestState, user: User, input: ResolveInput, moment: Moment): RequestState {
  authorise(state, user, 'resolve', moment.now);
  const replied = publicReply(state, moment);
  const next: RequestState = {
    ...replied,
    resolvedAt: moment.now,
    clocks: { ...replied.clocks, resolve: stopClock(replied.clocks.resolve, moment.now) },
  };
  return withEvent(next, user, 'resolved', 'resolved', moment, { message: input.message });
}

export function rate(state: RequestState, user: User, input: RatingInput, moment: Moment): RequestState {
  authorise(state, user, 'rate', moment.now);
  const rating = { satisfied: input.satisfied, score: input.score, at: moment.now, ...(input.comment ? { comment: input.comment } : {}) };
  const details = { ...(input.comment ? { message: input.comment } : {}), score: input.score };
  if (input.satisfied) {
    // Satisfied closes the loop: whatever was still running stops here.
    const clocks = { claim: stopClock(state.clocks.claim, moment.now), resolve: stopClock(state.clocks.resolve, moment.now) };
    return withEvent({ ...state, rating, clocks }, user, 'rated', 'rated', moment, details);
  }
  // Unsatisfied sends it back to the same liaison with a fresh resolve clock.
  return withEvent(restartResolve({ ...state, rating }, moment), user, 'reopened', 'reopened', moment, details);
}

export function reopen(state: RequestState, user: User, input: ReopenInput, moment: Moment): RequestState {
  authorise(state, user, 'reopen', moment.now);
  return withEvent(restartResolve(state, moment), user, 'reopened', 'reopened', moment, { message: input.reason });
}

/**
 * Hands the request to another department's pool with a reason: the new department gets a fresh
 * claim clock; the resolve clock keeps running, since the enterprise's wait does not start over.
 */
export function transfer(
  state: RequestState,
  user: User,
  input: TransferInput,
  target: DepartmentRef,
  moment: Moment,
): RequestState {
  authorise(state, user, 'transfer', moment.now);
  if (state.departments.length === 1 && state.departments[0]!.id === target.id && !state.assignee) {
    throw new DomainError('VALIDATION_FAILED', '转派部门：诉求已在该部门', 'departmentId: already with that department', 'departmentId');
  }
  const { assignee, ...rest } = state;
  void assignee;
  const next: RequestState = {
    ...rest,
    departments: [target],
    involvedDepartmentIds: [...new Set([...state.involvedDepartmentIds, target.id])],
    clocks: { ...state.clocks, claim: startClock(state.clocks.claim.spec, moment.now, moment.calendar) },
  };
  return withEvent(next, user, 'transferred', 'transferred', moment, { message: input.reason, toDepartment: target });
}

export function withdraw(state: RequestState, user: User, input: WithdrawInput, moment: Moment): RequestState {
  authorise(state, user, 'withdraw', moment.now);
  const clocks = { claim: stopClock(state.clocks.claim, moment.now), resolve: stopClock(state.clocks.resolve, moment.now) };
  return withEvent({ ...state, clocks }, user, 'withdrawn', 'withdrawn', moment, input.reason ? { message: input.reason } : {});
}

/** The scheduler, as it appears on timelines. */
const SYSTEM: User = { id: 'system', parkId: '', name: '园企通系统', roles: ['admin'] };

/** Records escalation steps as internal events; steps already taken are skipped, so re-runs change nothing. */
export function escalate(state: RequestState, steps: Escalation[], moment: Moment): RequestState {
  const fresh = steps.filter((step) => !(state.escalations ?? []).includes(step.key));
  return fresh.reduce((current, step, i) => {
    const recorded = { ...current, escalations: [...(current.escalations ?? []), step.key] };
    const which = step.clock === 'claim' ? '响应时限' : '办结时限';
    const message = step.level === 1 ? `${which}已超时，已提醒部门负责人` : `${which}超时已超过 24 小时，已上报园区管理员`;
    return withEvent(recorded, { ...SYSTEM, parkId: state.parkId }, 'escalated', current.status, { ...moment, eventId: `${moment.eventId}${i}` }, {
      message,
      escalation: { clock: step.clock, level: step.level },
      visibility: 'internal',
    });
  }, state);
}

/** Who may see a request at all. Anyone else gets 404, as if it did not exist. */
export function canView(state: RequestState, user: User): boolean {
  if (state.parkId !== user.parkId) return false;
  if (hasRole(user, 'admin')) return true;
  if (hasRole(user, 'enterprise') && user.enterpriseId === state.enterpriseId) return true;
  if (actsForDepartment(user)) return state.involvedDepartmentIds.includes(user.departmentId);
  return false;
}

export function assertCanView(state: RequestState | undefined, user: User): RequestState {
  if (!state || !canView(state, user)) throw notFound('诉求', 'request');
  return state;
}

/** Actions this user may take now, the 7-day reopen window included. */
export function actionsFor(state: RequestState, user: User, now: string): RequestAction[] {
  return allowedActions(standing(state), user).filter((action) => action !== 'reopen' || withinReopenWindow(state, now));
}

export function isOverdue(state: RequestState, now: string): boolean {
  if (state.status === 'withdrawn') return false;
  return isMissed(state.clocks.claim, now) || isMissed(state.clocks.resolve, now);
}

/** The deadline that matters now: the claim clock's until the first public reply, then the resolve clock's. */
export const currentDeadline = (state: RequestState) =>
  state.clocks.claim.stoppedAt ? state.clocks.resolve.deadlineAt : state.clocks.claim.deadlineAt;

export function toSummary(state: RequestState, now: string): RequestSummary {
  return {
    id: state.id,
    parkId: state.parkId,
    enterpriseId: state.enterpriseId,
    enterpriseName: state.enterpriseName,
    categoryId: state.categoryId,
    categoryName: state.categoryName,
    title: state.title,
    status: state.status,
    overdue: isOverdue(state, now),
    submittedAt: state.submittedAt,
    deadlineAt: currentDeadline(state),
    clocks: { claim: clockView(state.clocks.claim, now), resolve: clockView(state.clocks.resolve, now) },
    updatedAt: state.updatedAt,
    departments: state.departments,
    ...(state.assignee ? { assignee: state.assignee } : {}),
  };
}

/** The request as this viewer may see it: enterprises never see internal events. */
export function toView(state: RequestState, viewer: User, now: string): ServiceRequest {
  const seesInternal = !(hasRole(viewer, 'enterprise') && viewer.enterpriseId === state.enterpriseId);
  return {
    ...toSummary(state, now),
    description: state.description,
    fields: state.fields ?? [],
    version: state.version,
    ...(state.rating ? { rating: state.rating } : {}),
    ...(state.resolvedAt
      ? { resolvedAt: state.resolvedAt, reopenableUntil: new Date(Date.parse(state.resolvedAt) + REOPEN_WINDOW_MS).toISOString() }
      : {}),
    allowedActions: actionsFor(state, viewer, now),
    timeline: seesInternal ? state.timeline : state.timeline.filter((e) => e.visibility === 'public'),
    attachments: state.attachments ?? [],
  };
}

const standing = (state: RequestState) => ({
  parkId: state.parkId,
  enterpriseId: state.enterpriseId,
  status: state.status,
  departmentIds: state.departments.map((d) => d.id),
  ...(state.assignee ? { assignee: state.assignee } : {}),
});

const current = (state: RequestState, user: User, now: string) => ({
  status: state.status,
  allowedActions: actionsFor(state, user, now),
});

const withinReopenWindow = (state: RequestState, now: string) =>
  !!state.resolvedAt && Date.parse(now) - Date.parse(state.resolvedAt) <= REOPEN_WINDOW_MS;

/** 403 for someone who may never take this action here; 409 with where it stands for a wrong moment. */
function authorise(state: RequestState, user: User, action: RequestAction, now: string): void {
  if (!mayEverTake(standing(state), user, action)) {
    throw forbidden(`您不能对该诉求执行“${requestActionLabels[action]}”`, `you may not ${action} this request`);
  }
  if (!statusAllows(state.status, action)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `诉求当前为“${requestStatusLabels[state.status]}”，不能${requestActionLabels[action]}`,
      `cannot ${action} a request in status ${state.status}`,
      undefined,
      undefined,
      current(state, user, now),
    );
  }
  if (action === 'reopen' && !withinReopenWindow(state, now)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      '办结已超过 7 天，不能重新打开，请提交新的诉求',
      'the 7-day reopen window has passed',
      undefined,
      undefined,
      current(state, user, now),
    );
  }
}

/** The first public reply of the handling department stops the claim clock. */
function publicReply(state: RequestState, moment: Moment): RequestState {
  return { ...state, clocks: { ...state.clocks, claim: stopClock(state.clocks.claim, moment.now) } };
}

function restartResolve(state: RequestState, moment: Moment): RequestState {
  const { resolvedAt, ...rest } = state;
  void resolvedAt;
  return { ...rest, clocks: { ...state.clocks, resolve: startClock(state.clocks.resolve.spec, moment.now, moment.calendar) } };
}

function withEvent(
  state: RequestState,
  user: User,
  type: TimelineEventType,
  status: RequestStatus,
  moment: Moment,
  details: Partial<Pick<TimelineEvent, 'message' | 'score' | 'toDepartment' | 'visibility' | 'escalation'>> = {},
): RequestState {
  const visibility = details.visibility ?? visibilityOf(type);
  const event: TimelineEvent = { id: moment.eventId, type, at: moment.now, actor: actorOf(user), status, ...details, visibility };
  return { ...state, status, updatedAt: moment.now, version: state.version + 1, timeline: [...state.timeline, event] };
}

const eventAction: Partial<Record<TimelineEventType, RequestAction>> = {
  claimed: 'claim',
  replied: 'reply',
  noted: 'note',
  started: 'start',
  info_requested: 'requestInfo',
  info_provided: 'provideInfo',
  resolved: 'resolve',
  rated: 'rate',
  reopened: 'reopen',
  transferred: 'transfer',
  withdrawn: 'withdraw',
};

const visibilityOf = (type: TimelineEventType) => {
  const action = eventAction[type];
  return action ? transitions[action].visibility : 'public';
};
