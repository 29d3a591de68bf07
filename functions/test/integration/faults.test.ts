/**
 * Faults survived, nothing lost: throttling and dropped connections are retried by the SDK; a
 * write whose answer was lost (DynamoDB did it, the SDK retried it) happens exactly once and is
 * answered as a success; a DynamoDB that stays down gets 503 with Retry-After within seconds and
 * the API recovers by itself when it is back; the scheduled jobs finish a run that died half-way
 * without doing anything twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiErrorBody, IDEMPOTENCY_HEADER, type CheckInResult, type CoBuildingCase, type Inbox, type Match, type Need, type ServiceRequest } from '@parklink/contract';
import { sweepOverdue } from '../../src/jobs/overdueSweep';
import { expireMarketPosts } from '../../src/jobs/marketExpiry';
import { sendPendingPushes, type PushSettings } from '../../src/jobs/pushSender';
import type { SubscribeMessage } from '../../src/ports/wechatMessages';
import { chinaDate } from '../../src/domain/stationCare';
import { queryItems } from '../../src/store/db';
import { keys, parkPk } from '../../src/store/keys';
import { notificationItem, type NotificationRecord } from '../../src/store/inbox';
import { pushStore } from '../../src/store/push';
import { ensureTable } from '../../src/store/table';
import { freePort } from '../../../scripts/local/ports';
import { createTestApp, demoUsers, manualClock, validRequest, type TestApp } from '../support/app';
import { injectFaults, mentions, ownDynamo, SimulatedCrash, WRITES, type FaultKind, type Faults, type OwnDynamo } from '../support/faults';

const PARK = 'park-demo';
let app: TestApp;
let faults: Faults;
const clock = manualClock('2026-11-23T01:00:00.000Z'); // Monday 09:00 in China
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const call = <T = any>(who: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
  app.call<Or<T>>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });

/** The DynamoDB Local the last test kills: started at once, so the JVM comes up while the other tests run. */
let ownDynamoStarting: Promise<OwnDynamo>;

beforeAll(async () => {
  ownDynamoStarting = freePort().then(ownDynamo);
  ownDynamoStarting.catch(() => {}); // awaited (and reported) by its test
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  faults = injectFaults(app.deps.db.doc);
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
});
afterEach(() => faults.clear());
afterAll(async () => {
  faults.remove();
  await Promise.all([app.close(), ownDynamoStarting.then((d) => d.dispose(), () => {})]);
});

