/**
 * Requests (诉求): one item per request holding its timeline, written whole with a version check
 * (optimistic concurrency) so two writers can never overwrite each other. Keys: see keys.ts.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { nextEscalationAt } from '../domain/escalation';
import type { RequestState } from '../domain/request';
import { notificationItem, type NotificationRecord } from './inbox';
import { isConditionFailure, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, keys } from './keys';

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

/** In the sweep's index while an escalation step is still ahead. */
function dueKeys(state: RequestState) {
  const next = nextEscalationAt(state);
  return next ? gsiKeys.due(state.parkId, next, state.id) : {};
}

/** The item for a state: the sparse GSI keys follow from the state, so lists can never disagree with it. */
function requestItem(state: RequestState) {
  return {
    ...keys.request(state.parkId, state.id),
    ...poolKeys(state),
    ...gsiKeys.enterpriseRequests(state.parkId, state.enterpriseId, state.id),
    ...(state.assignee ? gsiKeys.assigneeRequests(state.parkId, state.assignee.id, state.id) : {}),
    ...dueKeys(state),
    entity: 'Request',
    ...state,
  };
}

async function queryRequests(db: Db, index: string, pkName: string, pkValue: string, newestFirst: boolean) {
  const items: RequestState[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pkName },
        ExpressionAttributeValues: { ':pk': pkValue },
        ScanIndexForward: !newestFirst,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) items.push(stripKeys<RequestState>(item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export const requestStore = {
  async get(db: Db, parkId: string, requestId: string): Promise<RequestState | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: keys.request(parkId, requestId), ConsistentRead: true }),
    );
    return Item ? stripKeys<RequestState>(Item) : undefined;
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
      await db.doc.send(new PutCommand(put));
      return { created: true, state };
    }
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
        await db.doc.send(new PutCommand(put));
      } else {
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
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: INDEX.gsi4,
          KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk <= :now',
          ExpressionAttributeValues: { ':pk': gsiKeys.due(parkId, '', '').gsi4pk, ':now': `${now}#~` },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) ids.push(String(item.sk).replace(/^REQ#/, ''));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return ids;
  },

  listForEnterprise: (db: Db, parkId: string, enterpriseId: string) => {
    const { gsi2pk } = gsiKeys.enterpriseRequests(parkId, enterpriseId, '');
    return queryRequests(db, INDEX.gsi2, 'gsi2pk', gsi2pk, true);
  },

  listForAssignee: (db: Db, parkId: string, userId: string) => {
    const { gsi3pk } = gsiKeys.assigneeRequests(parkId, userId, '');
    return queryRequests(db, INDEX.gsi3, 'gsi3pk', gsi3pk, true);
  },

  /** A department's claimable requests (its categories' new ones and those transferred to it), least time left first. */
  async listPool(db: Db, parkId: string, categoryIds: string[], departmentId: string): Promise<RequestState[]> {
    const partitions = [
      ...categoryIds.map((categoryId) => gsiKeys.categoryPool(parkId, categoryId, '', '').gsi1pk),
      gsiKeys.departmentPool(parkId, departmentId, '', '').gsi1pk,
    ];
    const pools = await Promise.all(partitions.map((pk) => queryRequests(db, INDEX.gsi1, 'gsi1pk', pk, false)));
    const claimDeadline = (r: RequestState) => r.clocks.claim.deadlineAt;
    return pools.flat().sort((a, b) => claimDeadline(a).localeCompare(claimDeadline(b)) || a.id.localeCompare(b.id));
  },
};
