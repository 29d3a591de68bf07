/**
 * A match (对接) between a need and a resource: proposed by one side, accepted or declined by the
 * other, then followed by either side to success or failure with an outcome. One table says which
 * side may do what in which status; every step is a timeline event.
 *
 * | status      | the proposing side | the other side     | either side          |
 * |-------------|--------------------|--------------------|----------------------|
 * | proposed    | withdraw           | accept, decline    |                      |
 * | in_progress |                    |                    | note, succeed, fail  |
 * | declined, withdrawn, succeeded, failed: nothing more                         |
 */
import type { Match, MatchAction, MatchEvent, MatchOutcome, MatchStatus, PostOwner } from '@parklink/contract';
import { DomainError, forbidden, notFound } from '../errors';
import { actorOf, hasRole, type User } from '../user';
import { actsFor, isOpen, type NeedRecord, type ResourceRecord } from './posts';

export type Side = 'need' | 'resource';

interface PostRef {
  id: string;
  title: string;
  kind: NeedRecord['kind'];
  owner: PostOwner;
}

export interface MatchRecord {
  id: string;
  parkId: string;
  status: MatchStatus;
  need: PostRef;
  resource: PostRef;
  proposedBy: Side;
  outcome?: MatchOutcome;
  timeline: MatchEvent[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

const TERMINAL: MatchStatus[] = ['declined', 'withdrawn', 'succeeded', 'failed'];
export const isActive = (m: Pick<MatchRecord, 'status'>) => !TERMINAL.includes(m.status);

/** The side a user acts for on this match, if any. */
export function sideOf(user: User, match: Pick<MatchRecord, 'need' | 'resource'>): Side | undefined {
  if (actsFor(user, match.need.owner)) return 'need';
  if (actsFor(user, match.resource.owner)) return 'resource';
  return undefined;
}

/** Its two sides and the park admin see a match; to anyone else it does not exist. */
export function assertCanViewMatch(match: MatchRecord | undefined, user: User): MatchRecord {
  if (!match || match.parkId !== user.parkId) throw notFound('对接', 'match');
  if (!sideOf(user, match) && !hasRole(user, 'admin')) throw notFound('对接', 'match');
  return match;
}

export function allowedActions(match: MatchRecord, side: Side | undefined): MatchAction[] {
  if (!side) return [];
  if (match.status === 'proposed') return side === match.proposedBy ? ['withdraw'] : ['accept', 'decline'];
  if (match.status === 'in_progress') return ['note', 'succeed', 'fail'];
  return [];
}

const ref = (p: NeedRecord | ResourceRecord): PostRef => ({ id: p.id, title: p.title, kind: p.kind, owner: p.owner });

/** A new proposal by the user's side; both posts must be open and the user on exactly one side. */
export function propose(need: NeedRecord, resource: ResourceRecord, user: User, message: string | undefined, id: string, eventId: string, now: string): MatchRecord {
  const draft = { need: ref(need), resource: ref(resource) };
  const side = sideOf(user, draft);
  if (!side) throw forbidden('只有需求方或资源方可以发起对接', 'only the need’s or the resource’s side proposes');
  if (actsFor(user, need.owner) && actsFor(user, resource.owner)) {
    throw new DomainError('VALIDATION_FAILED', '不能与自己发布的内容对接', 'resourceId: both posts are yours', 'resourceId');
  }
  for (const [post, field] of [[need, 'needId'], [resource, 'resourceId']] as const) {
    if (!isOpen(post, now)) throw new DomainError('INVALID_TRANSITION', `${field === 'needId' ? '需求' : '资源'}已暂停或关闭，不能对接`, `${field}: not open`, field);
  }
  return {
    id,
    parkId: need.parkId,
    status: 'proposed',
    ...draft,
    proposedBy: side,
    timeline: [event(eventId, 'proposed', user, side, now, message)],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export interface MatchStep {
  action: Exclude<MatchAction, never>;
  message?: string;
  outcome?: MatchOutcome;
}

const NEXT: Partial<Record<MatchAction, MatchStatus>> = {
  accept: 'in_progress',
  decline: 'declined',
  withdraw: 'withdrawn',
  succeed: 'succeeded',
  fail: 'failed',
};
const EVENT: Record<MatchAction, MatchEvent['type']> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  note: 'noted',
  succeed: 'succeeded',
  fail: 'failed',
};

/** The match after the user's step, or a 409 naming the status and what this user may do. */
export function step(match: MatchRecord, user: User, change: MatchStep, eventId: string, now: string): MatchRecord {
  const side = sideOf(user, match);
  if (!side) throw forbidden('只有对接双方可以操作', 'only the two sides act on a match');
  const allowed = allowedActions(match, side);
  if (!allowed.includes(change.action)) {
    throw new DomainError('INVALID_TRANSITION', '当前状态下不能这样操作', `cannot ${change.action} a ${match.status} match`, undefined, undefined, {
      status: match.status,
      allowedActions: allowed,
    });
  }
  return {
    ...match,
    status: NEXT[change.action] ?? match.status,
    ...(change.outcome ? { outcome: change.outcome } : {}),
    timeline: [...match.timeline, event(eventId, EVENT[change.action], user, side, now, change.message ?? change.outcome?.note)],
    updatedAt: now,
    version: match.version + 1,
  };
}

function event(id: string, type: MatchEvent['type'], user: User, side: Side, at: string, message?: string): MatchEvent {
  return { id, type, at, actor: actorOf(user), side, ...(message ? { message } : {}) };
}

export function matchView(match: MatchRecord, viewer: User): Match {
  const { parkId, ...rest } = match;
  void parkId;
  const side = sideOf(viewer, match);
  return { ...rest, ...(side ? { viewerSide: side } : {}), allowedActions: allowedActions(match, side) };
}

/** Who hears about a step: the members of the side that did not take it. */
export const otherSide = (side: Side): Side => (side === 'need' ? 'resource' : 'need');
