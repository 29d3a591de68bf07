/** Bulk writes for the benchmark: BatchWriteItem, 25 items a call, a few calls in flight at once. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../functions/src/store/db';

/** DynamoDB's limit per BatchWriteItem call. */
const BATCH = 25;
const MAX_ATTEMPTS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes one batch; what DynamoDB leaves unprocessed (throttling, size) is retried with backoff. */
async function writeBatch(db: Db, items: Record<string, unknown>[]): Promise<void> {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 1; requests.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`${requests.length} items still unprocessed after ${MAX_ATTEMPTS} attempts`);
    const { UnprocessedItems } = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
    const unprocessed = UnprocessedItems?.[db.tableName] ?? [];
    requests = unprocessed.flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
    if (requests.length > 0) await sleep(Math.min(2_000, 25 * 2 ** attempt));
  }
}

/**
 * Writes every item with at most `concurrency` batches in flight: enough to keep DynamoDB Local's
 * threads busy, few enough that requests do not just queue behind each other.
 */
export async function writeAll(
  db: Db,
  items: Record<string, unknown>[],
  concurrency: number,
  onProgress?: (written: number) => void,
): Promise<void> {
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, (next += BATCH));
      await writeBatch(db, batch);
      written += batch.length;
      onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
