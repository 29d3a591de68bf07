/**
 * The load run's own stack on loopback, on free ports, from the same building blocks as `npm start`
 * and the browser tests (scripts/local, test/e2e/stack.ts): DynamoDB Local in memory with the demo
 * park, a local S3 server, and the real handlers under serverless-offline with warm handlers
 * (PARKLINK_RELOAD_HANDLER=false, as in Lambda) and its own esbuild folder. No fake WeChat: nothing
 * in the load run logs in with WeChat or pushes a message (the job timer of `npm start` is not run).
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentClient } from '../../functions/src/store/client';
import type { Db } from '../../functions/src/store/db';
import { ROOT, startApi } from '../local/api';
import { startDynamo } from '../local/dynamo';
import { freePort } from '../local/ports';
import { DEV_BUCKET, startS3 } from '../local/s3';
import { prepareTable } from '../local/table';

export const TABLE = 'parklink-dev';

export interface LoadStack {
  apiUrl: string;
  dynamoEndpoint: string;
  /** The stack's table, read directly (DocumentClient) for seeding and for the checks. */
  db: Db;
  seeded: number;
  /** What serverless-offline printed (its last 20,000 characters), for a failure's report. */
  apiOutput(): string;
  stop(): Promise<void>;
}

export interface LoadStackOptions {
  /** Multiplies the public routes' rate limits (functions/src/config.ts: RATE_LIMIT_FACTOR). */
  rateLimitFactor: number;
  /**
   * Every handler in serverless-offline's own process (PARKLINK_IN_PROCESS, serverless.yml), warm
   * after its first call, instead of a worker per simultaneous call (a cold start each, see warmup.ts).
   */
  inProcess: boolean;
  echo: boolean;
}

/**
 * Starts the stack; `stop` may be called at any time, also while it is still starting (Ctrl-C):
 * it lets the step under way finish (a child being started is only known once it is up), then
 * stops everything in reverse order, once.
 */
export function startLoadStack(options: LoadStackOptions): { ready: Promise<LoadStack>; stop(): Promise<void> } {
  const esbuildDir = `.esbuild-load-${process.pid}`;
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

  const ready = (async (): Promise<LoadStack> => {
    try {
      const dynamo = await startDynamo({ port: await freePort() });
      stops.push(() => dynamo.stop());
      const table = step(await prepareTable(dynamo.client, TABLE));
      const s3 = await startS3({ port: await freePort(), buckets: [DEV_BUCKET] });
      stops.push(() => s3.stop());
      step(s3);
      const api = await startApi({
        port: await freePort(),
        lambdaPort: await freePort(),
        dynamoEndpoint: dynamo.endpoint,
        echo: options.echo,
        env: {
          S3_ENDPOINT: s3.endpoint,
          PARKLINK_ESBUILD_DIR: esbuildDir,
          // Warm handlers, as in Lambda: nothing is edited during the run.
          PARKLINK_RELOAD_HANDLER: 'false',
          PARKLINK_IN_PROCESS: String(options.inProcess),
          RATE_LIMIT_FACTOR: String(options.rateLimitFactor),
        },
      });
      stops.push(() => api.child.stop());
      step(api);
      const db: Db = { doc: documentClient({ region: 'cn-north-1', endpoint: dynamo.endpoint }), tableName: TABLE };
      stops.push(async () => db.doc.destroy());
      return { apiUrl: api.url, dynamoEndpoint: dynamo.endpoint, db, seeded: table.seeded, apiOutput: () => api.child.output(), stop: runStops };
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
