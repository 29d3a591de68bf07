/**
 * The admin's dashboard over real records: requests served on time or late, satisfaction, what
 * is overdue now, the market, a confirmed case, riders served, coverage — and for admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Match, Need, ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, otherParkUser, validRequest, type TestApp } from '../support/app';

let app: TestApp;
// Monday 2026-11-02 10:00 China time.
const clock = manualClock('2026-11-02T02:00:00.000Z');
const token: Record<string, string> = {};
const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<T>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));

  const submit = async (title: string) => (await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', { ...validRequest, title })).body;
  // Served in time: claimed and answered within the hour, resolved the next day, rated satisfied.
  const fast = await submit('环评审批进度一');
  clock.advanceHours(1);
  await call('approvals', 'POST', `/v1/requests/${fast.id}/claim`);
  await call('approvals', 'POST', `/v1/requests/${fast.id}/replies`, { message: '材料齐全，本周内出结果。' });
  clock.advanceHours(24);
  await call('approvals', 'POST', `/v1/requests/${fast.id}/resolve`, { message: '已批复。' });
  await call('enterprise', 'POST', `/v1/requests/${fast.id}/rating`, { satisfied: true, score: 5 });
  // Answered late: the approvals category answers within 4 hours (claim clock).
  const late = await submit('环评审批进度二');
  clock.advanceHours(30);
  await call('approvals', 'POST', `/v1/requests/${late.id}/claim`);
  await call('approvals', 'POST', `/v1/requests/${late.id}/replies`, { message: '抱歉久等，正在处理。' });
  // Nobody claims this one: overdue now.
  await submit('环评审批进度三');
  clock.advanceHours(10);

  const need = (await call<Need>('enterprise', 'POST', '/v1/needs', { kind: 'financing', title: '购置贴片设备需贷款', description: '设备购置需要贷款 300 万元，希望无抵押信用贷款。', amountFen: 300_000_000, expiresAt: '2027-03-01T00:00:00.000Z' })).body;
  const match = (await call<Match>('enterprise', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro' })).body;
  await call('psbc', 'POST', `/v1/matches/${match.id}/accept`, {});
  await call('psbc', 'POST', `/v1/matches/${match.id}/success`, { amountFen: 280_000_000, date: '2026-11-04' });
  const draft = (await call('psbc', 'POST', '/v1/cases/from-match', { matchId: match.id })).body;
  await call('enterprise', 'POST', `/v1/cases/${draft.id}/confirm`, { version: 1 });
  for (const d of ['a', 'b', 'c']) await app.call('POST', '/v1/stations/st-24h/checkins', { body: { deviceId: `dashboard-device-${d}-000` } });
});
afterAll(() => app.close());

describe('the dashboard', () => {
  it('shows how the period’s requests were served', async () => {
    const answer = await call<Dashboard>('admin', 'GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const d = answer.body;
    expect(d.requests).toMatchObject({
      submitted: 3,
      byCategory: [{ id: 'cat-approval', name: '审批办证', count: 3 }],
      claimOnTime: { met: 1, of: 2, permille: 500 },
      resolveOnTime: { met: 1, of: 1, permille: 1000 },
      medianMinutesToClaim: Math.round((60 + 30 * 60) / 2),
      medianMinutesToResolve: 25 * 60,
      satisfaction: { met: 1, of: 1, permille: 1000 },
    });
    expect(d.requests.byStatus).toEqual(expect.arrayContaining([{ status: 'rated', count: 1 }, { status: 'answered', count: 1 }, { status: 'submitted', count: 1 }]));
    expect(d.overdueNow.map((o) => [o.title, o.clock])).toEqual([['环评审批进度三', 'claim']]);
    expect(d.busiestDepartments[0]).toMatchObject({ id: 'dept-approvals', handled: 2, resolved: 1 });
  });

  it('shows the market, co-building, riders served and the alliance’s reach', async () => {
    const d = (await call<Dashboard>('admin', 'GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30')).body;
    expect(d.market).toEqual({ needs: 1, resources: 0, matches: 1, succeeded: 1, failed: 0, inProgress: 0, succeededAmountFen: 280_000_000 });
    expect(d.cases).toMatchObject({ cases: 1, enterprisesServed: 1, bank: { amountFen: 280_000_000 } });
    expect(d.stations).toMatchObject({ stations: 6, ridersServed: 3, byStation: expect.arrayContaining([{ id: 'st-24h', name: '全天候快递小哥驿站', count: 3 }]) });
    expect(d.coverage).toMatchObject({ enterprises: 5, withMembers: 5, rate: { permille: 1000 } });
    // Another month: nothing of this.
    const october = (await call<Dashboard>('admin', 'GET', '/v1/dashboard?from=2026-10-01&to=2026-10-31')).body;
    expect(october.requests.submitted).toBe(0);
    expect(october.market.needs).toBe(0);
    expect(october.overdueNow).toHaveLength(1);
  });

  it('is for the park’s admin only; another park’s admin sees their own park', async () => {
    for (const who of ['enterprise', 'approvals', 'approvalsHead', 'psbc']) expect((await call(who, 'GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30')).status, who).toBe(403);
    expect((await app.call('GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30')).status).toBe(401);
    const theirs = (await call<Dashboard>('otherAdmin', 'GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30')).body;
    expect(theirs.requests.submitted).toBe(0);
    expect(theirs.overdueNow).toEqual([]);
    expect((await call('admin', 'GET', '/v1/dashboard?from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await call('admin', 'GET', '/v1/dashboard?from=2025-01-01&to=2026-11-30')).status).toBe(400);
  });
});
