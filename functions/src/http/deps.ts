import { configFromEnv, type Config } from '../config';
import { documentClient } from '../store/client';
import type { Db } from '../store/db';
import { systemClock, type Clock } from '../ports/clock';
import { ulidGenerator, type IdGenerator } from '../ports/ids';
import { lambdaJobs, type Jobs } from '../ports/jobs';
import type { ObjectStorage } from '../ports/objectStorage';
import { lazyObjectStorage } from '../ports/lazyObjectStorage';
import { httpWeChatApi, type WeChatApi } from '../ports/wechat';
import { jsonLogger, type Log } from '../ports/logger';

/** Everything a handler touches outside itself; tests build their own, Lambda builds one per container. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  /** The attachments bucket. */
  storage: ObjectStorage;
  /** Background work an HTTP call starts (the ledger export). */
  jobs: Jobs;
  /** Absent when no WeChat app is configured (local development without an appid). */
  wechat?: WeChatApi;
  log: Log;
}

export function depsFromConfig(config: Config, overrides: Partial<Deps> = {}): Deps {
  const deps: Deps = {
    config,
    db: {
      doc: documentClient({
        region: config.region,
        ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
        ...(config.dynamoRequestTimeoutMs ? { requestTimeoutMs: config.dynamoRequestTimeoutMs } : {}),
      }),
      tableName: config.tableName,
    },
    clock: systemClock,
    newId: ulidGenerator(() => deps.clock.now().getTime()),
    storage: lazyObjectStorage({
      region: config.region,
      bucket: config.bucketName,
      ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
    }),
    jobs: lambdaJobs({
      region: config.region,
      functionName: config.ledgerWorkerFunction,
      ...(config.lambdaEndpoint ? { endpoint: config.lambdaEndpoint } : {}),
    }),
    ...(config.wechat ? { wechat: httpWeChatApi(config.wechat) } : {}),
    // One JSON line per entry, with tokens, people's words, credit codes and phones taken out (ports/logger.ts).
    log: process.env.LOG_LEVEL === 'silent' ? () => {} : jsonLogger((line) => console.log(line)),
    ...overrides,
  };
  return deps;
}

let coldStartDeps: Deps | undefined;

/** Built once per Lambda container (cold start) and reused by every invocation after. */
export function defaultDeps(): Deps {
  coldStartDeps ??= depsFromConfig(configFromEnv());
  return coldStartDeps;
}
