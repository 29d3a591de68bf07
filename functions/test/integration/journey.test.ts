/** The first journey through the real handlers and DynamoDB Local: submit → claim → answer → rate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestList, ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, validRequest, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // The clock moves days ahead in here: tokens must outlive it (expiry is tested in access.test.ts).
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 30 * 24 * 3600 } });
  for (const [role, id] of Object.entries(demoUsers)) tokens[role] = await app.login(id);
});
afterAll(() => app.close());

const submit = (body: object = validRequest, headers: Record<string, string> = {}) =>
  app.call<ServiceRequest>('POST', '/v1/requests', { token: tokens.enterprise, body, headers });

describe('the first journey', () => {
  it('takes a request from submission to a satisfied rating', async () => {
    const created = await submit();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      categoryName: '审批办证',
      enterpriseName: '鑫锐电子科技有限公司',
      title: validRequest.title,
      overdue: false,
      // 审批办证: a first reply within 4 hours, a solution within 3 working days (Monday 09:00 → Thursday 09:00).
      deadlineAt: '2026-11-23T05:00:00.000Z',
      clocks: {
        claim: { deadlineAt: '2026-11-23T05:00:00.000Z', state: 'running' },
        resolve: { deadlineAt: '2026-11-26T01:00:00.000Z', state: 'running' },
      },
    });
    expect(created.body.timeline).toHaveLength(1);
    expect(created.body.timeline[0]).toMatchObject({ type: 'submitted', actor: { id: demoUsers.enterprise } });
    const id = created.body.id;

    const pool = await app.call<RequestList>('GET', '/v1/requests?scope=pool', { token: tokens.approvals });
    expect(pool.status).toBe(200);
    expect(pool.body.items.map((r) => r.id)).toContain(id);
    // The tax bureau handles other categories: not in its pool.
    const taxPool = await app.call<RequestList>('GET', '/v1/requests?scope=pool', { token: tokens.tax });
    expect(taxPool.body.items.map((r) => r.id)).not.toContain(id);

    clock.advanceHours(2);
    const claimed = await app.call<ServiceRequest>('POST', `/v1/requests/${id}/claim`, { token: tokens.approvals });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', assignee: { id: demoUsers.approvals, departmentName: '区行政审批局' } });
    const poolAfter = await app.call<RequestList>('GET', '/v1/requests?scope=pool', { token: tokens.approvals });
    expect(poolAfter.body.items.map((r) => r.id)).not.toContain(id);
    const assigned = await app.call<RequestList>('GET', '/v1/requests?scope=mine', { token: tokens.approvals });
    expect(assigned.body.items.map((r) => r.id)).toContain(id);

    const answer = '经核查，还缺排污许可材料，补齐后3个工作日内办结。';
    const replied = await app.call<ServiceRequest>('POST', `/v1/requests/${id}/replies`, {
      token: tokens.approvals,
      body: { message: answer },
    });
    expect(replied.status).toBe(200);
    expect(replied.body.status).toBe('answered');

    const seen = await app.call<ServiceRequest>('GET', `/v1/requests/${id}`, { token: tokens.enterprise });
    expect(seen.status).toBe(200);
    expect(seen.body.timeline.map((e) => e.type)).toEqual(['submitted', 'claimed', 'replied']);
    expect(seen.body.timeline[2]).toMatchObject({ message: answer, actor: { name: '李审批', role: 'liaison' } });

    const rated = await app.call<ServiceRequest>('POST', `/v1/requests/${id}/rating`, {
      token: tokens.enterprise,
      body: { satisfied: true, score: 5, comment: '答复及时' },
    });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'rated', rating: { satisfied: true, score: 5, comment: '答复及时' } });
    expect(rated.body.timeline.at(-1)).toMatchObject({ type: 'rated', score: 5 });

    const mine = await app.call<RequestList>('GET', '/v1/requests?scope=mine', { token: tokens.enterprise });
    expect(mine.body.items.find((r) => r.id === id)?.status).toBe('rated');

    // A closed request cannot be rated twice.
    const again = await app.call('POST', `/v1/requests/${id}/rating`, {
      token: tokens.enterprise,
      body: { satisfied: false, score: 1 },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('reopens an unsatisfied request to the same liaison, who can answer again', async () => {
    const { body: created } = await submit();
    await app.call('POST', `/v1/requests/${created.id}/claim`, { token: tokens.approvals });
    await app.call('POST', `/v1/requests/${created.id}/replies`, { token: tokens.approvals, body: { message: '请先补充材料' } });
    const reopened = await app.call<ServiceRequest>('POST', `/v1/requests/${created.id}/rating`, {
      token: tokens.enterprise,
      body: { satisfied: false, score: 2, comment: '没有说明缺哪些材料' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', assignee: { id: demoUsers.approvals } });
    expect(reopened.body.timeline.at(-1)).toMatchObject({ type: 'reopened', message: '没有说明缺哪些材料', score: 2 });

    const stillMine = await app.call<RequestList>('GET', '/v1/requests?scope=mine', { token: tokens.approvals });
    expect(stillMine.body.items.find((r) => r.id === created.id)?.status).toBe('reopened');
    const pool = await app.call<RequestList>('GET', '/v1/requests?scope=pool', { token: tokens.approvals });
    expect(pool.body.items.map((r) => r.id)).not.toContain(created.id);

    const second = await app.call<ServiceRequest>('POST', `/v1/requests/${created.id}/replies`, {
      token: tokens.approvals,
      body: { message: '缺少：排污许可证复印件、环评报告表。' },
    });
    expect(second.body.status).toBe('answered');
  });

  it('lets the department head answer for an assigned liaison', async () => {
    const { body: created } = await submit();
    await app.call('POST', `/v1/requests/${created.id}/claim`, { token: tokens.approvals });
    const byHead = await app.call<ServiceRequest>('POST', `/v1/requests/${created.id}/replies`, {
      token: tokens.approvalsHead,
      body: { message: '由部门负责人代为答复。' },
    });
    expect(byHead.status).toBe(200);
    expect(byHead.body.timeline.at(-1)?.actor).toMatchObject({ id: demoUsers.approvalsHead, role: 'dept_head' });
  });

  it('returns the same request for a repeated submit with the same Idempotency-Key', async () => {
    const key = 'retry-key-0001';
    const first = await submit(validRequest, { 'Idempotency-Key': key });
    const second = await submit(validRequest, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const mine = await app.call<RequestList>('GET', '/v1/requests?scope=mine', { token: tokens.enterprise });
    expect(mine.body.items.filter((r) => r.id === first.body.id)).toHaveLength(1);
    // Another key is another request.
    const third = await submit(validRequest, { 'Idempotency-Key': 'retry-key-0002' });
    expect(third.body.id).not.toBe(first.body.id);
  });

  it('lets exactly one of several concurrent claimers win; the rest hear who did', async () => {
    const { body: created } = await submit({
      ...validRequest,
      categoryId: 'cat-finance',
      title: '流动资金贷款咨询',
      fields: { amount: 300, purpose: 'working_capital' },
    });
    // 融资信贷 is handled by two banks: four people race for it.
    const claimers = [tokens.adbc, tokens.adbcHead, tokens.psbc, tokens.psbcHead];
    const results = await Promise.all(
      claimers.map((token) => app.call('POST', `/v1/requests/${created.id}/claim`, { token })),
    );
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(3);
    for (const loser of losers) {
      expect(loser.body.error.code).toBe('CONFLICT');
      expect(loser.body.error.message).toContain(`已被${winners[0]!.body.assignee.departmentName}`);
    }
    const final = await app.call<ServiceRequest>('GET', `/v1/requests/${created.id}`, { token: tokens.enterprise });
    expect(final.body.timeline.filter((e) => e.type === 'claimed')).toHaveLength(1);
  });

  it('keeps every one of several concurrent replies', async () => {
    const { body: created } = await submit();
    await app.call('POST', `/v1/requests/${created.id}/claim`, { token: tokens.approvals });
    const messages = ['第一条答复', '第二条答复', '第三条答复'];
    const results = await Promise.all(
      messages.map((message, i) =>
        app.call('POST', `/v1/requests/${created.id}/replies`, {
          token: i % 2 ? tokens.approvalsHead : tokens.approvals,
          body: { message },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const final = await app.call<ServiceRequest>('GET', `/v1/requests/${created.id}`, { token: tokens.enterprise });
    const replies = final.body.timeline.filter((e) => e.type === 'replied').map((e) => e.message);
    expect(replies.sort()).toEqual([...messages].sort());
    expect(final.body.version).toBe(2 + messages.length);
  });

  it("asks the category's extra questions and keeps the answers with their labels", async () => {
    const finance = { ...validRequest, categoryId: 'cat-finance', title: '设备购置贷款' };
    const missing = await submit(finance);
    expect(missing.status).toBe(400);
    expect((missing.body as any).error.fields.map((f: { field: string; message: string }) => [f.field, f.message])).toEqual([
      ['fields.amount', '请填写融资金额'],
      ['fields.purpose', '请填写资金用途'],
    ]);
    const created = await submit({ ...finance, fields: { amount: 800, purpose: 'equipment', term: 36 } });
    expect(created.status).toBe(201);
    expect(created.body.fields).toEqual([
      { key: 'amount', label: '融资金额', value: 800, display: '800万元' },
      { key: 'purpose', label: '资金用途', value: 'equipment', display: '设备购置' },
      { key: 'term', label: '期限', value: 36, display: '36个月' },
    ]);
  });

  it('flags a request overdue once its deadline passes unanswered', async () => {
    const { body: created } = await submit({ ...validRequest, categoryId: 'cat-tax', title: '研发费用加计扣除' });
    expect(created.overdue).toBe(false);
    clock.advanceHours(5); // 税费政策 promises a first reply within 4 hours.
    const later = await app.call<ServiceRequest>('GET', `/v1/requests/${created.id}`, { token: tokens.enterprise });
    expect(later.body).toMatchObject({ status: 'submitted', overdue: true });
  });
});
