/** The lists: scopes per role, sorted by time left, filtered, searched, paged by opaque cursor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestList, ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-11-23T01:00:00.000Z');
const token: Record<string, string> = {};
const ids: Record<string, string> = {};

const titles = {
  approvalA: '环评审批进度咨询',
  approvalB: '厂房消防验收材料',
  approvalC: '排污许可证续期办理',
  tax: '研发费用加计扣除政策',
  finance: '流动资金贷款申请',
};

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 60 * 24 * 3600 } });
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
  const categories: Record<keyof typeof titles, string> = {
    approvalA: 'cat-approval',
    approvalB: 'cat-approval',
    approvalC: 'cat-approval',
    tax: 'cat-tax',
    finance: 'cat-finance',
  };
  for (const [name, title] of Object.entries(titles) as [keyof typeof titles, string][]) {
    const fields = name === 'finance' ? { amount: 200, purpose: 'working_capital' } : {};
    const body = { categoryId: categories[name], title, description: `关于${title}，请园区协助了解办理流程和所需材料。`, fields };
    const created = await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body });
    ids[name] = created.body.id;
    clock.advanceHours(1); // later ones have later deadlines
  }
});
afterAll(() => app.close());

const list = (who: string, query: string) => app.call<RequestList>('GET', `/v1/requests?${query}`, { token: token[who] });
const titlesOf = (page: RequestList) => page.items.map((r) => r.title);

describe('request lists', () => {
  it("gives the enterprise its own requests, newest first, filtered by status, category and words", async () => {
    expect(titlesOf((await list('enterprise', 'scope=mine')).body)).toEqual(Object.values(titles).reverse());
    expect(titlesOf((await list('enterprise', 'scope=mine&categoryId=cat-tax')).body)).toEqual([titles.tax]);
    expect(titlesOf((await list('enterprise', `scope=mine&q=${encodeURIComponent('许可证')}`)).body)).toEqual([titles.approvalC]);
    // Words may come from the description, in any order.
    expect(titlesOf((await list('enterprise', `scope=mine&q=${encodeURIComponent('材料 消防')}`)).body)).toEqual([titles.approvalB]);
    expect((await list('otherEnterprise', 'scope=mine')).body.items).toEqual([]);
  });

  it("gives a liaison the department's pool, least time left first, and pages through it", async () => {
    const all = (await list('approvals', 'scope=pool')).body;
    expect(titlesOf(all)).toEqual([titles.approvalA, titles.approvalB, titles.approvalC]);
    const first = (await list('approvals', 'scope=pool&limit=2')).body;
    expect(titlesOf(first)).toEqual([titles.approvalA, titles.approvalB]);
    expect(first.nextCursor).toBeDefined();
    const second = (await list('approvals', `scope=pool&limit=2&cursor=${first.nextCursor}`)).body;
    expect(titlesOf(second)).toEqual([titles.approvalC]);
    expect(second.nextCursor).toBeUndefined();
  });

  it("moves claimed requests to the liaison's own list, and closed ones to done", async () => {
    await app.call('POST', `/v1/requests/${ids.approvalA}/claim`, { token: token.approvals });
    await app.call('POST', `/v1/requests/${ids.approvalB}/claim`, { token: token.approvals });
    await app.call('POST', `/v1/requests/${ids.approvalB}/replies`, { token: token.approvals, body: { message: '已答复' } });
    await app.call('POST', `/v1/requests/${ids.approvalB}/resolve`, { token: token.approvals, body: { message: '已办结' } });
    expect(titlesOf((await list('approvals', 'scope=mine')).body)).toEqual([titles.approvalA]);
    expect(titlesOf((await list('approvals', 'scope=done')).body)).toEqual([titles.approvalB]);
    expect(titlesOf((await list('approvals', 'scope=pool')).body)).toEqual([titles.approvalC]);
    expect(titlesOf((await list('approvals', 'scope=mine&status=resolved')).body)).toEqual([]);
  });

  it("lists the department's overdue work: unclaimed and assigned, past their deadline", async () => {
    // Five hours in: only the first request's 4-hour claim clock has run out (claimed, never answered).
    expect(titlesOf((await list('approvals', 'scope=overdue')).body)).toEqual([titles.approvalA]);
    clock.advanceHours(10); // every claim clock (4 h) has passed; approvalA was claimed but never answered
    const overdue = (await list('approvalsHead', 'scope=overdue')).body;
    expect(titlesOf(overdue).sort()).toEqual([titles.approvalA, titles.approvalC].sort());
    expect(overdue.items.every((r) => r.overdue)).toBe(true);
    expect((await list('tax', 'scope=overdue')).body.items.map((r) => r.title)).toEqual([titles.tax]);
  });

  it('refuses bad queries and cursors with a 400, and other lists to enterprises', async () => {
    expect((await list('approvals', 'scope=pool&limit=51')).status).toBe(400);
    expect((await list('approvals', 'scope=pool&cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    // A cursor from one list cannot open another (here: the tax pool).
    const first = (await list('approvals', 'scope=mine&limit=1')).body;
    const foreign = await list('tax', `scope=pool&limit=1&cursor=${first.nextCursor ?? 'x'}`);
    expect(foreign.status).toBe(400);
    expect((await list('enterprise', 'scope=pool')).status).toBe(403);
  });
});