let seq = 0;
/** A request with a title of its own, so the table can be searched for exactly its copies. */
const submit = async (headers?: Record<string, string>) => {
  const title = `${validRequest.title} ${++seq}`;
  const answer = await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', { ...validRequest, title }, headers);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const parkItems = (prefix: string) =>
  queryItems(app.deps.db, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': parkPk(PARK), ':p': prefix } });
const inboxOf = async (userId: string) =>
  queryItems(app.deps.db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INBOX#${userId}` } });
const view = async (id: string) => (await call<ServiceRequest>('admin', 'GET', `/v1/requests/${id}`)).body;
const eventsOf = async (id: string, type: string) => (await view(id)).timeline.filter((e) => e.type === type);
/** No two timeline events share an id (a doubled write would repeat one, or add a twin). */
const expectDistinctEvents = (r: ServiceRequest) => expect(new Set(r.timeline.map((e) => e.id)).size).toBe(r.timeline.length);

/**
 * Runs `act` with the answer of every write's first attempt lost: DynamoDB does the write, the
 * connection drops before the answer arrives, the SDK tries again. Checks the fault fired and the
 * SDK retried; gives back what `act` answered.
 */
async function withLostAnswers<T>(act: () => Promise<T>, commands = WRITES): Promise<T> {
  faults.plan({ kind: 'lostAnswer', commands, attempt: 1, times: Infinity });
  const result = await act();
  const lost = faults.attempts.filter((a) => a.fault === 'lostAnswer');
  expect(lost.length).toBeGreaterThan(0);
  // Every lost first attempt was tried again.
  for (const command of new Set(lost.map((a) => a.command))) {
    expect(faults.attempts.filter((a) => a.command === command && a.attempt === 2).length).toBeGreaterThanOrEqual(lost.filter((a) => a.command === command).length);
  }
  faults.clear();
  return result;
}

describe('the SDK retries what is worth retrying', () => {
  it('rides out throttling and reset connections, reads and writes alike', async () => {
    const created = await submit();
    faults.plan({ kind: 'throttle', commands: ['GetItemCommand'], match: mentions(`REQ#${created.id}`), times: 2 });
    const read = await call<ServiceRequest>('approvals', 'GET', `/v1/requests/${created.id}`);
    expect(read.status).toBe(200);
    expect(faults.attempts.filter((a) => a.command === 'GetItemCommand' && a.fault === 'throttle').map((a) => a.attempt)).toEqual([1, 2]);
    expect(faults.attempts.filter((a) => a.command === 'GetItemCommand').map((a) => a.attempt)).toContain(3);

    faults.clear();
    faults.plan({ kind: 'reset', times: 2 });
    const claimed = await call<ServiceRequest>('approvals', 'POST', `/v1/requests/${created.id}/claim`);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(faults.attempts.filter((a) => a.command === 'TransactWriteItemsCommand').map((a) => [a.attempt, a.fault])).toEqual([
      [1, 'reset'],
      [2, 'reset'],
      [3, undefined],
    ]);
    expect((await eventsOf(created.id, 'claimed')).length).toBe(1);
  });

  it('answers 503 UNAVAILABLE with Retry-After once the retries are spent, and nothing is written', async () => {
    const created = await submit();
    faults.plan({ kind: 'throttle', times: Infinity });
    const started = Date.now();
    const refused = await call('approvals', 'POST', `/v1/requests/${created.id}/claim`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(ApiErrorBody.parse(refused.body).error).toMatchObject({ code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试' });
    expect(faults.attempts.filter((a) => a.fault === 'throttle').map((a) => a.attempt)).toEqual([1, 2, 3]);
    faults.clear();
    expect((await view(created.id)).status).toBe('submitted');
  });
});

describe('a write whose answer was lost happens exactly once', () => {
  it('submits under an Idempotency-Key once, and the same key later finds it', async () => {
    const key = `faults-key-${Date.now()}`;
    const created = await withLostAnswers(() => submit({ [IDEMPOTENCY_HEADER]: key }));
    expect((await parkItems('REQ#')).filter((i) => i.title === created.title)).toHaveLength(1);
    expect((await parkItems(`IDEM#${demoUsers.enterprise}#${key}`)).map((i) => i.requestId)).toEqual([created.id]);
    const again = await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', { ...validRequest, title: created.title }, { [IDEMPOTENCY_HEADER]: key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.id);
  });

  it('submits without a key once, answered 201 (not a 500 from meeting its own item)', async () => {
    const created = await withLostAnswers(() => submit());
    expect((await parkItems('REQ#')).filter((i) => i.title === created.title)).toHaveLength(1);
    expect(created.timeline.map((e) => e.type)).toEqual(['submitted']);
  });

  it('claims, replies, notes, resolves and rates once each, with one message each, never a false 409', async () => {
    const { id } = await submit();
    const steps: [string, string, string, unknown, string][] = [
      ['approvals', 'claim', 'claimed', undefined, 'claimed'],
      ['approvals', 'replies', 'replied', { message: '经核查，还缺排污许可材料。' }, 'answered'],
      ['approvals', 'notes', 'noted', { message: '内部备注：已电话联系企业' }, 'answered'],
      ['approvals', 'resolve', 'resolved', { message: '材料齐全，已办结。' }, 'resolved'],
      ['enterprise', 'rating', 'rated', { satisfied: true, score: 5, comment: '答复及时' }, 'rated'],
    ];
    for (const [who, path, event, body, status] of steps) {
      const answer = await withLostAnswers(() => call<ServiceRequest>(who, 'POST', `/v1/requests/${id}/${path}`, body));
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(answer.body.status).toBe(status);
      expect((await eventsOf(id, event)).length, event).toBe(1);
    }
    const final = await view(id);
    expectDistinctEvents(final);
    expect(final.timeline.map((e) => e.type)).toEqual(['submitted', 'claimed', 'replied', 'noted', 'resolved', 'rated']);
    expect(final.version).toBe(final.timeline.length); // one version per event: nothing saved twice
    // One message per step that tells someone: the enterprise hears claim, reply, resolution; the liaison the rating.
    const kinds = (items: Record<string, unknown>[]) => items.filter((n) => n.requestId === id).map((n) => n.kind).sort();
    expect(kinds(await inboxOf(demoUsers.enterprise))).toEqual(['answered', 'claimed', 'resolved']);
    expect(kinds(await inboxOf(demoUsers.approvals))).toEqual(['rated']);
  });

  it('proposes a match once: one match, its pair locked to it, one message to the bank', async () => {
    const need = (await call<Need>('enterprise', 'POST', '/v1/needs', {
      kind: 'financing',
      title: '购置贴片设备需贷款（故障测试）',
      description: '新增两条贴片生产线，设备购置需要贷款 300 万元，希望无抵押信用贷款。',
      amountFen: 300_000_000,
      expiresAt: '2027-03-01T00:00:00.000Z',
    })).body;
    const proposed = await withLostAnswers(() => call<Match>('enterprise', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro', message: '想了解小微易贷' }));
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const matches = (await parkItems('MATCH#')).filter((m) => (m.need as { id: string }).id === need.id);
    expect(matches.map((m) => m.id)).toEqual([proposed.body.id]);
    expect((await parkItems(`MATCHPAIR#${need.id}`)).map((p) => [p.matchId, p.active])).toEqual([[proposed.body.id, true]]);
    const heads = (await call<Inbox>('psbcHead', 'GET', '/v1/inbox?limit=50')).body.items.filter((n) => n.matchId === proposed.body.id);
    expect(heads).toHaveLength(1);
  });

  it('creates a case once', async () => {
    const title = `普惠贷款支持贴片产线（故障测试 ${Date.now()}）`;
    const created = await withLostAnswers(() =>
      call<CoBuildingCase>('psbc', 'POST', '/v1/cases', {
        kind: 'bank',
        title,
        enterpriseIds: ['ent-xinrui'],
        bank: { instrument: 'loan', amountFen: 300_000_000, rateBp: 385, termMonths: 36, grantedOn: '2026-11-20', purpose: '设备购置', preferential: true },
        narrative: { difficulty: '新增产线缺少设备购置资金', action: '三个工作日完成授信并放款' },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await parkItems('CASE#')).filter((c) => c.title === title).map((c) => c.id)).toEqual([created.body.id]);
    // And a step on it (a versioned save) under the same fault: confirmed once, not a false 409.
    const confirmed = await withLostAnswers(() => call<CoBuildingCase>('enterprise', 'POST', `/v1/cases/${created.body.id}/confirm`, { version: 1 }));
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    const [stored] = (await parkItems('CASE#')).filter((c) => c.id === created.body.id);
    expect(stored!.version).toBe(2);
  });

  it('counts a check-in once and says it counted', async () => {
    const station = 'st-service-center';
    const day = keys.checkInDay(PARK, station, chinaDate(clock.now().getTime()).date).sk;
    const countNow = async () => Number((await parkItems(day))[0]?.count ?? 0);
    const before = await countNow();
    const answer = await withLostAnswers(() => app.call<CheckInResult>('POST', `/v1/stations/${station}/checkins`, { body: { deviceId: 'device-faults-000001' }, sourceIp: '10.9.9.9' }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.counted).toBe(true);
    expect(await countNow()).toBe(before + 1);
  });

  it('records a rider’s problem report once, answered 201', async () => {
    const station = 'st-service-center';
    const body = { kind: 'no_water', deviceId: 'device-faults-000002', note: '热水器坏了' };
    const answer = await withLostAnswers(() => app.call<{ id: string }>('POST', `/v1/stations/${station}/reports`, { body, sourceIp: '10.9.9.8' }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const open = await app.call('GET', `/v1/managed-stations/${station}/reports`, { token: await app.login('u-host-center') });
    expect(open.body.items.filter((r: { id: string }) => r.id === answer.body.id)).toHaveLength(1);
  });

  it('saves the park calendar once, never a false 409 from meeting its own save', async () => {
    const current = (await call<{ version: number; holidays: string[] }>('admin', 'GET', '/v1/calendar')).body;
    const answer = await withLostAnswers(() => call('admin', 'PUT', '/v1/calendar', { ...current, holidays: [...current.holidays, '2026-12-30'] }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect((await call<{ version: number }>('admin', 'GET', '/v1/calendar')).body.version).toBe(current.version + 1);
  });
});

/** A job run that dies at its `n`th write (before or after DynamoDB did it), then a normal run. */
async function crashThenFinish<T>(kind: FaultKind, n: number, run: () => Promise<T>): Promise<{ crashed: boolean; finish?: T }> {
  faults.plan({ kind, after: n - 1 });
  let crashed = false;
  try {
    await run();
  } catch (error) {
    if (!(error instanceof SimulatedCrash)) throw error;
    crashed = true;
  }
  faults.clear();
  if (!crashed) return { crashed };
  return { crashed, finish: await run() };
}

describe('the scheduled jobs finish a run that died half-way, and do nothing twice', () => {
  it('the overdue sweep: one escalation per step, one message each', async () => {
    for (const kind of ['crash', 'crashAfter'] as const) {
      const ids = [(await submit()).id, (await submit()).id, (await submit()).id];
      clock.advanceHours(5); // their 4-hour claim clocks are missed
      const { crashed } = await crashThenFinish(kind, 2, () => sweepOverdue(app.deps));
      expect(crashed).toBe(true);
      await sweepOverdue(app.deps); // and once more: nothing left to do
      const headInbox = await inboxOf(demoUsers.approvalsHead);
      for (const id of ids) {
        const escalated = await eventsOf(id, 'escalated');
        expect(escalated.map((e) => e.escalation), `${kind} ${id}`).toEqual([{ clock: 'claim', level: 1 }]);
        expectDistinctEvents(await view(id));
        expect(headInbox.filter((m) => m.requestId === id && m.kind === 'overdue')).toHaveLength(1);
      }
    }
  });

  it('the market expiry: each expired post closed once', async () => {
    for (const kind of ['crash', 'crashAfter'] as const) {
      const expiresAt = new Date(clock.now().getTime() + 86_400_000).toISOString();
      const needs: Need[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await call<Need>('enterprise', 'POST', '/v1/needs', { kind: 'orders', title: `承接冲压件订单 ${kind} ${i}`, description: '冲压车间有富余产能，希望承接汽车零部件冲压件配套订单。', expiresAt });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        needs.push(answer.body);
      }
      clock.advanceHours(25);
      const now = clock.now().toISOString();
      const { crashed, finish } = await crashThenFinish(kind, 2, () => expireMarketPosts(app.deps, PARK, now));
      expect(crashed).toBe(true);
      // The crashed run closed one (crash: before its second; crashAfter: the second too).
      expect(finish).toBe(kind === 'crash' ? 2 : 1);
      expect(await expireMarketPosts(app.deps, PARK, now)).toBe(0);
      for (const need of needs) {
        const [stored] = (await parkItems(`NEED#${need.id}`));
        expect(stored, need.id).toMatchObject({ status: 'closed', closedReason: 'expired', version: 2 });
        expect(stored!.gsi4pk).toBeUndefined();
      }
    }
  });

  it('the push sender: at most one WeChat message per inbox message, and every one settled', async () => {
    const sent: SubscribeMessage[] = [];
    const settings: PushSettings = { messenger: { send: async (m) => (sent.push(m), 'sent') }, templateIds: { progress: 'tpl-progress', todo: 'tpl-todo' } };
    // Everything earlier tests left in the outbox is settled first (no WeChat configured: skipped).
    for (let i = 0; i < 20 && (await pushStore.listPending(app.deps.db, 100)).length; i++) await sendPendingPushes(app.deps, { templateIds: {} });
    expect(await pushStore.listPending(app.deps.db, 100)).toEqual([]);
    await app.deps.db.doc.send(new UpdateCommand({ TableName: app.deps.db.tableName, Key: keys.user(PARK, demoUsers.enterprise), UpdateExpression: 'SET openid = :o', ExpressionAttributeValues: { ':o': 'openid-faults' } }));
    await pushStore.setCredits(app.deps.db, PARK, demoUsers.enterprise, 'progress', 50);

    const sendsFor = (requestId: string) => sent.filter((m) => m.page.endsWith(`id=${requestId}`)).length;
    /** Two fresh messages for the enterprise, in the outbox as a claim leaves them (written directly: cheaper than two claims). */
    let messageSeq = 0;
    const freshMessages = async () => {
      const ids = [`req-faults-${++messageSeq}`, `req-faults-${++messageSeq}`];
      for (const requestId of ids) {
        const record: NotificationRecord = { id: app.deps.newId(), parkId: PARK, userId: demoUsers.enterprise, kind: 'claimed', requestId, title: '诉求已认领', body: '「新厂房环评审批进度」已由区行政审批局 李审批认领', at: clock.now().toISOString(), push: 'pending' };
        await app.deps.db.doc.send(new PutCommand({ TableName: app.deps.db.tableName, Item: notificationItem(record) }));
      }
      return ids;
    };
    let runs = 0;
    const endings = new Set<string>();
    for (const kind of ['crash', 'crashAfter'] as const) {
      for (let n = 1; ; n++) {
        const ids = await freshMessages();
        const creditsBefore = (await pushStore.credits(app.deps.db, PARK, demoUsers.enterprise)).progress;
        faults.plan({ kind, after: n - 1 });
        const crashed = await sendPendingPushes(app.deps, settings).then(() => false, (error) => {
          if (!(error instanceof SimulatedCrash)) throw error;
          return true;
        });
        const fired = faults.injected > 0;
        // A crash is never swallowed (a job that carried on as if the write happened would lie).
        expect(crashed, `${kind} at write ${n}`).toBe(fired);
        faults.clear();
        clock.advanceHours(2 / 60); // past the crashed run's lease
        await sendPendingPushes(app.deps, settings);
        expect(await pushStore.listPending(app.deps.db, 100), `${kind} at write ${n}`).toEqual([]);
        const messages = (await inboxOf(demoUsers.enterprise)).filter((m) => ids.includes(String(m.requestId)));
        expect(messages).toHaveLength(2);
        for (const id of ids) {
          const message = messages.find((m) => m.requestId === id)!;
          const sends = sendsFor(id);
          expect(sends, `${kind} at write ${n}: ${id} ${message.push}/${message.pushReason}`).toBeLessThanOrEqual(1);
          // Only a run that died between marking a message "sending" and settling it leaves it
          // unsent: after that mark nobody can tell whether WeChat has it, so it is never sent again.
          if (sends === 0) expect([kind, message.push, message.pushReason]).toEqual(['crashAfter', 'failed', 'interrupted']);
          else expect(message.push).toMatch(/^(sent|failed)$/);
          endings.add(`${kind} ${sends} ${message.push}/${message.pushReason}`);
        }
        // A consent is spent only for a message handed to WeChat (or, in doubt, for the one given up).
        const spent = creditsBefore - (await pushStore.credits(app.deps.db, PARK, demoUsers.enterprise)).progress;
        expect(spent).toBe(2);
        runs++;
        if (!fired) break; // the run had fewer than n writes: every position was tried
      }
    }
    // And a run whose every write lost its answer once (lease, consent and mark, settle): each
    // message sent once, in this very run, one consent each.
    const ids = await freshMessages();
    const creditsBefore = (await pushStore.credits(app.deps.db, PARK, demoUsers.enterprise)).progress;
    const result = await withLostAnswers(() => sendPendingPushes(app.deps, settings));
    expect(result).toMatchObject({ sent: 2, failed: 0, retrying: 0 });
    for (const id of ids) expect(sendsFor(id)).toBe(1);
    expect(creditsBefore - (await pushStore.credits(app.deps.db, PARK, demoUsers.enterprise)).progress).toBe(2);

    expect(runs).toBeGreaterThan(8);
    // Every way a message can end was met: sent; sent by a run that died before settling it (given
    // up by the next run, not sent again); marked by a run that died before sending (given up).
    expect([...endings].sort()).toEqual(['crash 1 failed/interrupted', 'crash 1 sent/ok', 'crashAfter 0 failed/interrupted', 'crashAfter 1 sent/ok']);
  });
});

describe('when DynamoDB stays down', () => {
  // Two JVM starts (one overlapped with the tests above) and a park's seed: more than the default 30 s on a busy machine.
  it('answers 503 with Retry-After for reads and writes within seconds, and recovers by itself', { timeout: 90_000 }, async () => {
    const dynamo = await ownDynamoStarting;
    const tableName = `t-down-${Math.random().toString(36).slice(2, 8)}`;
    const admin = new DynamoDBClient({ region: 'cn-north-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    let down: TestApp | undefined;
    try {
      await ensureTable(admin, tableName);
      // The same test app, its table (made and seeded) in this DynamoDB of our own.
      down = await createTestApp({ config: { tableName, dynamoEndpoint: dynamo.endpoint } });
      const enterprise = await down.login(demoUsers.enterprise);
      const before = await down.call<ServiceRequest>('POST', '/v1/requests', { token: enterprise, body: validRequest });
      expect(before.status).toBe(201);

      await dynamo.kill();
      for (const [method, url, body] of [
        ['GET', `/v1/requests/${before.body.id}`, undefined],
        ['POST', '/v1/requests', validRequest],
        ['GET', '/v1/inbox', undefined],
      ] as const) {
        const started = Date.now();
        const answer = await down.call(method, url, { token: enterprise, ...(body ? { body } : {}) });
        expect(Date.now() - started, `${method} ${url}`).toBeLessThan(5_000);
        expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBe(503);
        expect(answer.headers['retry-after']).toBe('5');
        expect(ApiErrorBody.parse(answer.body).error).toMatchObject({ code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试' });
      }

      await dynamo.restart();
      // The same app and clients, nothing rebuilt: the data written before the kill is there.
      const after = await down.call<ServiceRequest>('GET', `/v1/requests/${before.body.id}`, { token: enterprise });
      expect(after.status, JSON.stringify(after.body)).toBe(200);
      expect(after.body.title).toBe(validRequest.title);
      expect((await down.call('POST', '/v1/requests', { token: enterprise, body: validRequest })).status).toBe(201);
    } finally {
      await down?.close();
      admin.destroy();
    }
  });
});
