/**
 * A park from nothing: the operator's createPark makes the park and its first admin's invitation;
 * the admin binds their WeChat with it, finds an empty park and builds it (a department, a
 * category); the same id is never created twice, and the new park sees nothing of the others.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDepartment, AdminEnterprise, Me, MemberList, ParkProfile, Session } from '@parklink/contract';
import { httpWeChatApi } from '../../src/ports/wechat';
import { createPark, ParkSetupError, type NewPark } from '../../src/services/parkSetup';
import { directory } from '../../src/store/directory';
import { startFakeWeChat, type FakeWeChat } from '../../../scripts/local/fakeWeChat';
import { createTestApp, manualClock, type TestApp } from '../support/app';

let app: TestApp;
let wechat: FakeWeChat;
let park: NewPark;
let adminToken: string;
const clock = manualClock('2026-11-23T02:00:00.000Z');
const setup = () => ({ now: clock.now(), newId: app.deps.newId, random: (n: number) => randomBytes(n) });
const call = <T = any>(method: string, url: string, body?: unknown) => app.call<T>(method, url, { token: adminToken, ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  wechat = await startFakeWeChat();
  const base = await createTestApp({ deps: { clock } });
  app = base.withConfig({}, { wechat: httpWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.apiBase }) });
  park = await createPark(app.deps.db, { parkId: 'park-pingshan', name: '平山智能制造产业园', adminName: '韩主任' }, setup());
});
afterAll(async () => {
  await wechat.close();
  await app.close();
});

describe('creating a park', () => {
  it('makes the park with China’s calendar and an invitation for its admin', async () => {
    expect(park).toMatchObject({ parkId: 'park-pingshan', inviteCode: expect.stringMatching(/^[A-Z2-9]{8}$/), invitePath: `pages/login/index?invite=${park.inviteCode}` });
    expect(Date.parse(park.inviteExpiresAt) - clock.now().getTime()).toBe(7 * 86_400_000);
    expect(await directory.getPark(app.deps.db, 'park-pingshan')).toMatchObject({ name: '平山智能制造产业园', adminUserIds: [park.adminUserId] });
    const calendar = await directory.getCalendar(app.deps.db, 'park-pingshan');
    expect(calendar.holidays).toContain('2026-10-01');
  });

  it('lets the admin bind WeChat with the code once, and finds the park empty', async () => {
    const login = await app.call<Session>('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-han'), inviteCode: park.inviteCode } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    adminToken = login.body.token;
    expect((await call<Me>('GET', '/v1/me')).body).toMatchObject({ name: '韩主任', roles: ['admin'], parkId: 'park-pingshan' });
    // The code is spent; the same WeChat logs in again without it.
    expect((await app.call('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-other'), inviteCode: park.inviteCode } })).status).toBe(404);
    expect((await app.call('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-han') } })).status).toBe(200);

    expect((await call<ParkProfile>('GET', '/v1/park')).body).toMatchObject({ name: '平山智能制造产业园', zones: [], industries: [] });
    expect((await call<{ items: AdminDepartment[] }>('GET', '/v1/admin/departments')).body.items).toEqual([]);
    expect((await call<{ items: AdminEnterprise[] }>('GET', '/v1/admin/enterprises')).body.items).toEqual([]);
    expect((await call<MemberList>('GET', '/v1/admin/members')).body.items.map((m) => [m.name, m.status])).toEqual([['韩主任', 'active']]);
  });

  it('lets the admin build the park: a department and a category it handles', async () => {
    const department = await call<AdminDepartment>('POST', '/v1/admin/departments', { name: '平山区税务局', kind: 'tax' });
    expect(department.status, JSON.stringify(department.body)).toBe(201);
    const category = await call('POST', '/v1/admin/categories', {
      name: '税费政策',
      claimSla: { amount: 1, unit: 'working_days' },
      resolveSla: { amount: 5, unit: 'working_days' },
      departmentIds: [department.body.id],
    });
    expect(category.status, JSON.stringify(category.body)).toBe(201);
    expect((await call('GET', '/v1/categories')).body.categories.map((c: { name: string }) => c.name)).toEqual(['税费政策']);
  });

  it('refuses an id in use, and bad names, writing nothing', async () => {
    await expect(createPark(app.deps.db, { parkId: 'park-pingshan', name: '重复', adminName: '某人' }, setup())).rejects.toThrow(ParkSetupError);
    await expect(createPark(app.deps.db, { parkId: 'park-demo', name: '覆盖演示园区', adminName: '某人' }, setup())).rejects.toThrow('already exists');
    expect((await directory.getPark(app.deps.db, 'park-demo'))?.name).toBe('高新区智造产业园');
    await expect(createPark(app.deps.db, { parkId: 'park pingshan', name: 'x', adminName: 'y' }, setup())).rejects.toThrow('park id');
    await expect(createPark(app.deps.db, { name: ' ', adminName: 'y' }, setup())).rejects.toThrow('park name');
    expect((await directory.getPark(app.deps.db, 'park-pingshan'))?.name).toBe('平山智能制造产业园');
  });

  it('sees nothing of the other parks', async () => {
    const requests = await call('GET', '/v1/requests?scope=mine');
    expect([200, 403]).toContain(requests.status);
    expect((await call('GET', '/v1/admin/enterprises')).body.items).toEqual([]);
    expect((await call('GET', '/v1/requests/anything')).status).toBe(404);
    expect((await call('GET', '/v1/managed-stations/st-24h')).status).toBe(404);
    expect((await call('GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30')).body.requests.submitted).toBe(0);
  });
});
