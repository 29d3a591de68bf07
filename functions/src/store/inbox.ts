/**
 * The in-app inbox: one item per message per user, and per user one read mark.
 *
 * A message is read when it carries its own `readAt` (POST /v1/inbox/{id}/read), or when its id is
 * at or below the user's read mark (POST /v1/inbox/read-all): "every message up to this one is
 * read". Read-all moves the mark to the newest message with one conditional UpdateItem that only
 * moves it forward, however many messages there are (issue 11). It never writes a message, so the
 * push sender's updates of messages (store/push.ts) can neither conflict with it nor undo it.
 *
 * The mark is a message id, not a time. Ids are ULIDs stamped by the clock the messages are made
 * with (ports/ids.ts, the dev clock included), monotonic within a millisecond, and both the list
 * and the count compare ids with ids: a message that arrives after read-all has a larger id than
 * the newest one read-all saw, even in the same millisecond, and stays unread. (Only a dev clock
 * moved back below the mark stamps new messages under it; those read as read.)
 *
 * Unread messages are also in a sparse index (gsi3, by id) for the count. A message read on its
 * own leaves it; one under the mark stays in it but is not counted: the count reads the index
 * above the mark only. The mark sorts right after the messages in the inbox partition (sk
 * `N~READ`, after every `N#<ulid>`), so the newest-first first page reads it in the same query.
 *
 * Messages are written in the same transaction as the change that caused them (requests.ts, market.ts).
 */
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Notification, NotificationKind } from '@parklink/contract';
import { queryPages, stripKeys, updateIf, type Db } from './db';
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

const MESSAGES = 'N#';
/** After every `N#<ulid>` ('~' sorts after '#' and after every ULID character). */
const READ_MARK_SK = 'N~READ';

/** The user's read mark: INBOX#<user> / N~READ, with `parkId` (a park backup takes it with the inbox). */
export const readMarkKey = (userId: string) => ({ pk: keys.notification(userId, '').pk, sk: READ_MARK_SK });

/** Up to which message (id) everything is read; no `readThrough` if the user never read all. */
export interface ReadMark {
  readThrough?: string;
}

const markOf = (item: Record<string, unknown> | undefined): ReadMark =>
  typeof item?.readThrough === 'string' ? { readThrough: item.readThrough } : {};

const isRead = (record: NotificationRecord, mark: ReadMark) => !!record.readAt || (mark.readThrough !== undefined && record.id <= mark.readThrough);

const toView = (record: NotificationRecord, mark: ReadMark): Notification => ({
  id: record.id,
  kind: record.kind as NotificationKind,
  ...(record.requestId ? { requestId: record.requestId } : {}),
  ...(record.matchId ? { matchId: record.matchId } : {}),
  title: record.title,
  body: record.body,
  at: record.at,
  read: isRead(record, mark),
});

const isMessage = (item: Record<string, unknown>) => typeof item.sk === 'string' && item.sk.startsWith(MESSAGES);

/** Cursors are opaque to clients: the last key, base64url-encoded. */
const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key && isMessage(key) ? Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk })).toString('base64url') : undefined;

function decodeCursor(cursor: string | undefined, userId: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // A cursor can only ever continue the caller's own inbox.
    // Its sort key a message's (`N#…`, the query's prefix): DynamoDB refuses any other start key (a 500).
    return key.pk === keys.notification(userId, '').pk && isKeyValue(key.sk) && key.sk.startsWith(MESSAGES) ? { pk: key.pk, sk: key.sk } : undefined;
  } catch {
    return undefined;
  }
}

/** The mark and the newest messages, newest first: one query, the mark first (it sorts after them). */
const fromTheTop = (userId: string) => ({
  KeyConditionExpression: 'pk = :pk AND sk BETWEEN :messages AND :mark',
  ExpressionAttributeValues: { ':pk': keys.notification(userId, '').pk, ':messages': MESSAGES, ':mark': READ_MARK_SK },
  ScanIndexForward: false,
  // Read right after a read-all (the page reloads when shown): a stale mark would show every message unread again.
  ConsistentRead: true,
});

export interface InboxPage {
  items: Notification[];
  nextCursor?: string;
  /** The mark the page was read with: count the unread with the same one (`unreadCount`). */
  mark: ReadMark;
}

