/**
 * Fixed-window counters for the public (no-login) routes: one item per rule, caller and window,
 * incremented atomically and dropped by the table's TTL soon after the window ends.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { keys } from './keys';

export const rateLimitStore = {
  /** Counts one more call in the window starting at `windowStart` (ms) and answers the new total. */
  async hit(db: Db, rule: string, caller: string, windowStart: number, windowMs: number): Promise<number> {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.rateWindow(rule, caller, windowStart),
        UpdateExpression: 'SET entity = :entity, #ttl = :ttl ADD hits :one',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':entity': 'RateWindow', ':ttl': Math.ceil((windowStart + windowMs) / 1000) + 60, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.hits ?? 1);
  },
};
