/**
 * The whole product for a browser test file, on ports and folders of its own so it can run beside
 * `npm start` and the other tiers: DynamoDB Local in memory with the demo park, a local S3 server,
 * the API under serverless-offline (with its own esbuild folder), and the h5 build that
 * globalSetup.ts made once, served pointing at this API. Exposes the API URL for test hooks.
 */
import { rmSync } from 'node:fs';
import { inject } from 'vitest';
import { resolve } from 'node:path';
import { ROOT, startApi } from '../../scripts/local/api';
import { startDynamo } from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';
import { DEV_BUCKET, startS3 } from '../../scripts/local/s3';
import { prepareTable } from '../../scripts/local/table';
import { serveStatic } from '../../scripts/local/web';
import { DEV_WECHAT_APP, startFakeWeChat, type FakeWeChat } from '../../scripts/local/fakeWeChat';
import { documentClient } from '../../functions/src/store/client';
import type { Db } from '../../functions/src/store/db';

export interface E2eStack {
  apiUrl: string;
  webUrl: string;
  /** The local fake WeChat the API logs people in with; `/_login?openid=` stands in for wx.login. */
  wechat: FakeWeChat;
  /** The stack's table, for steps a platform operator takes (creating a park). */
  db: Db;
  stop(): Promise<void>;
}

let stacks = 0;

export async function startE2eStack(): Promise<E2eStack> {
  const name = `e2e-${process.pid}-${++stacks}`;
  const esbuildDir = `.esbuild-${name}`;
  const stops: (() => Promise<void>)[] = [
    async () => {
      rmSync(resolve(ROOT, esbuildDir), { recursive: true, force: true });
    },
  ];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const dynamo = await startDynamo({ port: await freePort() });
    stops.push(() => dynamo.stop());
    await prepareTable(dynamo.client, 'parklink-dev');
    const s3 = await startS3({ port: await freePort(), buckets: [DEV_BUCKET] });
    stops.push(() => s3.stop());
    const wechat = await startFakeWeChat(DEV_WECHAT_APP);
    stops.push(() => wechat.close());
    // The h5 site's port is chosen first: the API answers CORS for that origin only (webOrigins.cjs).
    const webPort = await freePort();
    const api = await startApi({
      port: await freePort(),
      lambdaPort: await freePort(),
      dynamoEndpoint: dynamo.endpoint,
      env: {
        S3_ENDPOINT: s3.endpoint,
        PARKLINK_ESBUILD_DIR: esbuildDir,
        // Nothing is edited during a test run: warm handlers, as in Lambda (h5 has no page slide, see app.config.ts).
        PARKLINK_RELOAD_HANDLER: 'false',
        WECHAT_APP_ID: DEV_WECHAT_APP.appId,
        WECHAT_APP_SECRET: DEV_WECHAT_APP.appSecret,
        WECHAT_API_BASE: wechat.apiBase,
        PARKLINK_WEB_PORT: String(webPort),
      },
    });
    stops.push(() => api.child.stop());
    const web = await serveStatic(inject('h5Build'), webPort, { apiBase: api.url, connect: [s3.endpoint, wechat.apiBase] });
    stops.push(() => web.close());
    const db: Db = { doc: documentClient({ region: 'cn-north-1', endpoint: dynamo.endpoint }), tableName: 'parklink-dev' };
    stops.push(async () => db.doc.destroy());
    return { apiUrl: api.url, webUrl: web.url, wechat, db, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
