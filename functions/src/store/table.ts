import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import definition from './table.json';

/**
 * The table's shape, read from table.json — the same file serverless.yml deploys — so the local
 * stack and AWS can never drift apart.
 */
export const tableDefinition = definition as Omit<CreateTableCommandInput, 'TableName'>;

export async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/**
 * Adds the indexes table.json has and the table lacks (one per call, as DynamoDB requires), so a
 * local table made by an older version keeps its data. Deployed tables change through CloudFormation.
 */
export async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const added: string[] = [];
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    const missing = (tableDefinition.GlobalSecondaryIndexes ?? []).find((g) => !existing.has(g.IndexName));
    if (!missing) return added;
    const attributes = new Set(missing.KeySchema!.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: tableDefinition.AttributeDefinitions!.filter((a) => attributes.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: missing }],
      }),
    );
    added.push(missing.IndexName!);
  }
}

/** Creates the table if it is missing; returns whether it did. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  if (await tableExists(client, tableName)) return false;
  await client.send(new CreateTableCommand({ ...tableDefinition, TableName: tableName }));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  return true;
}

export async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if (await tableExists(client, tableName)) await client.send(new DeleteTableCommand({ TableName: tableName }));
}
