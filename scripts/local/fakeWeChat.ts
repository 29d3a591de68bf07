/**
 * A local stand-in for api.weixin.qq.com, with WeChat's rules, for tests and for `npm start`:
 * - jscode2session: appid and secret must match; each code works once (a reused one: 40029);
 * - stable_token: an access token that subscribe/send accepts until it is revoked;
 * - subscribe/send: needs a valid token; a user who refused the template answers 43101; every
 *   accepted message is kept in `sent` (and served at GET /_sent) for inspection;
 * - GET /_login?openid=…: what wx.login gives that person's phone, a fresh code (for h5 in development).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** The local stack's WeChat app (npm start, browser tests): the API and the fake agree on it. */
export const DEV_WECHAT_APP = { appId: 'wx-parklink-dev', appSecret: 'parklink-dev-wechat-secret' };

export interface FakeWeChat {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** A fresh code that logs in as this openid, like wx.login on that person's phone. */
  issueCode(openid: string): string;
  /** Makes subscribe/send answer 43101 for this user, as if they had refused the template. */
  refuse(openid: string): void;
  /** Invalidates the current access token (WeChat answers 40001 until a new one is fetched). */
  revokeToken(): void;
  sent: SentMessage[];
  tokenRequests: number;
  calls: number;
  close(): Promise<void>;
}

export async function startFakeWeChat(options: { port?: number; appId?: string; appSecret?: string } = {}): Promise<FakeWeChat> {
  const appId = options.appId ?? 'wx-test-app';
  const appSecret = options.appSecret ?? 'test-app-secret';
  const codes = new Map<string, string>();
  const used = new Set<string>();
  const refused = new Set<string>();
  let token = '';
  let counter = 0;
  const fake = { calls: 0, tokenRequests: 0, sent: [] as SentMessage[] } as FakeWeChat;

  const server = createServer(async (request, response) => {
    fake.calls++;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (body: object) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const q = url.searchParams;
    switch (url.pathname) {
      case '/sns/jscode2session': {
        if (q.get('appid') !== appId || q.get('secret') !== appSecret) return reply({ errcode: 40013, errmsg: 'invalid appid' });
        if (q.get('grant_type') !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
        const code = q.get('js_code') ?? '';
        const openid = codes.get(code);
        if (!openid || used.has(code)) return reply({ errcode: 40029, errmsg: 'invalid code' });
        used.add(code);
        return reply({ openid, session_key: 'session-key' });
      }
      case '/cgi-bin/stable_token': {
        const body = (await readJson(request)) as { grant_type?: string; appid?: string; secret?: string };
        if (body.appid !== appId || body.secret !== appSecret) return reply({ errcode: 40013, errmsg: 'invalid appid' });
        fake.tokenRequests++;
        token ||= `token-${++counter}`;
        return reply({ access_token: token, expires_in: 7200 });
      }
      case '/cgi-bin/message/subscribe/send': {
        if (!token || q.get('access_token') !== token) return reply({ errcode: 40001, errmsg: 'invalid credential' });
        const message = (await readJson(request)) as SentMessage;
        if (!message.touser) return reply({ errcode: 40003, errmsg: 'invalid openid' });
        if (!message.template_id) return reply({ errcode: 40037, errmsg: 'invalid template_id' });
        if (refused.has(message.touser)) return reply({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        fake.sent.push(message);
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      case '/_sent':
        return reply({ sent: fake.sent });
      // wx.login on a phone, for the h5 build that stands in for it (npm start, browser tests):
      // a fresh one-use code for this openid. Any origin may ask: it is a local development fake.
      case '/_login': {
        response.setHeader('access-control-allow-origin', '*');
        const openid = q.get('openid') ?? '';
        if (!/^[\w-]{6,64}$/.test(openid)) return reply({ errcode: 40003, errmsg: 'invalid openid' });
        return reply({ code: fake.issueCode(openid) });
      }
      default:
        return reply({ errcode: 404, errmsg: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(fake, {
    apiBase: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    issueCode(openid: string) {
      const code = `code-${++counter}-${openid}`;
      codes.set(code, openid);
      return code;
    },
    refuse: (openid: string) => refused.add(openid),
    revokeToken: () => {
      token = '';
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return fake;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}
