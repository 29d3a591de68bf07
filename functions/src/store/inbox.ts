/**
 * The in-app inbox: one item per message per user, unread ones also in a sparse index for the
 * count. Messages are written in the same transaction as the change that caused them (requests.ts).
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notification, NotificationKind } from '@parklink/contract';
import { isConditionFailure, queryItems, queryPages, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, isKeyValue, keys } from './keys';

/** Where a message stands with WeChat: waiting in the outbox, or done one way or another. */
export type PushState = 'pending' | 'sent' | 'refused' | 'skipped' | 'failed';

export interface NotificationRecord extends Omit<Notification, 'read'> {
  parkId: string;
  userId: string;
  readAt?: string;
  push?: PushState;
}

export function notificationItem(record: NotificationRecord) {
  return {
    ...keys.notification(record.userId, record.id),
    ...(record.readAt ? {} : gsiKeys.unread(record.userId, record.id)),
    ...(record.push === 'pending' ? gsiKeys.pushPending(record.at, record.id) : {}),
    entity: 'Notification',
    ...record,
  };
}

const toView = (record: NotificationRecord): Notification => ({
  id: record.id,
  kind: record.kind as NotificationKind,
  ...(record.requestId ? { requestId: record.requestId } : {}),
  ...(record.matchId ? { matchId: record.matchId } : {}),
  title: record.title,
  body: record.body,
  at: record.at,
  read: !!record.readAt,
});

/** Cursors are opaque to clients: the last key, base64url-encoded. */
const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

function decodeCursor(cursor: string | undefined, userId: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // A cursor can only ever continue the caller's own inbox.
    // Its sort key a message's (`N#…`, the query's prefix): DynamoDB refuses any other start key (a 500).
    return key.pk === keys.notification(userId, '').pk && isKeyValue(key.sk) && key.sk.startsWith('N#') ? { pk: key.pk, sk: key.sk } : undefined;
  } catch {
    return undefined;
  }
}

export const inboxStore = {
  async list(db: Db, userId: string, limit: number, cursor?: string) {
    const start = decodeCursor(cursor, userId);
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        ExpressionAttributeValues: { ':pk': keys.notification(userId, '').pk, ':n': 'N#' },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (page.Items ?? []).map((item) => toView(stripKeys<NotificationRecord>(item)));
    const nextCursor = encodeCursor(page.LastEvaluatedKey);
    return { items, ...(nextCursor ? { nextCursor } : {}) };
  },

  async unreadCount(db: Db, userId: string): Promise<number> {
    let count = 0;
    const unread = { IndexName: INDEX.gsi3, KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': gsiKeys.unread(userId, '').gsi3pk } };
    for await (const page of queryPages(db, { ...unread, Select: 'COUNT' })) count += page.Count ?? 0;
    return count;
  },

  /** Marks one of the user's own messages read; false if they have no such message. */
  async markRead(db: Db, userId: string, notificationId: string, at: string): Promise<boolean> {
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.notification(userId, notificationId),
          UpdateExpression: 'SET readAt = if_not_exists(readAt, :at) REMOVE gsi3pk, gsi3sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async unreadIds(db: Db, userId: string): Promise<string[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi3,
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': gsiKeys.unread(userId, '').gsi3pk },
    });
    return items.map((item) => String(item.gsi3sk));
  },
};
