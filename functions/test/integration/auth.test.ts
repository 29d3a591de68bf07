/** Logging in: demo logins outside prod only, WeChat code2session through a local fake of WeChat. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryList, DevUserList, Me, Session } from '@parklink/contract';
import { httpWeChatApi } from '../../src/ports/wechat';
import { createTestApp, demoUsers, type TestApp } from '../support/app';
import { startFakeWeChat, type FakeWeChat } from '../../../scripts/local/fakeWeChat';

let app: TestApp;
let wechat: FakeWeChat;
let wechatApp: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  wechat = await startFakeWeChat();
  wechatApp = app.withConfig({}, { wechat: httpWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.apiBase }) });
});
afterAll(async () => {
  await wechat.close();
  await app.close();
});

describe('demo login (not in prod)', () => {
  it('lists the seeded demo users with their units', async () => {
    const response = await app.call<DevUserList>('GET', '/v1/auth/dev/users');
    expect(response.status).toBe(200);
    const byId = new Map(response.body.users.map((u) => [u.id, u]));
    expect(byId.get(demoUsers.enterprise)).toMatchObject({ name: '张经理', roles: ['enterprise'], enterpriseName: '鑫锐电子科技有限公司', parkName: '高新区智造产业园' });
    expect(byId.get(demoUsers.tax)).toMatchObject({ roles: ['liaison'], departmentName: '区税务局园区税务分局' });
    expect(JSON.stringify(response.body)).not.toMatch(/inviteCode|openid/);
  });

  it('logs in as a demo user and /v1/me tells who that is', async () => {
    const login = await app.call<Session>('POST', '/v1/auth/dev', { body: { userId: demoUsers.approvals } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: demoUsers.approvals, roles: ['liaison'], departmentId: 'dept-approvals' });
    const me = await app.call<Me>('GET', '/v1/me', { token: login.body.token });
    expect(me.body).toMatchObject({ id: demoUsers.approvals, name: '李审批', parkName: '高新区智造产业园', departmentName: '区行政审批局' });
  });

  it('refuses unknown users', async () => {
    const response = await app.call('POST', '/v1/auth/dev', { body: { userId: 'u-nobody' } });
    expect(response.status).toBe(404);
  });

  it('is refused in prod, both routes', async () => {
    const prod = app.withConfig({ stage: 'prod' });
    const list = await prod.call('GET', '/v1/auth/dev/users');
    const login = await prod.call('POST', '/v1/auth/dev', { body: { userId: demoUsers.admin } });
    for (const response of [list, login]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_AVAILABLE_IN_PROD');
    }
    expect(login.body.token).toBeUndefined();
  });
});

describe('WeChat login', () => {
  it('asks an unknown WeChat user for an invite code, binds with it, then needs only a code', async () => {
    const openid = 'openid-zhang';
    const first = await wechatApp.call('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode(openid) } });
    expect(first.status).toBe(403);
    expect(first.body.error.code).toBe('WECHAT_NOT_BOUND');

    const bound = await wechatApp.call<Session>('POST', '/v1/auth/wechat', {
      body: { code: wechat.issueCode(openid), inviteCode: 'PARK-DEMO-118' },
    });
    expect(bound.status).toBe(200);
    expect(bound.body.user.id).toBe(demoUsers.enterprise);

    const again = await wechatApp.call<Session>('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode(openid) } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(demoUsers.enterprise);
  });

  it('rejects a reused code the way WeChat does (40029)', async () => {
    const code = wechat.issueCode('openid-once');
    await wechatApp.call('POST', '/v1/auth/wechat', { body: { code } });
    const reused = await wechatApp.call('POST', '/v1/auth/wechat', { body: { code } });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ code: 'WECHAT_CODE_INVALID', field: 'code' });
  });

  it('lets an invite code bind only once', async () => {
    const first = await wechatApp.call('POST', '/v1/auth/wechat', {
      body: { code: wechat.issueCode('openid-li'), inviteCode: 'PARK-DEMO-101' },
    });
    expect(first.status).toBe(200);
    const second = await wechatApp.call('POST', '/v1/auth/wechat', {
      body: { code: wechat.issueCode('openid-someone-else'), inviteCode: 'PARK-DEMO-101' },
    });
    expect(second.status).toBe(404);
    expect(second.body.error.field).toBe('inviteCode');
  });

  it('says so when WeChat login is not configured or WeChat is down', async () => {
    const unconfigured = await app.call('POST', '/v1/auth/wechat', { body: { code: 'any' } });
    expect(unconfigured.status).toBe(502);
    expect(unconfigured.body.error.code).toBe('WECHAT_UNAVAILABLE');
    const down = app.withConfig({}, { wechat: httpWeChatApi({ appId: 'x', appSecret: 'y', apiBase: 'http://127.0.0.1:9', timeoutMs: 500 }) });
    const response = await down.call('POST', '/v1/auth/wechat', { body: { code: 'any' } });
    expect(response.status).toBe(502);
  });
});

describe('categories', () => {
  it("lists the park's categories in order with their departments and deadlines", async () => {
    const token = await app.login(demoUsers.enterprise);
    const response = await app.call<CategoryList>('GET', '/v1/categories', { token });
    expect(response.body.categories.map((c) => c.name)).toEqual([
      '审批办证', '引才用工', '融资信贷', '税费政策', '法律维权', '知识产权', '场地与宣传', '安全生产', '其他',
    ]);
    expect(response.body.categories[0]).toMatchObject({
      claimSla: { unit: 'hours', amount: 4 },
      resolveSla: { unit: 'working_days', amount: 3 },
      departments: [{ id: 'dept-approvals', name: '区行政审批局' }],
    });
    expect(response.body.categories[2]!.departments.map((d) => d.id)).toEqual(['dept-adbc', 'dept-psbc']);
  });
});
