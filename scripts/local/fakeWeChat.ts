/**
 * A local stand-in for api.weixin.qq.com's jscode2session, with WeChat's rules: the appid and
 * secret must match, and each code works once (a reused code answers errcode 40029).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWeChat {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** A fresh code that logs in as this openid, like wx.login on that person's phone. */
  issueCode(openid: string): string;
  calls: number;
  close(): Promise<void>;
}

export async function startFakeWeChat(): Promise<FakeWeChat> {
  const appId = 'wx-test-app';
  const appSecret = 'test-app-secret';
  const codes = new Map<string, string>();
  const used = new Set<string>();
  let counter = 0;
  const fake = {
    calls: 0,
  } as FakeWeChat;
  const server = createServer((request, response) => {
    fake.calls++;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (body: object) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 404, errmsg: 'not found' });
    const q = url.searchParams;
    if (q.get('appid') !== appId || q.get('secret') !== appSecret) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('grant_type') !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.get('js_code') ?? '';
    const openid = codes.get(code);
    if (!openid || used.has(code)) return reply({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    reply({ openid, session_key: 'session-key' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return fake;
}
