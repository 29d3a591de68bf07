/**
 * The whole product for a browser test file, on ports and folders of its own so it can run beside
 * `npm start` and the other tiers: the loopback stack of scripts/local/stack.ts (DynamoDB Local in
 * memory with the demo park, a local S3 server, the API under serverless-offline, warm), a fake
 * WeChat, and the h5 build that globalSetup.ts made once, served pointing at this API. Exposes the
 * API URL for test hooks.
 */
import { inject } from 'vitest';
import { DEV_WECHAT_APP, startFakeWeChat, type FakeWeChat } from '../../scripts/local/fakeWeChat';
import { freePort } from '../../scripts/local/ports';
import { startLocalStack } from '../../scripts/local/stack';
import { serveStatic } from '../../scripts/local/web';
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
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const wechat = await startFakeWeChat(DEV_WECHAT_APP);
    stops.push(() => wechat.close());
    // The h5 site's port is chosen first: the API answers CORS for that origin only (webOrigins.cjs).
    const webPort = await freePort();
    const local = startLocalStack({
      name: `e2e-${process.pid}-${++stacks}`,
      env: {
        WECHAT_APP_ID: DEV_WECHAT_APP.appId,
        WECHAT_APP_SECRET: DEV_WECHAT_APP.appSecret,
        WECHAT_API_BASE: wechat.apiBase,
        PARKLINK_WEB_PORT: String(webPort),
      },
    });
    stops.push(() => local.stop());
    const api = await local.ready;
    const web = await serveStatic(inject('h5Build'), webPort, { apiBase: api.apiUrl, connect: [api.s3Endpoint, wechat.apiBase] });
    stops.push(() => web.close());
    return { apiUrl: api.apiUrl, webUrl: web.url, wechat, db: api.db, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
