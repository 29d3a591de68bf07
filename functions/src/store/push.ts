/**
 * The WeChat push outbox and the consent it spends. Every inbox message starts `pending` in a
 * sparse index; the sender leases one (so overlapping runs never send it twice), spends one of the
 * recipient's one-time subscriptions for that template (订阅消息 consent is per template and per
 * message), sends, and settles it — taking it out of the index.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PushTemplate } from '../domain/push';
import { isConditionFailure, stripKeys, type Db } from './db';
import type { NotificationRecord, PushState } from './inbox';
import { INDEX, gsiKeys, keys } from './keys';

/** Consent a user can bank per template: WeChat's one-time subscriptions accumulate, but not forever. */
export const MAX_PUSH_CREDITS = 50;
const creditAttribute = (template: PushTemplate) => `pushCredits_${template}`;

export interface PendingPush {
  userId: string;
  notificationId: string;
}

export const pushStore = {
  async listPending(db: Db, limit: number): Promise<PendingPush[]> {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: INDEX.gsi4,
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': gsiKeys.pushPending('', '').gsi4pk },
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => ({
      userId: String(item.pk).replace(/^INBOX#/, ''),
      notificationId: String(item.sk).replace(/^N#/, ''),
    }));
  },

  /** Takes a pending message for `leaseMs`; undefined if it is settled or someone else holds it. */
  async lease(db: Db, push: PendingPush, now: number, leaseMs: number): Promise<(NotificationRecord & { attempts: number }) | undefined> {
    try {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.notification(push.userId, push.notificationId),
          UpdateExpression: 'SET leaseUntil = :until, attempts = if_not_exists(attempts, :zero) + :one',
          ConditionExpression: 'push = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeValues: { ':until': now + leaseMs, ':zero': 0, ':one': 1, ':pending': 'pending', ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? stripKeys(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  /** Settles a message for good and takes it out of the outbox. */
  async settle(db: Db, push: PendingPush, state: Exclude<PushState, 'pending'>, reason: string, at: string): Promise<void> {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.notification(push.userId, push.notificationId),
        UpdateExpression: 'SET push = :state, pushReason = :reason, pushedAt = :at REMOVE gsi4pk, gsi4sk, leaseUntil',
        ExpressionAttributeValues: { ':state': state, ':reason': reason, ':at': at },
      }),
    );
  },

  /** Gives a failed attempt back to the outbox for the next run. */
  async release(db: Db, push: PendingPush): Promise<void> {
    await db.doc.send(
      new UpdateCommand({ TableName: db.tableName, Key: keys.notification(push.userId, push.notificationId), UpdateExpression: 'REMOVE leaseUntil' }),
    );
  },

  /** Banks one more consent per accepted template (capped). */
  async addCredits(db: Db, parkId: string, userId: string, templates: PushTemplate[]): Promise<void> {
    for (const template of templates) {
      await db.doc
        .send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.user(parkId, userId),
            UpdateExpression: 'SET #credit = if_not_exists(#credit, :zero) + :one',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#credit) OR #credit < :max)',
            ExpressionAttributeNames: { '#credit': creditAttribute(template) },
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': MAX_PUSH_CREDITS },
          }),
        )
        .catch((error) => {
          if (!isConditionFailure(error)) throw error;
        });
    }
  },

  /** Spends one consent; false when the user has none left for this template. */
  async takeCredit(db: Db, parkId: string, userId: string, template: PushTemplate): Promise<boolean> {
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.user(parkId, userId),
          UpdateExpression: 'SET #credit = #credit - :one',
          ConditionExpression: '#credit > :zero',
          ExpressionAttributeNames: { '#credit': creditAttribute(template) },
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async setCredits(db: Db, parkId: string, userId: string, template: PushTemplate, credits: number): Promise<void> {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.user(parkId, userId),
        UpdateExpression: 'SET #credit = :credits',
        ExpressionAttributeNames: { '#credit': creditAttribute(template) },
        ExpressionAttributeValues: { ':credits': credits },
      }),
    );
  },

  async credits(db: Db, parkId: string, userId: string): Promise<Record<PushTemplate, number>> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(parkId, userId), ConsistentRead: true }));
    return { progress: Number(Item?.[creditAttribute('progress')] ?? 0), todo: Number(Item?.[creditAttribute('todo')] ?? 0) };
  },
};
