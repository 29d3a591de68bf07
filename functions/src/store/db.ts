import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** What every store module needs: the client and the table. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** DynamoDB's refusal of a conditional write (also inside a cancelled transaction). */
export function isConditionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** A conditional UpdateItem: true when it was made, false when DynamoDB refused its condition. */
export async function updateIf(db: Db, update: Omit<UpdateCommandInput, 'TableName'> & { ConditionExpression: string }): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({ TableName: db.tableName, ...update }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Two items as DynamoDB holds them: the same attributes with the same values, whatever their order. */
export function sameItem(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export interface ConditionalPut {
  Item: Record<string, unknown> & { pk: unknown; sk: unknown };
  ConditionExpression: string;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * A conditional Put that a lost answer cannot turn into a refusal. When DynamoDB writes the item
 * but the answer never arrives (a reset connection, a timeout), the SDK sends the same Put again
 * (store/client.ts), and the retry meets the item its own first attempt wrote: the condition
 * (`attribute_not_exists(pk)`, `version = :expected`) fails, and the caller would answer a false
 * 409 (or a 500), or re-decide on a state that already holds its change and do it twice. So on a
 * refusal the item is read again (consistently): if it is exactly what this call wrote — ids,
 * version, timestamps and all, which nobody else could have produced — the write is ours and
 * counts as done. True when the item was written by this call, false when the condition refused it.
 *
 * Transactions need none of this: the SDK gives every TransactWriteItems a ClientRequestToken
 * (once per call, reused by its retries), and DynamoDB answers a repeat within 10 minutes with
 * the first one's success instead of running it again.
 */
export async function putOnce(db: Db, put: ConditionalPut): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({ TableName: db.tableName, ...put }));
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: put.Item.pk, sk: put.Item.sk }, ConsistentRead: true }),
    );
    return !!Item && sameItem(Item, put.Item);
  }
}

type ItemKey = { pk: string; sk: string };

/**
 * Several items by key in one round trip (BatchGetItem, up to 100 keys), in the order asked,
 * undefined where there is none. Keys DynamoDB leaves unprocessed (throttling) are asked again.
 * `consistent` reads them all strongly consistent, as a GetItem with ConsistentRead would.
 */
export async function getItems(db: Db, wanted: ItemKey[], options: { consistent?: boolean } = {}): Promise<(Record<string, unknown> | undefined)[]> {
  const id = (key: { pk?: unknown; sk?: unknown }) => `${String(key.pk)}\u0000${String(key.sk)}`;
  // DynamoDB refuses a batch that names a key twice.
  let Keys: Record<string, unknown>[] | undefined = [...new Map(wanted.map(({ pk, sk }) => [id({ pk, sk }), { pk, sk }])).values()];
  if (Keys.length > 100) throw new Error(`getItems takes up to 100 keys, not ${Keys.length}`);
  const found = new Map<string, Record<string, unknown>>();
  while (Keys?.length) {
    const page = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys, ...(options.consistent ? { ConsistentRead: true } : {}) } } }));
    for (const item of page.Responses?.[db.tableName] ?? []) found.set(id(item), item);
    Keys = page.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined;
  }
  return wanted.map((key) => found.get(id(key)));
}

/** Drops the key and bookkeeping attributes before a record leaves the store. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk, gsi5pk, gsi5sk, entity, ...rest } = item;
  void [pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk, gsi5pk, gsi5sk, entity];
  return rest as T;
}

/** Every page of a query, in order. Only for partitions known to stay small (a user's unread, a park's due list). */
export async function* queryPages(db: Db, input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<QueryCommandOutput> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey }));
    yield page;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** All items of a query (see queryPages). */
export async function queryItems(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(db, input)) items.push(...(page.Items ?? []));
  return items;
}
