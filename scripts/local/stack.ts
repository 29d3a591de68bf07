/**
 * The API on loopback for a test or a measurement, on free ports and folders of its own so it runs
 * beside `npm start` and other stacks: DynamoDB Local in memory with the demo park, a local S3
 * server with the dev bucket, and the real handlers under serverless-offline with warm handlers
 * (PARKLINK_RELOAD_HANDLER=false, as in Lambda: nothing is edited during a run) and its own esbuild
 * folder. The browser tests (test/e2e/stack.ts), the benchmark (scripts/bench/main.ts) and the load
 * run (scripts/load/stack.ts) add what they need around it.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentClient } from '../../functions/src/store/client';
import type { Db } from '../../functions/src/store/db';
import { ROOT, startApi } from './api';
import { startDynamo } from './dynamo';
import { freePort } from './ports';
import { DEV_BUCKET, startS3 } from './s3';
import { prepareTable } from './table';

export const STACK_TABLE = 'parklink-dev';

export interface LocalStack {
  apiUrl: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** The stack's table, read and written directly (seeding, checks, an operator's steps). */
  db: Db;
  /** Items the demo park's seed wrote. */
  seeded: number;
  /** What serverless-offline printed (its last 20,000 characters), for a failure's report. */
  apiOutput(): string;
}

export interface LocalStackOptions {
  /** Names the esbuild folder (`.esbuild-<name>`): unique per running stack. */
  name: string;
  /** More environment for the handlers (WeChat, the h5 port for CORS, rate limits …). */
  env?: Record<string, string>;
  /** Print serverless-offline's output as it comes. */
  echo?: boolean;
}

/**
 * Starts the stack. `stop` may be called at any time, also while it is still starting (Ctrl-C): it
 * lets the step under way finish (a child being started is only known once it is up), then stops
 * everything in reverse order, once. A start that fails stops what it had started.
 */
export function startLocalStack(options: LocalStackOptions): { ready: Promise<LocalStack>; stop(): Promise<void> } {
  const esbuildDir = `.esbuild-${options.name}`;
  const stops: (() => Promise<void>)[] = [async () => rmSync(resolve(ROOT, esbuildDir), { recursive: true, force: true })];
  let aborted = false;
  let stopped: Promise<void> | undefined;
  const runStops = () =>
    (stopped ??= (async () => {
      for (const fn of stops.reverse()) await fn().catch(() => {});
    })());
  const step = <T>(value: T): T => {
    if (aborted) throw new Error('interrupted');
    return value;
  };

  const ready = (async (): Promise<LocalStack> => {
    try {
      const dynamo = await startDynamo({ port: await freePort() });
      stops.push(() => dynamo.stop());
      const table = step(await prepareTable(dynamo.client, STACK_TABLE));
      const s3 = await startS3({ port: await freePort(), buckets: [DEV_BUCKET] });
      stops.push(() => s3.stop());
      step(s3);
      const api = await startApi({
        port: await freePort(),
        lambdaPort: await freePort(),
        dynamoEndpoint: dynamo.endpoint,
        ...(options.echo ? { echo: true } : {}),
        env: { S3_ENDPOINT: s3.endpoint, PARKLINK_ESBUILD_DIR: esbuildDir, PARKLINK_RELOAD_HANDLER: 'false', ...options.env },
      });
      stops.push(() => api.child.stop());
      step(api);
      const db: Db = { doc: documentClient({ region: 'cn-north-1', endpoint: dynamo.endpoint }), tableName: STACK_TABLE };
      stops.push(async () => db.doc.destroy());
      return { apiUrl: api.url, dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, db, seeded: table.seeded, apiOutput: () => api.child.output() };
    } catch (error) {
      await runStops();
      throw error;
    }
  })();

  return {
    ready,
    async stop() {
      aborted = true;
      await ready.catch(() => {});
      await runStops();
    },
  };
}