export const inboxStore = {
  /** A page of messages, newest first, with the read mark: the first page in one query, a later one with a GetItem beside it. */
  async page(db: Db, userId: string, limit: number, cursor?: string): Promise<InboxPage> {
    const start = decodeCursor(cursor, userId);
    const view = (items: Record<string, unknown>[], mark: ReadMark, next: Record<string, unknown> | undefined): InboxPage => {
      const nextCursor = encodeCursor(next);
      return { items: items.map((item) => toView(stripKeys<NotificationRecord>(item), mark)), ...(nextCursor ? { nextCursor } : {}), mark };
    };
    if (start) {
      // A later page starts below the mark: read it beside the page.
      const [page, mark] = await Promise.all([
        db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
            ExpressionAttributeValues: { ':pk': keys.notification(userId, '').pk, ':n': MESSAGES },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: start,
          }),
        ),
        inboxStore.readMark(db, userId),
      ]);
      return view((page.Items ?? []).filter(isMessage), mark, page.LastEvaluatedKey);
    }
    // One more than a page: the mark, if there is one, comes first.
    const page = await db.doc.send(new QueryCommand({ TableName: db.tableName, ...fromTheTop(userId), Limit: limit + 1 }));
    const found = page.Items ?? [];
    const mark = markOf(found.find((item) => item.sk === READ_MARK_SK));
    const messages = found.filter(isMessage);
    // No mark: the extra item is a message of the next page, which starts after the last one shown.
    if (messages.length > limit) return view(messages.slice(0, limit), mark, messages[limit - 1]);
    return view(messages, mark, page.LastEvaluatedKey);
  },

  async list(db: Db, userId: string, limit: number, cursor?: string): Promise<{ items: Notification[]; nextCursor?: string }> {
    const { items, nextCursor } = await inboxStore.page(db, userId, limit, cursor);
    return { items, ...(nextCursor ? { nextCursor } : {}) };
  },

  async readMark(db: Db, userId: string): Promise<ReadMark> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: readMarkKey(userId), ConsistentRead: true }));
    return markOf(Item);
  },

  /** The unread messages: in the index, above the mark (read first unless given). One query (in pages of 1 MB). */
  async unreadCount(db: Db, userId: string, known?: ReadMark): Promise<number> {
    const { readThrough } = known ?? (await inboxStore.readMark(db, userId));
    const pk = gsiKeys.unread(userId, '').gsi3pk;
    let count = 0;
    for await (const page of queryPages(db, {
      IndexName: INDEX.gsi3,
      KeyConditionExpression: readThrough ? 'gsi3pk = :pk AND gsi3sk > :through' : 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(readThrough ? { ':through': readThrough } : {}) },
      Select: 'COUNT',
    })) {
      count += page.Count ?? 0;
    }
    return count;
  },

  /**
   * Marks one of the user's own messages read; false if they have no such message. Idempotent: a
   * message read already (on its own, or under the mark) stays read, and leaves the index.
   */
  async markRead(db: Db, userId: string, notificationId: string, at: string): Promise<boolean> {
    return updateIf(db, {
      Key: keys.notification(userId, notificationId),
      UpdateExpression: 'SET readAt = if_not_exists(readAt, :at) REMOVE gsi3pk, gsi3sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    });
  },

  /**
   * Read-all: moves the mark to the newest message — one query for it and the mark, then one
   * conditional UpdateItem that only moves the mark forward — and counts what is unread above it
   * (messages that arrived since), with the write. A concurrent read-all that moved it further wins.
   */
  async markAllRead(db: Db, user: { id: string; parkId: string }): Promise<{ mark: ReadMark; unread: number }> {
    const { Items = [] } = await db.doc.send(new QueryCommand({ TableName: db.tableName, ...fromTheTop(user.id), Limit: 2 }));
    const current = markOf(Items.find((item) => item.sk === READ_MARK_SK));
    const newest = Items.find(isMessage);
    const through = newest ? String(newest.sk).slice(MESSAGES.length) : undefined;
    if (!through || (current.readThrough !== undefined && current.readThrough >= through)) {
      return { mark: current, unread: await inboxStore.unreadCount(db, user.id, current) };
    }
    const mark: ReadMark = { readThrough: through };
    const [moved, unread] = await Promise.all([
      updateIf(db, {
        Key: readMarkKey(user.id),
        UpdateExpression: 'SET #through = :through, #entity = :entity, #park = :park',
        ConditionExpression: 'attribute_not_exists(#through) OR #through < :through',
        ExpressionAttributeNames: { '#through': 'readThrough', '#entity': 'entity', '#park': 'parkId' },
        ExpressionAttributeValues: { ':through': through, ':entity': 'InboxReadMark', ':park': user.parkId },
      }),
      // The index above the new mark does not change with the write: count it meanwhile.
      inboxStore.unreadCount(db, user.id, mark),
    ]);
    if (moved) return { mark, unread };
    const further = await inboxStore.readMark(db, user.id);
    return { mark: further, unread: await inboxStore.unreadCount(db, user.id, further) };
  },

  /** Deletes the user's read mark (erasure: it goes with the inbox, services/erasure.ts). */
  async deleteReadMark(db: Db, userId: string): Promise<void> {
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: readMarkKey(userId) }));
  },
};
