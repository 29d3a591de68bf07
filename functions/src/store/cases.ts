/**
 * Co-building cases: one item per case with its timeline, saved whole on its version. A park keeps
 * tens to hundreds a year, so lists and the summary read the park's case range (newest first) and
 * filter in memory. Keys: see keys.ts.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '../domain/cases/case';
import { putOnce, queryItems, stripKeys, type Db } from './db';
import { keys, parkPk } from './keys';

const caseItem = (c: CaseRecord) => ({ ...keys.case(c.parkId, c.id), entity: 'CoBuildingCase', ...c });

export const caseStore = {
  /**
   * Both writes go through putOnce (db.ts): when the SDK retries a Put whose answer was lost, the
   * retry meets the case its first attempt wrote, and that is this write done — not a 500 for a
   * taken id, nor a false 409 for a confirmation that did happen.
   */
  async create(db: Db, c: CaseRecord): Promise<void> {
    if (!(await putOnce(db, { Item: caseItem(c), ConditionExpression: 'attribute_not_exists(pk)' }))) throw new Error(`case id ${c.id} is taken`);
  },

  /** Saves on the version read; false when someone saved first. */
  async save(db: Db, next: CaseRecord, previousVersion: number): Promise<boolean> {
    return putOnce(db, { Item: caseItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previousVersion } });
  },

  async get(db: Db, parkId: string, id: string): Promise<CaseRecord | undefined> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.case(parkId, id), ConsistentRead: true }));
    return Item ? stripKeys<CaseRecord>(Item) : undefined;
  },

  /** Every case of a park (the summary's input). */
  async all(db: Db, parkId: string): Promise<CaseRecord[]> {
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': parkPk(parkId), ':prefix': 'CASE#' },
      ScanIndexForward: false,
    });
    return items.map((i) => stripKeys<CaseRecord>(i));
  },

  /** A page of a park's cases, newest first, that `keep` accepts; the cursor is the last case id consumed. */
  async page(db: Db, parkId: string, keep: (c: CaseRecord) => boolean, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }> {
    const items: CaseRecord[] = [];
    let start: Record<string, unknown> | undefined = cursor ? keys.case(parkId, cursor) : undefined;
    let last: string | undefined;
    for (;;) {
      const page = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': parkPk(parkId), ':prefix': 'CASE#' },
          ScanIndexForward: false,
          Limit: 50,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const c = stripKeys<CaseRecord>(item);
        last = c.id;
        if (keep(c)) items.push(c);
        if (items.length >= limit) return { items, nextCursor: last };
      }
      if (!page.LastEvaluatedKey) return { items };
      start = page.LastEvaluatedKey;
    }
  },
};
