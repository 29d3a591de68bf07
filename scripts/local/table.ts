/** The table and the demo park, as `npm start` and the tests need them. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addMissingIndexes, ensureTable } from '../../functions/src/store/table';
import { keys } from '../../functions/src/store/keys';
import { demoPark } from '../../functions/src/seed/demoPark';
import { SEED_VERSION, refreshParkSeed, writeParkSeed } from '../../functions/src/seed/parkSeed';
import type { Db } from '../../functions/src/store/db';

export const DEMO_PARK_ID = 'park-demo';

export function localDb(client: DynamoDBClient, tableName: string): Db {
  return { doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName };
}

/**
 * Creates the table if needed (or adds indexes a newer version defines), seeds the demo park if it
 * is not there, and refreshes its park-level records if an older version seeded it.
 */
export async function prepareTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<{ created: boolean; seeded: number; indexesAdded: string[]; refreshed: number }> {
  const created = await ensureTable(client, tableName);
  const indexesAdded = created ? [] : await addMissingIndexes(client, tableName);
  const db = localDb(client, tableName);
  const { Item } = await db.doc.send(new GetCommand({ TableName: tableName, Key: keys.park(DEMO_PARK_ID) }));
  const seed = demoPark(DEMO_PARK_ID);
  const seeded = Item ? 0 : await writeParkSeed(db, seed);
  const refreshed = Item && Number(Item.seedVersion ?? 1) < SEED_VERSION ? await refreshParkSeed(db, seed) : 0;
  return { created, seeded, indexesAdded, refreshed };
}
