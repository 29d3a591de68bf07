/**
 * After the run, the table itself (read directly with the DocumentClient, consistently) against
 * what the clients were told:
 * - every acknowledged write is there: each request a create answered (201, or 200 for a replayed
 *   key) with its idempotency record pointing at it, each claim that got 200 (its `claimed` event,
 *   the assignee), each reply that got 200 (its `replied` event with its text), each at the version
 *   the client was told;
 * - no request has two claimers: at most one `claimed` event, the assignee is its actor, and at most
 *   one client was told it won (the one the table names);
 * - every timeline is consistent: starts with `submitted`, events in time order with distinct ids,
 *   the version is the number of events (one more per change), the status is the last event's.
 */
import type { RequestState } from '../../functions/src/domain/request';
import { queryItems, stripKeys, type Db } from '../../functions/src/store/db';
import { keys } from '../../functions/src/store/keys';
import { DEMO_PARK_ID } from '../local/table';
import type { Acks } from './users';

export interface CheckResult {
  requests: number;
  /** Requests in the table whose create no client saw answered (in flight at a socket error or at the end). */
  unacknowledgedRequests: number;
  acknowledged: { creates: number; claims: number; replies: number };
  lost: string[];
  inconsistent: string[];
}

export async function checkTable(db: Db, acks: Acks): Promise<CheckResult> {
  const pk = keys.park(DEMO_PARK_ID).pk;
  const read = (prefix: string) =>
    queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    });
  const [requestItems, idempotencyItems] = await Promise.all([read('REQ#'), read('IDEM#')]);
  const requests = new Map(requestItems.map((item) => [String(item.id), stripKeys<RequestState>(item)]));
  const idempotency = new Map(idempotencyItems.map((item) => [String(item.sk), String(item.requestId)]));

  const lost: string[] = [];
  const inconsistent: string[] = [...acks.contradictions];
  /** Each acknowledged write of a request: the event the client's answer says is at position `version`. */
  const told = new Map<string, { version: number; type: string; userId: string; what: string }[]>();
  const tell = (requestId: string, entry: { version: number; type: string; userId: string; what: string }) => {
    const list = told.get(requestId) ?? [];
    list.push(entry);
    told.set(requestId, list);
  };

  const createdIds = new Set<string>();
  for (const ack of acks.creates) {
    createdIds.add(ack.requestId);
    const state = requests.get(ack.requestId);
    if (!state) {
      lost.push(`request ${ack.requestId} (created for ${ack.userId}, answered ${ack.status})`);
      continue;
    }
    const recorded = idempotency.get(keys.idempotency(DEMO_PARK_ID, ack.userId, ack.key).sk);
    if (recorded !== ack.requestId) lost.push(`idempotency key ${ack.key} of ${ack.userId}: table says ${recorded ?? 'nothing'}, client was told ${ack.requestId}`);
    if (state.timeline[0]?.actor.id !== ack.userId) {
      inconsistent.push(`request ${ack.requestId}: submitted by ${state.timeline[0]?.actor.id}, created for ${ack.userId}`);
    }
    if (ack.status === 201) tell(ack.requestId, { version: ack.version, type: 'submitted', userId: ack.userId, what: 'create' });
  }

  const winners = new Map<string, Set<string>>();
  for (const ack of acks.claims) {
    const set = winners.get(ack.requestId) ?? new Set<string>();
    set.add(ack.userId);
    winners.set(ack.requestId, set);
    const state = requests.get(ack.requestId);
    const event = state?.timeline.find((e) => e.type === 'claimed' && e.actor.id === ack.userId);
    if (!state || !event || state.assignee?.id !== ack.userId) {
      lost.push(`claim of ${ack.requestId} by ${ack.userId} (table: assignee ${state?.assignee?.id ?? 'none'})`);
      continue;
    }
    tell(ack.requestId, { version: ack.version, type: 'claimed', userId: ack.userId, what: 'claim' });
  }

  for (const ack of acks.replies) {
    const state = requests.get(ack.requestId);
    const event = state?.timeline.find((e) => e.type === 'replied' && e.actor.id === ack.userId && e.message === ack.message);
    if (!state || !event) {
      lost.push(`reply to ${ack.requestId} by ${ack.userId} ("${ack.message}")`);
      continue;
    }
    tell(ack.requestId, { version: ack.version, type: 'replied', userId: ack.userId, what: `reply "${ack.message}"` });
  }

  for (const [id, users] of winners) {
    if (users.size > 1) inconsistent.push(`request ${id}: ${users.size} clients were told they claimed it (${[...users].join(', ')})`);
  }

  for (const [id, state] of requests) {
    inconsistent.push(...timelineProblems(id, state));
    const claimed = state.timeline.filter((e) => e.type === 'claimed');
    const won = winners.get(id);
    if (won?.size === 1 && claimed.length === 1 && !won.has(claimed[0]!.actor.id)) {
      inconsistent.push(`request ${id}: claimed by ${claimed[0]!.actor.id} in the table, but ${[...won][0]} was told it won`);
    }
    // Two acknowledged writes at one version would be one overwriting the other; each sits where its answer said.
    const versions = new Map<number, string>();
    for (const entry of told.get(id) ?? []) {
      const other = versions.get(entry.version);
      if (other) inconsistent.push(`request ${id}: ${other} and ${entry.what} were both acknowledged at version ${entry.version}`);
      versions.set(entry.version, entry.what);
      const event = state.timeline[entry.version - 1];
      if (!event || event.type !== entry.type || event.actor.id !== entry.userId) {
        inconsistent.push(`request ${id}: ${entry.what} by ${entry.userId} was acknowledged at version ${entry.version}, the timeline has ${event ? `${event.type} by ${event.actor.id}` : 'nothing'} there`);
      }
    }
  }

  return {
    requests: requests.size,
    unacknowledgedRequests: [...requests.keys()].filter((id) => !createdIds.has(id)).length,
    acknowledged: { creates: acks.creates.length, claims: acks.claims.length, replies: acks.replies.length },
    lost,
    inconsistent,
  };
}

