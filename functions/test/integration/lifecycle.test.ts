/**
 * The rest of the request's life over HTTP and DynamoDB Local: transfer, waiting on the enterprise,
 * resolve and reopen, withdraw, internal notes — and a crowd of writers on one request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestAction, RequestList, ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, validRequest, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-11-23T01:00:00.000Z'); // Monday 09:00 in China
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 60 * 24 * 3600 } });
  for (const [name, id] of Object.entries({ ...demoUsers, taxHead: 'u-tax-head' })) token[name] = await app.login(id);
});
afterAll(() => app.close());

const submit = async () =>
  (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
const act = (who: string, id: string, path: string, body: unknown = {}) =>
  app.call('POST', `/v1/requests/${id}/${path}`, { token: token[who], body });
const view = (who: string, id: string) => app.call<ServiceRequest>('GET', `/v1/requests/${id}`, { token: token[who] });
const pool = async (who: string) =>
  (await app.call<RequestList>('GET', '/v1/requests?scope=pool', { token: token[who] })).body.items.map((r) => r.id);

describe('transfer', () => {
  it("moves a request to another department's pool with a reason and a fresh claim clock", async () => {
    const request = await submit();
    await act('approvals', request.id, 'claim');
    await act('approvals', request.id, 'notes', { message: '企业所述为税收优惠问题，非审批事项' });
    clock.advanceHours(1);
    const moved = await act('approvals', request.id, 'transfer', { departmentId: 'dept-tax', reason: '涉及税收优惠，转税务分局' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'transferred', departments: [{ id: 'dept-tax', name: '区税务局园区税务分局' }] });
    expect(moved.body.assignee).toBeUndefined();
    expect(moved.body.clocks.claim.deadlineAt).toBe('2026-11-23T06:00:00.000Z'); // 10:00 + 4 h
    expect(moved.body.clocks.resolve.deadlineAt).toBe(request.clocks.resolve.deadlineAt);

    expect(await pool('tax')).toContain(request.id);
    expect(await pool('approvals')).not.toContain(request.id);
    const claimed = await act('tax', request.id, 'claim');
    expect(claimed.body).toMatchObject({ status: 'claimed', assignee: { id: demoUsers.tax } });

    // The enterprise sees the transfer and its reason, never the internal note.
    const seen = (await view('enterprise', request.id)).body;
    expect(seen.timeline.map((e) => e.type)).toEqual(['submitted', 'claimed', 'transferred', 'claimed']);
    expect(seen.timeline[2]).toMatchObject({ message: '涉及税收优惠，转税务分局', toDepartment: { id: 'dept-tax' } });
    expect(JSON.stringify(seen)).not.toContain('非审批事项');
    // The department it came from still sees the history, notes included.
    const history = (await view('approvalsHead', request.id)).body;
    expect(history.timeline.find((e) => e.type === 'noted')).toMatchObject({ visibility: 'internal' });
    expect(history.allowedActions).toEqual([]);
  });

  it('refuses an unknown department and the enterprise, with clear errors', async () => {
    const request = await submit();
    const unknown = await act('approvals', request.id, 'transfer', { departmentId: 'dept-nowhere', reason: '试试' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'departmentId' });
    const byEnterprise = await act('enterprise', request.id, 'transfer', { departmentId: 'dept-tax', reason: '我想换' });
    expect(byEnterprise.status).toBe(403);
  });
});

describe('waiting on the enterprise', () => {
  it('pauses the resolve clock until the enterprise answers, then returns to the state it was in', async () => {
    const request = await submit();
    await act('approvals', request.id, 'claim');
    await act('approvals', request.id, 'start', { message: '已开始核查' });
    const asked = await act('approvals', request.id, 'info-requests', { message: '请补充环评报告表扫描件' });
    expect(asked.body).toMatchObject({ status: 'needs_info', clocks: { claim: { state: 'met' }, resolve: { state: 'paused' } } });
    clock.advanceHours(24); // Monday → Tuesday: one working day spent waiting
    const supplied = await act('enterprise', request.id, 'info', { message: '已补充，见附件说明' });
    expect(supplied.body.status).toBe('in_progress');
    // The deadline moves from Thursday to Friday: exactly the working day spent waiting.
    const moved = new Date(Date.parse(request.clocks.resolve.deadlineAt) + 24 * 3_600_000).toISOString();
    expect(supplied.body.clocks.resolve).toMatchObject({ deadlineAt: moved, state: 'running' });
  });
});

describe('resolve, reopen, withdraw', () => {
  it('resolves, lets the enterprise reopen within 7 days, and refuses after', async () => {
    const request = await submit();
    await act('approvals', request.id, 'claim');
    await act('approvals', request.id, 'replies', { message: '材料齐全，今日办理' });
    const resolved = await act('approvals', request.id, 'resolve', { message: '证照已核发' });
    expect(resolved.body).toMatchObject({ status: 'resolved', clocks: { resolve: { state: 'met' } } });
    expect((await view('enterprise', request.id)).body.allowedActions).toEqual(['rate', 'reopen']);

    const reopened = await act('enterprise', request.id, 'reopen', { reason: '证照信息有误' });
    expect(reopened.body).toMatchObject({ status: 'reopened', assignee: { id: demoUsers.approvals } });
    await act('approvals', request.id, 'replies', { message: '已更正' });
    await act('approvals', request.id, 'resolve', { message: '已重新核发' });
    clock.advanceHours(7 * 24 + 1);
    const late = await act('enterprise', request.id, 'reopen', { reason: '又有问题' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'INVALID_TRANSITION', current: { status: 'resolved', allowedActions: ['rate'] } });
  });

  it('lets the enterprise withdraw before resolution; nothing can happen after', async () => {
    const request = await submit();
    const withdrawn = await act('enterprise', request.id, 'withdraw', { reason: '问题已自行解决' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', overdue: false, allowedActions: [] });
    expect(await pool('approvals')).not.toContain(request.id);
    const claim = await act('approvals', request.id, 'claim');
    expect(claim.status).toBe(409);
    expect(claim.body.error.current).toEqual({ status: 'withdrawn', allowedActions: [] });
  });

  it('answers 409 with the current state and what is allowed for a wrong moment', async () => {
    const request = await submit();
    const early = await act('enterprise', request.id, 'rating', { satisfied: true, score: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '诉求当前为“待认领”，不能评价',
      current: { status: 'submitted', allowedActions: ['withdraw'] },
    });
  });
});

describe('a crowd of writers on one request', () => {
  it('ends in a valid state whose timeline accounts for every accepted action, and nothing else', async () => {
    const request = await submit();
    await act('approvals', request.id, 'claim');
    // 50 mixed actions at once: notes from three people, replies and starts from the handler and the head,
    // info requests, and attempts that must fail (claims by the wrong people, ratings too early).
    const plan: { who: string; path: string; body: object; action: RequestAction }[] = [];
    for (let i = 0; i < 50; i++) {
      const kind = i % 5;
      if (kind === 0) plan.push({ who: ['approvals', 'approvalsHead', 'admin'][i % 3]!, path: 'notes', body: { message: `备注-${i}` }, action: 'note' });
      if (kind === 1) plan.push({ who: i % 2 ? 'approvals' : 'approvalsHead', path: 'replies', body: { message: `答复-${i}` }, action: 'reply' });
      if (kind === 2) plan.push({ who: 'approvals', path: 'start', body: { message: `开始-${i}` }, action: 'start' });
      if (kind === 3) plan.push({ who: 'tax', path: 'claim', body: {}, action: 'claim' });
      if (kind === 4) plan.push({ who: 'enterprise', path: 'rating', body: { satisfied: false, score: 2, comment: `评价-${i}` }, action: 'rate' });
    }
    const results = await Promise.all(plan.map((step) => act(step.who, request.id, step.path, step.body)));
    for (const result of results) {
      expect([200, 403, 404, 409]).toContain(result.status); // never a 500
    }

    const final = (await view('approvalsHead', request.id)).body;
    const accepted = plan.filter((_, i) => results[i]!.status === 200);
    const rejected = plan.filter((_, i) => results[i]!.status !== 200);
    // How many win depends on the machine (a writer gives up after 10 lost races): enough to mean something.
    expect(accepted.length).toBeGreaterThanOrEqual(15);
    // Every accepted action is on the timeline exactly once; no rejected one is.
    const messages = final.timeline.map((e) => e.message).filter(Boolean);
    for (const step of accepted) {
      const text = (step.body as { message?: string; comment?: string }).message ?? (step.body as { comment?: string }).comment;
      if (text) expect(messages.filter((m) => m === text), text).toHaveLength(1);
    }
    for (const step of rejected) {
      const text = (step.body as { message?: string; comment?: string }).message ?? (step.body as { comment?: string }).comment;
      if (text) expect(messages).not.toContain(text);
    }
    expect(final.timeline).toHaveLength(2 + accepted.length); // submitted + claimed + one per accepted action
    expect(final.version).toBe(final.timeline.length);
    // Nobody outside the department got in; the last event's status is the request's status.
    expect(results.filter((_, i) => plan[i]!.who === 'tax').every((r) => r.status !== 200)).toBe(true);
    expect(final.status).toBe(final.timeline.at(-1)!.status);
  });
});
