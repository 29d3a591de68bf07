/**
 * Deadlines that enforce themselves: the overdue sweep escalates a missed deadline to the
 * department head, a day later to the park admin — each once, however the sweep is run — and the
 * inbox carries every message to the right person only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox, ServiceRequest } from '@parklink/contract';
import { sweepOverdue } from '../../src/jobs/overdueSweep';
import { createTestApp, demoUsers, manualClock, validRequest, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-11-23T01:00:00.000Z'); // Monday 09:00 in China
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 60 * 24 * 3600 } });
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
});
afterAll(() => app.close());

const inbox = async (who: string) => (await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token[who] })).body;
const view = async (who: string, id: string) => (await app.call<ServiceRequest>('GET', `/v1/requests/${id}`, { token: token[who] })).body;

describe('the overdue sweep', () => {
  it('escalates a missed claim clock to the head, then the admin, once each, even when runs overlap', async () => {
    const created = (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
    expect((await sweepOverdue(app.deps)).escalated).toBe(0); // nothing is due yet

    clock.advanceHours(5); // the 4-hour claim clock is missed
    const [first, second] = await Promise.all([sweepOverdue(app.deps), sweepOverdue(app.deps)]);
    expect(first.escalated + second.escalated).toBe(1);
    expect((await sweepOverdue(app.deps)).escalated).toBe(0);

    const afterLevel1 = await view('approvalsHead', created.id);
    expect(afterLevel1.overdue).toBe(true);
    expect(afterLevel1.timeline.filter((e) => e.type === 'escalated')).toEqual([
      expect.objectContaining({ visibility: 'internal', escalation: { clock: 'claim', level: 1 } }),
    ]);
    // The enterprise sees it is overdue, not the internal escalation.
    const seen = await view('enterprise', created.id);
    expect(seen.overdue).toBe(true);
    expect(seen.timeline.map((e) => e.type)).toEqual(['submitted']);

    const headInbox = await inbox('approvalsHead');
    expect(headInbox.items.filter((n) => n.requestId === created.id)).toEqual([
      expect.objectContaining({ kind: 'overdue', title: '诉求响应时限已超时', read: false }),
    ]);
    expect((await inbox('admin')).items.filter((n) => n.requestId === created.id)).toHaveLength(0);

    clock.advanceHours(24); // still unanswered a day later: up to the park admin
    await Promise.all([sweepOverdue(app.deps), sweepOverdue(app.deps), sweepOverdue(app.deps)]);
    const adminInbox = await inbox('admin');
    expect(adminInbox.items.filter((n) => n.requestId === created.id)).toHaveLength(1);
    const events = (await view('admin', created.id)).timeline.filter((e) => e.type === 'escalated');
    expect(events.map((e) => e.escalation)).toEqual([
      { clock: 'claim', level: 1 },
      { clock: 'claim', level: 2 },
    ]);
    expect((await inbox('approvalsHead')).items.filter((n) => n.requestId === created.id)).toHaveLength(1);
  });

  it('leaves answered, paused and withdrawn requests alone', async () => {
    const submit = async () =>
      (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
    const answered = await submit();
    await app.call('POST', `/v1/requests/${answered.id}/claim`, { token: token.approvals });
    await app.call('POST', `/v1/requests/${answered.id}/replies`, { token: token.approvals, body: { message: '已答复' } });
    const waiting = await submit();
    await app.call('POST', `/v1/requests/${waiting.id}/claim`, { token: token.approvals });
    await app.call('POST', `/v1/requests/${waiting.id}/info-requests`, { token: token.approvals, body: { message: '请补充材料' } });
    const withdrawn = await submit();
    await app.call('POST', `/v1/requests/${withdrawn.id}/withdraw`, { token: token.enterprise, body: {} });

    clock.advanceHours(30); // past the claim clock; the resolve clock (3 working days) still runs
    await sweepOverdue(app.deps);
    for (const request of [answered, waiting, withdrawn]) {
      const events = (await view('admin', request.id)).timeline.filter((e) => e.type === 'escalated');
      expect(events, request.id).toHaveLength(0);
    }
  });
});

describe('the inbox', () => {
  it('tells the enterprise about claims and answers, and lets them mark messages read', async () => {
    const created = (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
    await app.call('POST', `/v1/requests/${created.id}/claim`, { token: token.approvals });
    await app.call('POST', `/v1/requests/${created.id}/replies`, { token: token.approvals, body: { message: '已核查' } });

    const mine = await inbox('enterprise');
    const about = mine.items.filter((n) => n.requestId === created.id);
    expect(about.map((n) => n.kind)).toEqual(['answered', 'claimed']); // newest first
    expect(about[1]!.body).toContain('区行政审批局 李审批');
    const unreadBefore = mine.unread;

    const read = await app.call('POST', `/v1/inbox/${about[0]!.id}/read`, { token: token.enterprise });
    expect(read.body.unread).toBe(unreadBefore - 1);
    // Nobody can touch someone else's messages: the id is looked up in the caller's own inbox.
    const foreign = await app.call('POST', `/v1/inbox/${about[1]!.id}/read`, { token: token.otherEnterprise });
    expect(foreign.status).toBe(404);
    expect((await inbox('enterprise')).unread).toBe(unreadBefore - 1);

    const all = await app.call('POST', '/v1/inbox/read-all', { token: token.enterprise });
    expect(all.body.unread).toBe(0);
    expect((await inbox('enterprise')).items.every((n) => n.read)).toBe(true);
  });

  it('pages by an opaque cursor that cannot open another inbox', async () => {
    const first = (await app.call<Inbox>('GET', '/v1/inbox?limit=1', { token: token.enterprise })).body;
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = (await app.call<Inbox>('GET', `/v1/inbox?limit=1&cursor=${first.nextCursor}`, { token: token.enterprise })).body;
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    const hijack = await app.call<Inbox>('GET', `/v1/inbox?limit=5&cursor=${first.nextCursor}`, { token: token.approvals });
    expect(hijack.body.items.every((n) => !first.items.some((m) => m.id === n.id))).toBe(true);
    const tooMany = await app.call('GET', '/v1/inbox?limit=500', { token: token.enterprise });
    expect(tooMany.status).toBe(400);
  });
});
