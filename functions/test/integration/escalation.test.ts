/**
 * Deadlines that enforce themselves: the overdue sweep escalates a missed deadline to the
 * department head, a day later to the park admin — each once, however the sweep is run — and the
 * inbox carries every message to the right person only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Inbox, ServiceRequest } from '@parklink/contract';
import { sendPendingPushes } from '../../src/jobs/pushSender';
import { sweepOverdue } from '../../src/jobs/overdueSweep';
import type { SubscribeMessage } from '../../src/ports/wechatMessages';
import { keys } from '../../src/store/keys';
import { readMarkKey } from '../../src/store/inbox';
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

describe('read-all', () => {
  // The test clock stands still here: messages made after a read-all share its millisecond.
  const claimAndReply = async (who = 'enterprise') => {
    const created = (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token[who], body: validRequest })).body;
    await app.call('POST', `/v1/requests/${created.id}/claim`, { token: token.approvals });
    await app.call('POST', `/v1/requests/${created.id}/replies`, { token: token.approvals, body: { message: '已核查' } });
    return created;
  };
  /** Every message of the inbox, page by page (`limit` a page), and the unread count of each page. */
  const allPages = async (who: string, limit: number) => {
    const items: Inbox['items'] = [];
    const counts: number[] = [];
    let cursor: string | undefined;
    do {
      const page = (await app.call<Inbox>('GET', `/v1/inbox?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: token[who] })).body;
      items.push(...page.items);
      counts.push(page.unread);
      cursor = page.nextCursor;
    } while (cursor);
    return { items, counts };
  };
  const readAll = async (who: string) => {
    const answer = await app.call<{ unread: number }>('POST', '/v1/inbox/read-all', { token: token[who] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.unread;
  };

  it('reads every message, on every page, and the count is 0', async () => {
    for (let i = 0; i < 3; i++) await claimAndReply();
    const before = await allPages('enterprise', 3);
    expect(before.items.filter((n) => !n.read).length).toBeGreaterThanOrEqual(6);
    expect(new Set(before.items.map((n) => n.id)).size).toBe(before.items.length); // the pages do not overlap

    expect(await readAll('enterprise')).toBe(0);
    const after = await allPages('enterprise', 3);
    expect(after.items.map((n) => n.id)).toEqual(before.items.map((n) => n.id));
    expect(after.items.filter((n) => !n.read)).toEqual([]);
    expect(after.counts.every((n) => n === 0)).toBe(true);
    // Once more: nothing left to do, still 0.
    expect(await readAll('enterprise')).toBe(0);
  });

  it('leaves a message that arrives after it unread (same millisecond), and counts it', async () => {
    await claimAndReply();
    expect(await readAll('enterprise')).toBe(0);
    const later = (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
    await app.call('POST', `/v1/requests/${later.id}/claim`, { token: token.approvals });

    const inboxNow = (await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token.enterprise })).body;
    expect(inboxNow.unread).toBe(1);
    expect(inboxNow.items.filter((n) => !n.read)).toEqual([expect.objectContaining({ requestId: later.id, kind: 'claimed' })]);
    expect(inboxNow.items.filter((n) => n.read).length).toBeGreaterThan(0);
  });

  it('keeps marking one message read idempotent, under the mark and above it', async () => {
    const { items, unread } = (await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token.enterprise })).body;
    expect(unread).toBe(1); // the one of the test before
    const old = items.find((n) => n.read)!;
    const fresh = items.find((n) => !n.read)!;
    for (let i = 0; i < 2; i++) {
      const read = await app.call('POST', `/v1/inbox/${old.id}/read`, { token: token.enterprise });
      expect(read.status).toBe(200);
      expect(read.body.unread).toBe(1);
    }
    for (let i = 0; i < 2; i++) expect((await app.call('POST', `/v1/inbox/${fresh.id}/read`, { token: token.enterprise })).body.unread).toBe(0);
    const after = (await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token.enterprise })).body;
    expect(after.unread).toBe(0);
    expect(after.items.find((n) => n.id === old.id)!.read).toBe(true);
    expect(after.items.find((n) => n.id === fresh.id)!.read).toBe(true);
    // Read-all after that changes nothing.
    expect(await readAll('enterprise')).toBe(0);
    // Someone else's message is still not found, read mark or not.
    expect((await app.call('POST', `/v1/inbox/${old.id}/read`, { token: token.otherEnterprise })).status).toBe(404);
  });

  it('is not undone by the push sender settling the same messages meanwhile', async () => {
    const who = 'otherEnterprise';
    const userId = demoUsers[who];
    // Bound to WeChat, with consent for two progress messages.
    await app.deps.db.doc.send(
      new UpdateCommand({ TableName: app.deps.db.tableName, Key: keys.user('park-demo', userId), UpdateExpression: 'SET openid = :o', ExpressionAttributeValues: { ':o': 'openid-hengtong-readall' } }),
    );
    for (let i = 0; i < 2; i++) await app.call('POST', '/v1/me/subscriptions', { token: token[who], body: { accepted: ['progress'] } });
    const created = await claimAndReply(who);
    const mine = (await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token[who] })).body;
    const about = mine.items.filter((n) => n.requestId === created.id);
    expect(about.map((n) => n.read)).toEqual([false, false]);

    // WeChat takes its time: the user reads all while the sender holds the first message, and
    // the sender settles both only after that.
    const sent: SubscribeMessage[] = [];
    let readAllAnswer: number | undefined;
    const messenger = {
      async send(message: SubscribeMessage) {
        readAllAnswer ??= await readAll(who);
        sent.push(message);
        return 'sent' as const;
      },
    };
    const result = await sendPendingPushes(app.deps, { messenger, templateIds: { progress: 'tpl-progress' } });
    expect(result.sent).toBe(2);
    expect(sent).toHaveLength(2);
    expect(readAllAnswer).toBe(0);

    const after = (await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token[who] })).body;
    expect(after.unread).toBe(0);
    expect(after.items.filter((n) => !n.read)).toEqual([]);
    // Neither undid the other: the messages are settled as sent, the mark stands where read-all put it.
    for (const n of about) {
      const { Item } = await app.deps.db.doc.send(new GetCommand({ TableName: app.deps.db.tableName, Key: keys.notification(userId, n.id), ConsistentRead: true }));
      expect(Item).toMatchObject({ push: 'sent' });
      expect(Item?.gsi4pk).toBeUndefined();
    }
    const { Item: mark } = await app.deps.db.doc.send(new GetCommand({ TableName: app.deps.db.tableName, Key: readMarkKey(userId), ConsistentRead: true }));
    expect(mark).toMatchObject({ readThrough: about[0]!.id, parkId: 'park-demo', entity: 'InboxReadMark' });
    // A sender run after it leaves it so too.
    await sendPendingPushes(app.deps, { messenger, templateIds: { progress: 'tpl-progress' } });
    expect((await app.call<Inbox>('GET', '/v1/inbox?limit=50', { token: token[who] })).body.unread).toBe(0);
  });
});
