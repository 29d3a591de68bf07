/**
 * WeChat subscribe messages: sent from the outbox to the local fake WeChat server, at most once per
 * message even with overlapping senders, only with the user's banked consent, and never to anyone
 * without WeChat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRequest, Session } from '@parklink/contract';
import { sendPendingPushes, type PushSettings } from '../../src/jobs/pushSender';
import { httpWeChatApi } from '../../src/ports/wechat';
import { httpWeChatMessenger } from '../../src/ports/wechatMessages';
import { startFakeWeChat, type FakeWeChat } from '../../../scripts/local/fakeWeChat';
import { createTestApp, demoUsers, validRequest, type TestApp } from '../support/app';

let app: TestApp;
let wechat: FakeWeChat;
let settings: PushSettings;
const token: Record<string, string> = {};
const OPENID = 'openid-zhang-push';

beforeAll(async () => {
  wechat = await startFakeWeChat();
  const wechatConfig = { appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.apiBase };
  app = await createTestApp({ deps: { wechat: httpWeChatApi(wechatConfig) } });
  settings = { messenger: httpWeChatMessenger({ ...wechatConfig, miniprogramState: 'developer' }), templateIds: { progress: 'tpl-progress', todo: 'tpl-todo' } };
  // The enterprise contact binds WeChat with their invite code; the liaison never uses WeChat.
  const bound = await app.call<Session>('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode(OPENID), inviteCode: 'PARK-DEMO-118' } });
  token.enterprise = bound.body.token;
  token.approvals = await app.login(demoUsers.approvals);
});
afterAll(async () => {
  await app.close();
  await wechat.close();
});

const submitClaimReply = async () => {
  const created = (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
  await app.call('POST', `/v1/requests/${created.id}/claim`, { token: token.approvals });
  await app.call('POST', `/v1/requests/${created.id}/replies`, { token: token.approvals, body: { message: '已核查' } });
  return created;
};

describe('subscribe messages', () => {
  it('sends one message per banked consent, once, even with overlapping senders', async () => {
    const consent = await app.call('POST', '/v1/me/subscriptions', { token: token.enterprise, body: { accepted: ['progress', 'todo'] } });
    // Only the template this person receives is banked: enterprises follow progress.
    expect(consent.body.credits).toEqual({ progress: 1, todo: 0 });

    const created = await submitClaimReply();
    const [a, b] = await Promise.all([sendPendingPushes(app.deps, settings), sendPendingPushes(app.deps, settings)]);
    expect(a.sent + b.sent).toBe(1);
    expect(wechat.sent).toEqual([
      {
        touser: OPENID,
        template_id: 'tpl-progress',
        page: `pages/requests/detail/index?id=${created.id}`,
        miniprogram_state: 'developer',
        lang: 'zh_CN',
        data: expect.objectContaining({ thing1: { value: '诉求已认领' }, phrase2: { value: '已认领' } }),
      },
    ]);
    // The answer found no consent left; nothing is pending any more, and a third run sends nothing.
    expect(a.skipped + b.skipped).toBeGreaterThanOrEqual(1);
    expect((await sendPendingPushes(app.deps, settings)).sent).toBe(0);
    expect(wechat.sent).toHaveLength(1);
    expect(wechat.tokenRequests).toBe(1);
  });

  it('stops when the user refused in WeChat, and renews an expired token', async () => {
    await app.call('POST', '/v1/me/subscriptions', { token: token.enterprise, body: { accepted: ['progress'] } });
    wechat.revokeToken();
    await submitClaimReply();
    const renewed = await sendPendingPushes(app.deps, settings);
    expect(renewed.sent).toBe(1);
    expect(wechat.tokenRequests).toBe(2);

    await app.call('POST', '/v1/me/subscriptions', { token: token.enterprise, body: { accepted: ['progress'] } });
    await app.call('POST', '/v1/me/subscriptions', { token: token.enterprise, body: { accepted: ['progress'] } });
    wechat.refuse(OPENID);
    await submitClaimReply();
    const refused = await sendPendingPushes(app.deps, settings);
    expect(refused.refused).toBe(1);
    const credits = await app.call('POST', '/v1/me/subscriptions', { token: token.enterprise, body: { accepted: [] } });
    expect(credits.body.credits.progress).toBe(0);
    expect(wechat.sent).toHaveLength(2);
  });

  it('skips everyone when WeChat is not configured, keeping the inbox intact', async () => {
    await app.call('POST', '/v1/me/subscriptions', { token: token.enterprise, body: { accepted: ['progress'] } });
    await submitClaimReply();
    const result = await sendPendingPushes(app.deps, { templateIds: {} });
    expect(result.sent).toBe(0);
    expect(result.skipped).toBeGreaterThan(0);
    const inbox = await app.call('GET', '/v1/inbox', { token: token.enterprise });
    expect(inbox.body.items.length).toBeGreaterThanOrEqual(2);
  });
});