function timelineProblems(id: string, state: RequestState): string[] {
  const problems: string[] = [];
  const { timeline } = state;
  if (!timeline.length || timeline[0]!.type !== 'submitted') problems.push(`request ${id}: the timeline does not start with submitted`);
  const ids = new Set<string>();
  for (const [i, event] of timeline.entries()) {
    if (ids.has(event.id)) problems.push(`request ${id}: event ${event.id} appears twice`);
    ids.add(event.id);
    const before = timeline[i - 1];
    if (before && Date.parse(event.at) < Date.parse(before.at)) problems.push(`request ${id}: event ${i + 1} (${event.type} ${event.at}) is before event ${i} (${before.at})`);
  }
  if (state.version !== timeline.length) problems.push(`request ${id}: version ${state.version} after ${timeline.length} events`);
  const last = timeline[timeline.length - 1];
  if (last && state.status !== last.status) problems.push(`request ${id}: status ${state.status}, last event ${last.type} left it ${last.status}`);
  if (last && state.updatedAt !== last.at) problems.push(`request ${id}: updatedAt ${state.updatedAt}, last event at ${last.at}`);
  const claimed = timeline.filter((e) => e.type === 'claimed');
  if (claimed.length > 1) problems.push(`request ${id}: claimed ${claimed.length} times (${claimed.map((e) => e.actor.id).join(', ')})`);
  if (claimed.length === 1 && state.assignee?.id !== claimed[0]!.actor.id) {
    problems.push(`request ${id}: claimed by ${claimed[0]!.actor.id}, assignee ${state.assignee?.id ?? 'none'}`);
  }
  if (!claimed.length && state.assignee) problems.push(`request ${id}: assignee ${state.assignee.id} without a claim`);
  for (const event of timeline.filter((e) => e.type === 'replied')) {
    if (event.actor.id !== state.assignee?.id) problems.push(`request ${id}: reply by ${event.actor.id}, who is not the assignee`);
  }
  return problems;
}
