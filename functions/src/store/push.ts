/**
 * The WeChat push outbox and the consent it spends. Every inbox message starts `pending` in a
 * sparse index; the sender leases one (so overlapping runs never send it twice), spends one of the
 * recipient's one-time subscriptions for that template (订阅消息 consent is per template and per
 * message) and marks the message `sendingAt` in one transaction, sends, and settles it — taking it
 * out of the index. A message leased again with `sendingAt` set belongs to a run that died between
 * marking and settling: WeChat may have it, so it is settled as `failed`/`interrupted`, never sent
 * a second time (at most once).
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/** A message this run holds: `sendingAt` set means an earlier run may have handed it to WeChat. */
export type LeasedPush = NotificationRecord & { attempts: number; leaseId: string; sendingAt?: string };

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

  /**
   * Takes a pending message for `leaseMs`; undefined if it is settled or someone else holds it.
   * The lease carries an id of its own, which a retried lease recognises: when the answer of a
   * lease that went through is lost, the SDK's retry is not refused as "someone else holds it".
   */
  async lease(db: Db, push: PendingPush, now: number, leaseMs: number): Promise<LeasedPush | undefined> {
    const leaseId = randomUUID();
    try {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.notification(push.userId, push.notificationId),
          UpdateExpression: 'SET leaseUntil = :until, leaseId = :lease, attempts = if_not_exists(attempts, :zero) + :one',
          ConditionExpression: 'push = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseId = :lease)',
          ExpressionAttributeValues: { ':until': now + leaseMs, ':lease': leaseId, ':zero': 0, ':one': 1, ':pending': 'pending', ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? { ...stripKeys<NotificationRecord & { attempts: number; sendingAt?: string }>(Attributes), leaseId } : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  /**
   * Spends one of the user's consents for `template` and marks the message as being sent, in one
   * transaction, while this run still holds the lease: `no_consent` when none is left, `lost` when
   * the lease has passed to another run. One transaction, so a consent is spent exactly when a
   * message is marked; its retries are idempotent (ClientRequestToken, db.ts putOnce), so a lost
   * answer never spends two.
   */
  async startSending(db: Db, push: PendingPush, leaseId: string, user: { parkId: string; id: string }, template: PushTemplate, at: string): Promise<'started' | 'no_consent' | 'lost'> {
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.tableName,
                Key: keys.user(user.parkId, user.id),
                UpdateExpression: 'SET #credit = #credit - :one',
                ConditionExpression: '#credit > :zero',
                ExpressionAttributeNames: { '#credit': creditAttribute(template) },
                ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
              },
            },
            {
              Update: {
                TableName: db.tableName,
                Key: keys.notification(push.userId, push.notificationId),
                UpdateExpression: 'SET sendingAt = :at',
                ConditionExpression: 'leaseId = :lease AND push = :pending AND attribute_not_exists(sendingAt)',
                ExpressionAttributeValues: { ':at': at, ':lease': leaseId, ':pending': 'pending' },
              },
            },
          ],
        }),
      );
      return 'started';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      return reasons[1]?.Code === 'ConditionalCheckFailed' ? 'lost' : 'no_consent';
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

  /** Gives an attempt whose send threw back to the outbox for the next run (the mark goes too: it may be sent again). */
  async release(db: Db, push: PendingPush): Promise<void> {
    await db.doc.send(
      new UpdateCommand({ TableName: db.tableName, Key: keys.notification(push.userId, push.notificationId), UpdateExpression: 'REMOVE leaseUntil, leaseId, sendingAt' }),
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
