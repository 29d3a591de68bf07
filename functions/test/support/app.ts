/**
 * A test app: the real handlers and middleware over a fresh table in DynamoDB Local, seeded with
 * the demo park and a second park (to prove nobody crosses between parks).
 */
import { inject } from 'vitest';
import type { Session } from '@parklink/contract';
import { dropTable, ensureTable } from '../../src/store/table';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { depsFromConfig, type Deps } from '../../src/http/deps';
import { dispatch } from '../../src/http/middleware';
import { allRoutes } from '../../src/http/all';
import { demoPark } from '../../src/seed/demoPark';
import { writeParkSeed } from '../../src/seed/parkSeed';
import type { Config } from '../../src/config';
import type { Clock } from '../../src/ports/clock';
import { createBucket } from '../../../scripts/local/s3';
import { gatewayEvent, type CallOptions } from './events';
import { inProcessJobs } from '../../src/ports/jobs';
import { runLedgerExport } from '../../src/services/ledgerExport';

export const OTHER_PARK = 'park-other';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

/** A clock that stands still until a test moves it. */
export function manualClock(start = '2026-11-23T01:00:00.000Z'): Clock & { advanceHours(hours: number): void } {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advanceHours: (hours) => {
      now += hours * 3_600_000;
    },
  };
}

export interface TestApp {
  deps: Deps;
  call<T = any>(method: string, url: string, options?: CallOptions): Promise<TestResponse<T>>;
  login(userId: string): Promise<string>;
  /** Same handlers and table, different settings (e.g. stage prod). */
  withConfig(overrides: Partial<Config>, deps?: Partial<Deps>): TestApp;
  close(): Promise<void>;
}

export async function createTestApp(options: { config?: Partial<Config>; deps?: Partial<Deps> } = {}): Promise<TestApp> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `t-${Math.random().toString(36).slice(2, 10)}`;
  const admin = new DynamoDBClient({
    region: 'cn-north-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(admin, tableName);
  const s3Endpoint = inject('s3Endpoint');
  const bucketName = `b-${tableName.slice(2)}`;
  await createBucket(s3Endpoint, bucketName);
  const config: Config = {
    stage: 'test',
    tableName,
    region: 'cn-north-1',
    dynamoEndpoint: endpoint,
    bucketName,
    s3Endpoint,
    jwtSecret: 'test-secret-test-secret-test-secret!',
    tokenTtlSeconds: 7200,
    rateLimitFactor: 1,
    ledgerWorkerFunction: 'unused-in-tests',
    ...options.config,
  };
  const deps = depsFromConfig(config, { log: () => {}, ...options.deps });
  // Background jobs run here, on these deps (the worker Lambda's code, without Lambda).
  if (!options.deps?.jobs) deps.jobs = inProcessJobs((job) => runLedgerExport(deps, job));
  await writeParkSeed(deps.db, demoPark());
  await writeParkSeed(deps.db, demoPark(OTHER_PARK, '滨江软件园'));

  const build = (appDeps: Deps): TestApp => {
    const app: TestApp = {
      deps: appDeps,
      async call(method, url, callOptions) {
        const result = await dispatch(allRoutes, gatewayEvent(method, url, callOptions), appDeps);
        return {
          status: result.statusCode,
          body: result.body ? JSON.parse(result.body) : undefined,
          headers: (result.headers ?? {}) as Record<string, string>,
        };
      },
      async login(userId) {
        const response = await app.call<Session>('POST', '/v1/auth/dev', { body: { userId } });
        if (response.status !== 200) throw new Error(`login ${userId}: ${JSON.stringify(response.body)}`);
        return response.body.token;
      },
      withConfig: (overrides, more) => build({ ...appDeps, ...more, config: { ...appDeps.config, ...overrides } }),
      async close() {
        appDeps.db.doc.destroy();
        await dropTable(admin, tableName);
        admin.destroy();
      },
    };
    return app;
  };
  return build(deps);
}

/** Users of the demo park; the second park's users are the same people with ids prefixed `park-other-`. */
export const demoUsers = {
  admin: 'u-admin',
  enterprise: 'u-ent-xinrui',
  otherEnterprise: 'u-ent-hengtong',
  approvals: 'u-approvals-1',
  approvalsHead: 'u-approvals-head',
  tax: 'u-tax-1',
  adbc: 'u-adbc-1',
  adbcHead: 'u-adbc-head',
  psbc: 'u-psbc-1',
  psbcHead: 'u-psbc-head',
} as const;

export const otherParkUser = (id: string) => `${OTHER_PARK}-${id}`;

export const validRequest = {
  categoryId: 'cat-approval',
  title: '新厂房环评审批进度',
  description: '新厂房的环评审批材料已提交两周，想了解进度以及还缺哪些材料。',
};
