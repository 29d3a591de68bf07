/**
 * Requests (诉求): one item per request holding its timeline, written whole with a version check
 * (optimistic concurrency) so two writers can never overwrite each other. Keys: see keys.ts.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { nextEscalationAt } from '../domain/escalation';
import type { WorkCalendar } from '../domain/calendar';
import { currentDeadline, isOpen, type RequestState } from '../domain/request';
import { workCalendarOf } from './directory';
import { notificationItem, type NotificationRecord } from './inbox';
import { upgradeRequest } from './legacy';
import { getItems, isConditionFailure, putOnce, queryItems, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, idRange, keys } from './keys';

/** Somebody else saved the request first; re-read and try again. */
export class VersionConflict extends Error {
  constructor(readonly requestId: string) {
    super(`request ${requestId} changed while it was being updated`);
    this.name = 'VersionConflict';
  }
}

export interface IdempotencyKey {
  userId: string;
  key: string;
}

/** How long a create can be safely retried with the same key. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/**
 * Where an unclaimed request waits: a new one in its category's pool (any of the category's
 * departments may claim it), a transferred one in its new department's pool.
 */
function poolKeys(state: RequestState) {
  if (state.assignee) return {};
  const deadline = state.clocks.claim.deadlineAt;
  if (state.status === 'submitted') return gsiKeys.categoryPool(state.parkId, state.categoryId, deadline, state.id);
  if (state.status === 'transferred' && state.departments[0]) {
    return gsiKeys.departmentPool(state.parkId, state.departments[0].id, deadline, state.id);
  }
  return {};
}

/** An assigned request in its liaison's lists and, while open, in its department's. */
function assignedKeys(state: RequestState) {
  if (!state.assignee) return {};
  const open = isOpen(state);
  return {
    ...gsiKeys.assigneeRequests(state.parkId, state.assignee.id, open, open ? currentDeadline(state) : state.updatedAt, state.id),
    ...(open ? gsiKeys.departmentAssigned(state.parkId, state.assignee.departmentId, currentDeadline(state), state.id) : {}),
  };
}

/** In the sweep's index while an escalation step is still ahead. */
function dueKeys(state: RequestState) {
  const next = nextEscalationAt(state);
  return next ? gsiKeys.due(state.parkId, next, state.id) : {};
}

/**
 * The item for a state: the sparse GSI keys follow from the state, so lists can never disagree with
 * it. Exported for the benchmarks, which write requests exactly as the app does.
 */
export function requestItem(state: RequestState) {
  return {
    ...keys.request(state.parkId, state.id),
    ...poolKeys(state),
    ...gsiKeys.enterpriseRequests(state.parkId, state.enterpriseId, state.id),
    ...assignedKeys(state),
    ...dueKeys(state),
    entity: 'Request',
    ...state,
  };
}

export const requestStore = {
  /** A park's requests submitted in [start, end] (ms): their ULIDs begin with the time, so this is one key range. */
  async submittedBetween(db: Db, parkId: string, start: number, end: number): Promise<RequestState[]> {
    const [from, to] = idRange(start, end);
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.request(parkId, '').pk, ':from': `REQ#${from}`, ':to': `REQ#${to}` },
    });
    return items.map((i) => upgradeRequest(stripKeys<RequestState>(i)));
  },

  async get(db: Db, parkId: string, requestId: string): Promise<RequestState | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: keys.request(parkId, requestId), ConsistentRead: true }),
    );
    return Item ? upgradeRequest(stripKeys<RequestState>(Item)) : undefined;
  },

  /** The request (consistently) and its park's working calendar, in one round trip: what a change decides on. */
  async getWithCalendar(db: Db, parkId: string, requestId: string): Promise<{ state: RequestState | undefined; calendar: WorkCalendar }> {
    const [item, calendar] = await getItems(db, [keys.request(parkId, requestId), keys.calendar(parkId)], { consistent: true });
    return { state: item ? upgradeRequest(stripKeys<RequestState>(item)) : undefined, calendar: workCalendarOf(calendar) };
  },

  /**
   * Writes a new request. With an idempotency key, the request and the key's record are written in
   * one transaction; if the key was used before, nothing is written and the earlier request is returned.
   */
  async create(
    db: Db,
    state: RequestState,
    idempotency: IdempotencyKey | undefined,
    nowEpochSeconds: number,
  ): Promise<{ created: boolean; state: RequestState }> {
    const put = {
      TableName: db.tableName,
      Item: requestItem(state),
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    if (!idempotency) {
      // putOnce: a retried Put that meets its own first attempt is our request, not a taken id (db.ts).
      if (!(await putOnce(db, put))) throw new Error(`request id ${state.id} is taken`);
      return { created: true, state };
    }
    // With a key, a transaction: its retries are idempotent by its ClientRequestToken (db.ts putOnce).
    const idemKey = keys.idempotency(state.parkId, idempotency.userId, idempotency.key);
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...idemKey,
                  entity: 'IdempotencyKey',
                  parkId: state.parkId,
                  requestId: state.id,
                  ttl: nowEpochSeconds + IDEMPOTENCY_TTL_SECONDS,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { created: true, state };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: idemKey, ConsistentRead: true }));
      const earlier = Item ? await requestStore.get(db, state.parkId, String(Item.requestId)) : undefined;
      if (!earlier) throw error;
      return { created: false, state: earlier };
    }
  },

  /**
   * Saves the next state only if nobody saved since `next.version - 1` was read, together with the
   * inbox messages the change causes: all or nothing, so a message exists exactly when its change does.
   */
  async save(db: Db, next: RequestState, notifications: NotificationRecord[] = []): Promise<void> {
    const put = {
      TableName: db.tableName,
      Item: requestItem(next),
      ConditionExpression: 'attribute_exists(pk) AND version = :expected',
      ExpressionAttributeValues: { ':expected': next.version - 1 },
    };
    try {
      if (notifications.length === 0) {
        // A retried Put that meets its own first attempt is this save done, not a lost race: without
        // putOnce (db.ts) applyChange re-decided on a state already holding its change — a note
        // answered 409 (or added twice), a change without messages refused as if someone else won.
        if (!(await putOnce(db, put))) throw new VersionConflict(next.id);
      } else {
        // With messages, a transaction: its retries are idempotent by its ClientRequestToken (db.ts putOnce).
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              ...notifications.map((n) => ({
                Put: { TableName: db.tableName, Item: notificationItem(n), ConditionExpression: 'attribute_not_exists(pk)' },
              })),
            ],
          }),
        );
      }
    } catch (error) {
      if (isConditionFailure(error)) throw new VersionConflict(next.id);
      throw error;
    }
  },

  /** Ids of a park's requests whose next escalation step is due by `now`. */
  async listDue(db: Db, parkId: string, now: string): Promise<string[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi4,
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk <= :now',
      ExpressionAttributeValues: { ':pk': gsiKeys.due(parkId, '', '').gsi4pk, ':now': `${now}#~` },
    });
    return items.map((item) => String(item.sk).replace(/^REQ#/, ''));
  },

};
