/**
 * Personal information (PIPL) against DynamoDB Local: `GET /v1/me/data` holds everything of the
 * caller's own — account (the openid masked), consents, inbox, the requests, matches and cases they
 * act in — and nothing of anyone else's, of this park or the other; `DELETE /v1/me` erases them:
 * the token is refused at its next call, their WeChat account finds nothing at login, inbox and
 * consents are gone, and what the park must keep stays with 已注销用户 where their name was — a
 * request the enterprise contact submitted, the reply a liaison wrote, a case confirmation, the
 * audit log — still counted by the dashboard and the ledger. The last admin may not go; a second
 * erasure is harmless; one that fails half-way is finished by the sweep.
 *
 * Then the full pass that the sweep runs after each erasure reaches what no index of the person
 * holds: a liaison's reply on a request later transferred out of his department, an admin's note
 * and transfer, a head's note on a colleague's closed request, their name in other people's text
 * and inbox messages. Afterwards the whole table is scanned: no string anywhere holds an erased
 * person's name, and their id only where the README says it stays. A pass that dies half-way is
 * carried on from its cursor, writes nothing twice and touches nobody else; a write racing it is
 * not lost.
 */
import ExcelJS from 'exceljs';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERASED_NAME, type AuditList, type Dashboard, type EraseMeResult, type LedgerExport, type Match, type MemberList, type MyData, type Need, type ServiceRequest, type Session } from '@parklink/contract';
import { sweepOverdue } from '../../src/jobs/overdueSweep';
import type { inProcessJobs } from '../../src/ports/jobs';
import { keys } from '../../src/store/keys';
import { privacyStore } from '../../src/store/privacy';
import { createTestApp, demoUsers, manualClock, otherParkUser, validRequest, type TestApp } from '../support/app';
import { injectFaults, SimulatedCrash, type Faults } from '../support/faults';

let app: TestApp;
let faults: Faults;
// Monday 2026-11-02 10:00 China time.
const clock = manualClock('2026-11-02T02:00:00.000Z');
const token: Record<string, string> = {};
const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<T>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });
const settled = () => (app.deps.jobs as ReturnType<typeof inProcessJobs>).settled();
const ERASE = { confirm: '注销' };

/** A member invited by the park's admin who logs in with WeChat (the fake answers openid-<code>). */
async function member(as: string, body: Record<string, unknown>, code: string): Promise<{ id: string; token: string }> {
  const invited = await call('admin', 'POST', '/v1/admin/invitations', body);
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const login = await app.call<Session>('POST', '/v1/auth/wechat', { body: { code, inviteCode: invited.body.inviteCode } });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  token[as] = login.body.token;
  return { id: login.body.user.id, token: login.body.token };
}

const item = async (key: { pk: string; sk: string }) => (await app.deps.db.doc.send(new GetCommand({ TableName: app.deps.db.tableName, Key: key, ConsistentRead: true }))).Item;
const inboxCount = async (userId: string) =>
  (await app.deps.db.doc.send(new QueryCommand({ TableName: app.deps.db.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INBOX#${userId}` }, Select: 'COUNT', ConsistentRead: true }))).Count;

let chen: { id: string; token: string };
let wu: { id: string; token: string };
let served: ServiceRequest;
let colleagues: ServiceRequest;
let theirs: ServiceRequest;
let match: Match;
let caseId: string;

beforeAll(async () => {
  app = await createTestApp({ deps: { clock, wechat: { code2Session: async (code) => ({ openid: `openid-${code}` }) } }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  faults = injectFaults(app.deps.db.doc);
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));
  token.otherEnterprise = await app.login(otherParkUser(demoUsers.enterprise));
  // 陈经理 is 鑫锐's second contact, 吴审批 a liaison of the approvals bureau; both joined with WeChat.
  chen = await member('chen', { name: '陈经理', role: 'enterprise', enterpriseId: 'ent-xinrui' }, 'chen');
  wu = await member('wu', { name: '吴审批', role: 'liaison', departmentId: 'dept-approvals' }, 'wu');

  served = (await call<ServiceRequest>('chen', 'POST', '/v1/requests', { ...validRequest, title: '陈经理的环评审批' })).body;
  clock.advanceHours(1);
  await call('wu', 'POST', `/v1/requests/${served.id}/claim`);
  await call('wu', 'POST', `/v1/requests/${served.id}/replies`, { message: '吴审批：材料齐全，本周出结果。' });
  await call('wu', 'POST', `/v1/requests/${served.id}/notes`, { message: '已与窗口确认' });
  await call('approvalsHead', 'POST', `/v1/requests/${served.id}/notes`, { message: '请按时办结' });
  // 张经理's request of the same enterprise, handled by 李审批; and one of the other park.
  colleagues = (await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', { ...validRequest, title: '张经理的环评审批' })).body;
  await call('approvals', 'POST', `/v1/requests/${colleagues.id}/claim`);
  theirs = (await call<ServiceRequest>('otherEnterprise', 'POST', '/v1/requests', { ...validRequest, title: '另一园区的诉求' })).body;
  await call('chen', 'POST', '/v1/me/subscriptions', { accepted: ['progress'] });

  const need = (await call<Need>('chen', 'POST', '/v1/needs', { kind: 'financing', title: '陈经理的设备贷款', description: '设备购置需要贷款 300 万元，希望无抵押信用贷款。', amountFen: 300_000_000, expiresAt: '2027-03-01T00:00:00.000Z' })).body;
  match = (await call<Match>('chen', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro', message: '想了解小微易贷' })).body;
  await call('psbc', 'POST', `/v1/matches/${match.id}/accept`, {});
  await call('psbc', 'POST', `/v1/matches/${match.id}/success`, { amountFen: 280_000_000, date: '2026-11-04' });
  caseId = (await call('psbc', 'POST', '/v1/cases/from-match', { matchId: match.id })).body.id;
  const confirmed = await call('chen', 'POST', `/v1/cases/${caseId}/confirm`, { version: 1 });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  clock.advanceHours(1);
});
afterAll(async () => {
  faults?.remove();
  await settled();
  await app.close();
});

describe('GET /v1/me/data', () => {
  it('holds the enterprise contact’s account, consents, inbox and the records they act in', async () => {
    const answer = await call<MyData>('chen', 'GET', '/v1/me/data');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const d = answer.body;
    expect(d.account).toMatchObject({ id: chen.id, name: '陈经理', roles: ['enterprise'], parkId: 'park-demo', parkName: '高新区智造产业园', enterpriseId: 'ent-xinrui', status: 'active', wechat: { bound: true, openidMasked: 'ope***en' }, invitation: { state: 'used' } });
    expect(d.account.wechat.boundAt).toBeTruthy();
    expect(d.account.createdAt).toMatch(/^2026-11-02T02:00/);
    expect(d.consents).toEqual({ progress: 1, todo: 0 });
    // claimed, answered (the note is internal); the match's acceptance and success.
    expect(d.inbox.items.map((n) => n.kind).sort()).toEqual(['answered', 'claimed', 'match_accepted', 'match_succeeded']);
    expect(d.inbox).toMatchObject({ unread: 4, truncated: false });
    expect(d.checkIns).toMatchObject({ anonymous: true });
    expect(d.requests).toEqual([
      expect.objectContaining({ id: served.id, title: '陈经理的环评审批', parts: ['submitter'], contributions: [expect.objectContaining({ type: 'submitted' })], files: [] }),
    ]);
    expect(d.matches).toEqual([expect.objectContaining({ id: match.id, side: 'need', needTitle: '陈经理的设备贷款', contributions: [expect.objectContaining({ type: 'proposed', message: '想了解小微易贷' })] })]);
    expect(d.cases).toEqual([expect.objectContaining({ id: caseId, contributions: [expect.objectContaining({ type: 'confirmed' })] })]);
    // Nothing of anyone else's: not the colleague's request, not the other park, never the whole openid.
    const text = JSON.stringify(d);
    for (const foreign of [colleagues.id, theirs.id, '张经理', '李审批', 'park-other', 'openid-chen', '请按时办结']) expect(text).not.toContain(foreign);
  });

  it('holds the liaison’s part: the request they handle, what they wrote, internal notes too', async () => {
    const d = (await call<MyData>('wu', 'GET', '/v1/me/data')).body;
    expect(d.account).toMatchObject({ name: '吴审批', departmentId: 'dept-approvals', departmentName: '区行政审批局', invitation: { state: 'used' } });
    expect(d.requests).toEqual([expect.objectContaining({ id: served.id, parts: ['handler'] })]);
    expect(d.requests[0]!.contributions.map((c) => [c.type, c.message])).toEqual([['claimed', undefined], ['replied', '吴审批：材料齐全，本周出结果。'], ['noted', '已与窗口确认']]);
    expect(d.notes.length).toBeGreaterThan(0);
    expect(JSON.stringify(d)).not.toContain(colleagues.id);
  });

  it('is the caller’s own only: each person sees their own account', async () => {
    const mine = (await call<MyData>('enterprise', 'GET', '/v1/me/data')).body;
    expect(mine.account.id).toBe(demoUsers.enterprise);
    expect(mine.requests.map((r) => r.id)).toEqual([colleagues.id]);
    expect(mine.account).toMatchObject({ wechat: { bound: false }, invitation: { state: 'pending' } });
    const other = (await call<MyData>('otherEnterprise', 'GET', '/v1/me/data')).body;
    expect(other.account.parkId).toBe('park-other');
    expect(other.requests.map((r) => r.id)).toEqual([theirs.id]);
    expect((await app.call('GET', '/v1/me/data')).status).toBe(401);
  });
});

describe('DELETE /v1/me', () => {
  let before: { dashboard: Dashboard; ledger: LedgerExport };

  async function ledger(): Promise<{ record: LedgerExport; rows: Record<string, unknown>[] }> {
    const started = await call<LedgerExport>('admin', 'POST', '/v1/ledger-exports', { from: '2026-11-01', to: '2026-11-30', format: 'xlsx' });
    expect(started.status).toBe(202);
    await settled();
    const record = (await call<LedgerExport>('admin', 'GET', `/v1/ledger-exports/${started.body.id}`)).body;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await (await fetch(record.url!)).arrayBuffer()) as ArrayBuffer);
    const sheet = book.getWorksheet('诉求台账')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? undefined])));
    });
    return { record, rows };
  }
  const dashboard = async () => (await call<Dashboard>('admin', 'GET', '/v1/dashboard?from=2026-11-01&to=2026-11-30')).body;

  beforeAll(async () => {
    before = { dashboard: await dashboard(), ledger: (await ledger()).record };
  });

  it('needs the confirmation word, so it never happens by accident', async () => {
    for (const body of [undefined, {}, { confirm: 'yes' }]) {
      const refused = await call('chen', 'DELETE', '/v1/me', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await call('chen', 'GET', '/v1/me')).status).toBe(200);
  });

  it('erases the enterprise contact: token refused next call, WeChat finds nothing, inbox and consents gone', async () => {
    const erased = await call<EraseMeResult>('chen', 'DELETE', '/v1/me', ERASE);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, fullPass: 'pending', deleted: { inboxMessages: 4 }, anonymised: { requests: 1, matches: 1, cases: 1 } });
    expect(erased.body.anonymised.auditEvents).toBeGreaterThanOrEqual(1);

    const next = await call('chen', 'GET', '/v1/me');
    expect(next.status).toBe(401);
    expect(next.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '账号已注销' });
    const again = await app.call('POST', '/v1/auth/wechat', { body: { code: 'chen' } });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('WECHAT_NOT_BOUND');

    expect(await inboxCount(chen.id)).toBe(0);
    expect(await item(keys.openid('openid-chen'))).toBeUndefined();
    const record = await item(keys.user('park-demo', chen.id));
    expect(record).toMatchObject({ name: ERASED_NAME, roles: [], erased: true });
    for (const gone of ['openid', 'inviteCode', 'enterpriseId', 'enterpriseName', 'pushCredits_progress']) expect(record, gone).not.toHaveProperty(gone);
    // What the indexes reach is done; the full pass is left to the sweep, which the name waits for.
    expect(record!.erasure).toMatchObject({ name: '陈经理', reachedAt: expect.any(String), pass: { phase: 'park', pages: 0 } });
    expect(record!.gsi4pk).toBe('ERASURE#PENDING');
    const members = (await call<MemberList>('admin', 'GET', '/v1/admin/members')).body.items;
    expect(members.map((m) => m.id)).not.toContain(chen.id);
  });

  it('keeps the request they submitted, the match and the case, with 已注销用户 where their name was', async () => {
    const request = (await call<ServiceRequest>('enterprise', 'GET', `/v1/requests/${served.id}`)).body;
    expect(request.timeline[0]).toMatchObject({ type: 'submitted', actor: { id: chen.id, name: ERASED_NAME, enterpriseName: '鑫锐电子科技有限公司' } });
    expect(request.timeline.find((e) => e.type === 'replied')).toMatchObject({ actor: { name: '吴审批' }, message: '吴审批：材料齐全，本周出结果。' });
    expect(request.description).toBe(validRequest.description);
    const m = (await call<Match>('psbc', 'GET', `/v1/matches/${match.id}`)).body;
    expect(m.timeline.map((e) => e.actor.name)).toEqual([ERASED_NAME, '褚客户经理', '褚客户经理']);
    const c = (await call('psbc', 'GET', `/v1/cases/${caseId}`)).body;
    expect(c.status).toBe('confirmed');
    expect(c.enterprises[0]).toMatchObject({ id: 'ent-xinrui', confirmedBy: ERASED_NAME });
    expect(c.timeline.find((e: { type: string }) => e.type === 'confirmed').actor.name).toBe(ERASED_NAME);
  });

  it('erases the liaison: their reply and notes stay, under 已注销用户, as does the assignment', async () => {
    const erased = await call<EraseMeResult>('wu', 'DELETE', '/v1/me', ERASE);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.anonymised.requests).toBe(1);
    expect((await call('wu', 'GET', '/v1/inbox')).status).toBe(401);
    const request = (await call<ServiceRequest>('approvalsHead', 'GET', `/v1/requests/${served.id}`)).body;
    expect(request.assignee).toMatchObject({ id: wu.id, name: ERASED_NAME, departmentName: '区行政审批局' });
    expect(request.timeline.map((e) => [e.type, e.actor.name])).toEqual([
      ['submitted', ERASED_NAME],
      ['claimed', ERASED_NAME],
      ['replied', ERASED_NAME],
      ['noted', ERASED_NAME],
      ['noted', '王局长'],
    ]);
    // His words stay, his name in them too goes.
    expect(request.timeline[2]!.message).toBe(`${ERASED_NAME}：材料齐全，本周出结果。`);
    // The head still handles it (the assignee's department), so the work goes on.
    expect(request.allowedActions).toContain('resolve');
  });

  it('leaves the dashboard and the ledger counting them', async () => {
    const after = await dashboard();
    expect(after.requests).toEqual(before.dashboard.requests);
    expect(after.busiestDepartments).toEqual(before.dashboard.busiestDepartments);
    const { record, rows } = await ledger();
    expect(record.rows).toEqual(before.ledger.rows);
    // 陈经理 wrote his name into the title: it goes from there too.
    expect(rows.find((r) => r.诉求编号 === served.id)).toMatchObject({ 联络员: ERASED_NAME, 诉求标题: `${ERASED_NAME}的环评审批` });
  });

  it('writes member.erased without personal data, and anonymises the audit log’s earlier mentions', async () => {
    const audit = (await call<AuditList>('admin', 'GET', '/v1/admin/audit?limit=50')).body.items;
    const erasures = audit.filter((a) => a.action === 'member.erased');
    expect(erasures.map((a) => a.target.id).sort()).toEqual([chen.id, wu.id].sort());
    for (const a of erasures) {
      expect(a).toMatchObject({ actor: { id: a.target.id, name: ERASED_NAME }, target: { type: 'member', name: ERASED_NAME }, after: { erased: true } });
      expect(JSON.stringify(a)).not.toMatch(/陈经理|吴审批|鑫锐|审批局/);
    }
    const invitations = audit.filter((a) => a.action === 'member.invite' && [chen.id, wu.id].includes(a.target.id));
    expect(invitations.map((a) => a.target.name)).toEqual([ERASED_NAME, ERASED_NAME]);
    expect(JSON.stringify(audit)).not.toMatch(/陈经理|吴审批/);
  });

  it('refuses the last admin who can run the park (409), and lets one go when another stays', async () => {
    const refused = await call('admin', 'DELETE', '/v1/me', ERASE);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('唯一的管理员');
    expect((await call('admin', 'GET', '/v1/me')).status).toBe(200);

    const second = await member('admin2', { name: '韩主任', role: 'admin' }, 'admin2');
    await call('admin2', 'POST', '/v1/ledger-exports', { from: '2026-11-01', to: '2026-11-02', format: 'csv' });
    await settled();
    // Now 周书记 may go … but then 韩主任 is the last one.
    const park = await item(keys.park('park-demo'));
    expect(park?.adminUserIds).toContain(demoUsers.admin);
    const erased = await call<EraseMeResult>('admin', 'DELETE', '/v1/me', ERASE);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect((await item(keys.park('park-demo')))?.adminUserIds).not.toContain(demoUsers.admin);
    expect((await app.call('POST', '/v1/auth/dev', { body: { userId: demoUsers.admin } })).status).toBe(404);
    const lastOne = await call('admin2', 'DELETE', '/v1/me', ERASE);
    expect(lastOne.status).toBe(409);
    // The exports 周书记 asked for name nobody now.
    const exports = (await call<{ items: LedgerExport[] }>('admin2', 'GET', '/v1/ledger-exports')).body.items;
    expect(exports.filter((e) => e.requestedBy.id === demoUsers.admin).map((e) => e.requestedBy.name)).toEqual(expect.arrayContaining([ERASED_NAME]));
    expect(exports.every((e) => e.requestedBy.id !== demoUsers.admin || e.requestedBy.name === ERASED_NAME)).toBe(true);
    expect(exports.find((e) => e.requestedBy.id === second.id)?.requestedBy.name).toBe('韩主任');
    token.admin = token.admin2!;
  });

  it('is harmless twice: a second tap at the same moment erases once, a later call is refused', async () => {
    const twice = await member('twice', { name: '双击者', role: 'enterprise', enterpriseId: 'ent-hengtong' }, 'twice');
    const answers = await Promise.all([call('twice', 'DELETE', '/v1/me', ERASE), call('twice', 'DELETE', '/v1/me', ERASE)]);
    expect(answers.map((a) => a.status).filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect([200, 401]).toContain(a.status);
    const later = await call('twice', 'DELETE', '/v1/me', ERASE);
    expect(later.status).toBe(401);
    const audit = (await call<AuditList>('admin', 'GET', '/v1/admin/audit?limit=50')).body.items;
    expect(audit.filter((a) => a.action === 'member.erased' && a.target.id === twice.id)).toHaveLength(1);
  });

  it('is finished by the sweep when it fails half-way', async () => {
    const half = await member('half', { name: '半途者', role: 'enterprise', enterpriseId: 'ent-kangyuan' }, 'half');
    const request = (await call<ServiceRequest>('half', 'POST', '/v1/requests', { ...validRequest, title: '半途者的诉求' })).body;
    await call('approvals', 'POST', `/v1/requests/${request.id}/claim`);
    expect(await inboxCount(half.id)).toBe(1);
    // The database stops answering deletes after the account is marked.
    const send = app.deps.db.doc.send.bind(app.deps.db.doc);
    const failing = app.withConfig({}, {
      db: {
        ...app.deps.db,
        doc: { send: (command: { constructor: { name: string } }) => (command.constructor.name === 'BatchWriteCommand' ? Promise.reject(new Error('lost connection')) : send(command as never)) } as never,
      },
    });
    const failed = await failing.call('DELETE', '/v1/me', { token: half.token, body: ERASE });
    expect(failed.status).toBe(500);
    expect((await call('half', 'GET', '/v1/me')).status).toBe(401);
    expect(await inboxCount(half.id)).toBe(1);
    expect((await call<ServiceRequest>('approvals', 'GET', `/v1/requests/${request.id}`)).body.timeline[0]!.actor.name).toBe('半途者');

    // Too fresh for the sweep (the call may still be running): left alone. The earlier erasures'
    // full passes are done in the same run.
    expect(await sweepOverdue(app.deps)).toMatchObject({ erasuresFinished: 4, erasuresPending: 1 });
    expect((await item(keys.user('park-demo', half.id)))!.erasure).not.toHaveProperty('reachedAt');
    expect(await inboxCount(half.id)).toBe(1);
    clock.advanceHours(1);
    expect(await sweepOverdue(app.deps)).toMatchObject({ erasuresFinished: 1, erasuresPending: 0 });
    expect(await inboxCount(half.id)).toBe(0);
    expect((await call<ServiceRequest>('approvals', 'GET', `/v1/requests/${request.id}`)).body.timeline[0]!.actor.name).toBe(ERASED_NAME);
    const done = await item(keys.user('park-demo', half.id));
    expect(done).not.toHaveProperty('erasure');
    expect(done).not.toHaveProperty('gsi4pk');
    expect(await sweepOverdue(app.deps)).toMatchObject({ erasuresFinished: 0, erasuresPending: 0 });
  });
});

// The full pass ------------------------------------------------------------------------------

type Item = Record<string, unknown>;
const everything = async (): Promise<Item[]> => {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await app.deps.db.doc.send(new ScanCommand({ TableName: app.deps.db.tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

interface Hit {
  at: string;
  path: string;
  value: string;
  /** The object the string is an attribute of. */
  holder: Item;
  item: Item;
}
/**
 * Every string attribute, at any depth, of the items that holds `needle` (an id as a whole word:
 * `u-admin` is not in the other park's `park-other-u-admin`).
 */
function hits(items: Item[], needle: string, asWord = false): Hit[] {
  const found: Hit[] = [];
  const word = new RegExp(`(?<![\\w-])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
  const holds = (value: string) => (asWord ? word.test(value) : value.includes(needle));
  const walk = (value: unknown, path: string, holder: Item, item: Item) => {
    if (typeof value === 'string') {
      if (holds(value)) found.push({ at: `${item.pk} ${item.sk}`, path, value, holder, item });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, holder, item));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, value as Item, item);
    }
  };
  for (const item of items) walk(item, '', item, item);
  return found;
}
const where = (list: Hit[]) => list.map((h) => `${h.at} ${h.path}=${h.value}`);

/**
 * Where an erased person's id may stay (README, PIPL): their anonymised account's own key and id,
 * the `id` of a reference that names 已注销用户 (actor, assignee, uploadedBy, requestedBy, an audit
 * target), and the key of the liaison list of a request still assigned to them. Anything else fails.
 */
function idOutOfPlace(hit: Hit, id: string): boolean {
  if (hit.item.pk === 'PARK#park-demo' && hit.item.sk === `USER#${id}`) return !['sk', 'id', 'gsi2pk'].includes(hit.path);
  if (hit.path.endsWith('.id') && hit.value === id && hit.holder.name === ERASED_NAME) return false;
  if (hit.path === 'gsi3pk' && hit.value === `PARK#park-demo#ASSIGNEE#${id}`) {
    const assignee = hit.item.assignee as Item | undefined;
    return !(assignee?.id === id && assignee.name === ERASED_NAME);
  }
  return true;
}

/** Nothing holds the name; the id only where it may stay. Seeded names are the other park's people too: only this park's items count for them. */
async function expectGone(people: { id: string; name: string }[]) {
  const items = await everything();
  const ours = items.filter((i) => i.parkId === 'park-demo');
  for (const { id, name } of people) {
    expect(where(hits(ours, name)), name).toEqual([]);
    expect(where(hits(items, id, true).filter((h) => idOutOfPlace(h, id))), `${name}'s id`).toEqual([]);
    expect(items.filter((i) => i.pk === `INBOX#${id}`), `${name}'s inbox`).toEqual([]);
    // The account that stays: an id and 已注销用户, nothing more.
    const account = items.find((i) => i.pk === 'PARK#park-demo' && i.sk === `USER#${id}`)!;
    expect(Object.keys(account).sort()).toEqual(['entity', 'erased', 'erasedAt', 'gsi2pk', 'gsi2sk', 'id', 'name', 'parkId', 'pk', 'roles', 'sk', 'version']);
    expect(account).toMatchObject({ name: ERASED_NAME, roles: [], erased: true });
  }
  return items;
}

const ok = async <T = any>(who: string, method: string, url: string, body?: unknown): Promise<T> => {
  const answer = await call<T>(who, method, url, body);
  expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body;
};
const submit = (who: string, title: string) => ok<ServiceRequest>(who, 'POST', '/v1/requests', { ...validRequest, title });
const view = (id: string) => ok<ServiceRequest>('admin', 'GET', `/v1/requests/${id}`);
const stored = async (id: string) => (await item(keys.request('park-demo', id)))!;
const who = (r: ServiceRequest) => r.timeline.map((e) => [e.type, e.actor.name]);

/** A liaison of the approvals bureau who replies and then transfers each request to the law firm, where 蒋律师 claims it. */
async function repliesThenTransfers(as: string, name: string, titles: string[]): Promise<ServiceRequest[]> {
  const requests: ServiceRequest[] = [];
  for (const title of titles) {
    const r = await submit('enterprise', title);
    await ok(as, 'POST', `/v1/requests/${r.id}/claim`);
    await ok(as, 'POST', `/v1/requests/${r.id}/replies`, { message: `${name}：材料已收到，属法律问题。` });
    await ok(as, 'POST', `/v1/requests/${r.id}/transfer`, { departmentId: 'dept-law', reason: `${name}转派律所` });
    await ok('law', 'POST', `/v1/requests/${r.id}/claim`);
    requests.push(r);
  }
  return requests;
}

describe('the full pass: what no index of theirs reaches', () => {
  let wei: { id: string }, guo: { id: string }, yan: { id: string };
  let transferred: ServiceRequest, adminNoted: ServiceRequest, adminTransferred: ServiceRequest, closed: ServiceRequest;
  let needId: string;
  let zhangInbox: number;
  const zhangMessages = () =>
    app.deps.db.doc
      .send(new QueryCommand({ TableName: app.deps.db.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INBOX#${demoUsers.enterprise}` }, ConsistentRead: true }))
      .then((r) => r.Items ?? []);

  beforeAll(async () => {
    token.service = await app.login('u-service-1');
    token.law = await app.login('u-law-1');
    token.hengtong = await app.login(demoUsers.otherEnterprise); // 刘总 of this park (`otherEnterprise` is the other park's)
    wei = await member('wei', { name: '魏联络', role: 'liaison', departmentId: 'dept-approvals' }, 'wei');
    guo = await member('guo', { name: '郭主任', role: 'admin' }, 'guo');
    yan = await member('yan', { name: '严副局长', role: 'dept_head', departmentId: 'dept-approvals' }, 'yan');

    // 1. 魏联络 answers 张经理, then transfers the request to the service centre, where 朱干事 takes it on.
    transferred = await submit('enterprise', '厂房消防审批');
    await ok('wei', 'POST', `/v1/requests/${transferred.id}/claim`);
    await ok('wei', 'POST', `/v1/requests/${transferred.id}/replies`, { message: '魏联络：材料已收到，场地问题转党群服务中心。' });
    await ok('wei', 'POST', `/v1/requests/${transferred.id}/transfer`, { departmentId: 'dept-service', reason: '属场地问题，魏联络转派' });
    await ok('service', 'POST', `/v1/requests/${transferred.id}/claim`);
    await ok('service', 'POST', `/v1/requests/${transferred.id}/replies`, { message: '已安排场地，魏联络转来的材料已收。' });
    // 张经理 names him in a post of his own.
    needId = (await ok('enterprise', 'POST', '/v1/needs', { kind: 'financing', title: '魏联络推荐的设备贷款', description: '经魏联络介绍，想申请设备贷款 100 万元。', amountFen: 100_000_000, expiresAt: '2027-03-01T00:00:00.000Z' })).id;
    // 2. 郭主任 notes on 刘总's request that 李审批 handles, and transfers another one to 人社.
    adminNoted = await submit('hengtong', '恒通的环评审批');
    await ok('approvals', 'POST', `/v1/requests/${adminNoted.id}/claim`);
    await ok('guo', 'POST', `/v1/requests/${adminNoted.id}/notes`, { message: '郭主任已督办' });
    adminTransferred = await submit('hengtong', '恒通的用工审批');
    await ok('guo', 'POST', `/v1/requests/${adminTransferred.id}/transfer`, { departmentId: 'dept-hr', reason: '属用工问题' });
    // 3. 严副局长 notes on 李审批's resolved request.
    closed = await submit('enterprise', '张经理的排污许可');
    await ok('approvals', 'POST', `/v1/requests/${closed.id}/claim`);
    await ok('approvals', 'POST', `/v1/requests/${closed.id}/replies`, { message: '许可已批。' });
    await ok('approvals', 'POST', `/v1/requests/${closed.id}/resolve`, { message: '已办结。' });
    await ok('yan', 'POST', `/v1/requests/${closed.id}/notes`, { message: '严副局长已复核' });
    zhangInbox = (await zhangMessages()).length;
  });

  it('the erasure call leaves them (no index of theirs holds them) and the erasure pending the pass', async () => {
    for (const as of ['wei', 'guo', 'yan']) expect((await call(as, 'DELETE', '/v1/me', ERASE)).status).toBe(200);
    expect(who(await view(transferred.id))).toContainEqual(['replied', '魏联络']);
    expect(who(await view(adminNoted.id))).toContainEqual(['noted', '郭主任']);
    expect(who(await view(adminTransferred.id))).toContainEqual(['transferred', '郭主任']);
    expect(who(await view(closed.id))).toContainEqual(['noted', '严副局长']);
    expect(JSON.stringify(await zhangMessages())).toContain('魏联络');
    for (const { id } of [wei, guo, yan]) expect((await item(keys.user('park-demo', id)))!.erasure).toMatchObject({ reachedAt: expect.any(String), pass: { phase: 'park' } });
  });

  it('the sweep’s pass rewrites them: no item holds their names, their ids only where they stay, other people as they were', async () => {
    const versions = await Promise.all([transferred, adminNoted, adminTransferred, closed].map(async (r) => (await stored(r.id)).version as number));
    expect(await sweepOverdue(app.deps)).toMatchObject({ erasuresFinished: 3, erasuresPending: 0 });

    const one = await view(transferred.id);
    expect(who(one)).toEqual([['submitted', '张经理'], ['claimed', ERASED_NAME], ['replied', ERASED_NAME], ['transferred', ERASED_NAME], ['claimed', '朱干事'], ['replied', '朱干事']]);
    expect(one.timeline.map((e) => e.message).filter(Boolean)).toEqual([`${ERASED_NAME}：材料已收到，场地问题转党群服务中心。`, `属场地问题，${ERASED_NAME}转派`, `已安排场地，${ERASED_NAME}转来的材料已收。`]);
    expect(one.timeline[2]!.actor).toMatchObject({ id: wei.id, departmentName: '区行政审批局' });
    expect(one.assignee).toMatchObject({ name: '朱干事' });
    expect(who(await view(adminNoted.id))).toEqual([['submitted', '刘总'], ['claimed', '李审批'], ['noted', ERASED_NAME]]);
    expect(who(await view(adminTransferred.id))).toEqual([['submitted', '刘总'], ['transferred', ERASED_NAME]]);
    expect(who(await view(closed.id))).toEqual([['submitted', '张经理'], ['claimed', '李审批'], ['replied', '李审批'], ['resolved', '李审批'], ['noted', ERASED_NAME]]);
    // Each rewritten once, on its version.
    expect(await Promise.all([transferred, adminNoted, adminTransferred, closed].map(async (r) => (await stored(r.id)).version))).toEqual(versions.map((v) => v + 1));

    // 张经理's post: its text, and the search words made from it.
    const need = (await item(keys.need('park-demo', needId)))!;
    expect(need).toMatchObject({ title: `${ERASED_NAME}推荐的设备贷款`, description: `经${ERASED_NAME}介绍，想申请设备贷款 100 万元。` });
    expect(JSON.stringify(need.words)).not.toContain('魏');
    // 张经理's messages that told him what 魏联络 did: kept, without the name.
    const messages = await zhangMessages();
    expect(messages).toHaveLength(zhangInbox);
    expect(messages.map((m) => m.body).join('\n')).toContain(`区行政审批局 ${ERASED_NAME}`);

    await expectGone([
      { id: wei.id, name: '魏联络' },
      { id: guo.id, name: '郭主任' },
      { id: yan.id, name: '严副局长' },
    ]);
  });

  it.each(['crash', 'crashAfter'] as const)('a pass that dies at a write (%s) is carried on from its cursor: finished, nothing twice, nobody else touched', async (kind) => {
    const name = kind === 'crash' ? '孔专员' : '曹专员';
    const person = await member(kind, { name, role: 'liaison', departmentId: 'dept-approvals' }, kind);
    const requests = await repliesThenTransfers(kind, name, [1, 2, 3, 4].map((i) => `进口设备审批 ${kind} ${i}`));
    await sweepOverdue(app.deps); // nothing else left for the sweep: the faults below meet the pass only
    expect((await call(kind, 'DELETE', '/v1/me', ERASE)).status).toBe(200);
    const before = await Promise.all(requests.map((r) => stored(r.id)));
    expect(JSON.stringify(before)).toContain(name);

    // The process dies at the pass's second write of these requests (before it, or right after DynamoDB did it).
    const theirs = (input: unknown) => requests.some((r) => JSON.stringify((input as { Key?: unknown }).Key ?? {}).includes(`REQ#${r.id}`));
    faults.plan({ kind, commands: ['UpdateItemCommand'], match: theirs, after: 1 });
    await expect(sweepOverdue(app.deps, { erasurePageSize: 5 })).rejects.toThrow(SimulatedCrash);
    faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the dead run's other writes of that page land (or not)
    const cursor = (await item(keys.user('park-demo', person.id)))!.erasure.pass;
    expect(cursor).toMatchObject({ phase: 'park', after: expect.stringMatching(/^/), pages: expect.any(Number) });
    expect(cursor.pages).toBeGreaterThan(0);

    // The next run goes on from the cursor, not from the start, and finishes it.
    const pages = vi.spyOn(privacyStore, 'parkPage');
    try {
      expect(await sweepOverdue(app.deps, { erasurePageSize: 5 })).toMatchObject({ erasuresFinished: 1, erasuresPending: 0 });
      expect(pages.mock.calls[0]![2]).toBe(cursor.after);
    } finally {
      pages.mockRestore();
    }
    for (const [i, r] of requests.entries()) {
      const after = await stored(r.id);
      // Rewritten exactly once: one version more, the same events, each once.
      expect(after.version, `${kind} ${r.id}`).toBe((before[i]!.version as number) + 1);
      const timeline = after.timeline as { id: string; actor: { name: string }; message?: string }[];
      expect(timeline.map((e) => e.id)).toEqual((before[i]!.timeline as { id: string }[]).map((e) => e.id));
      expect(timeline.map((e) => e.actor.name)).toEqual(['张经理', ERASED_NAME, ERASED_NAME, ERASED_NAME, '蒋律师']);
      expect(timeline[2]!.message).toBe(`${ERASED_NAME}：材料已收到，属法律问题。`);
    }
    await expectGone([{ id: person.id, name }]);
  });

  it('a write on a request while the pass rewrites it is not lost', async () => {
    const zou = await member('zou', { name: '邹专员', role: 'liaison', departmentId: 'dept-approvals' }, 'zou');
    const r = await submit('enterprise', '进口设备减免审批');
    await ok('zou', 'POST', `/v1/requests/${r.id}/claim`);
    await ok('zou', 'POST', `/v1/requests/${r.id}/replies`, { message: '邹专员：已受理。' });
    await ok('zou', 'POST', `/v1/requests/${r.id}/transfer`, { departmentId: 'dept-law', reason: '属法律问题' });
    await sweepOverdue(app.deps);
    expect((await call('zou', 'DELETE', '/v1/me', ERASE)).status).toBe(200);
    const v0 = (await stored(r.id)).version as number;

    // Right when the pass is about to write the request it read, 蒋律师 claims it.
    let raced = false;
    const send = app.deps.db.doc.send.bind(app.deps.db.doc);
    const racing = {
      ...app.deps,
      db: {
        ...app.deps.db,
        doc: {
          send: async (command: { constructor: { name: string }; input: { Key?: { sk?: string } } }) => {
            if (!raced && command.constructor.name === 'UpdateCommand' && command.input.Key?.sk === `REQ#${r.id}`) {
              raced = true;
              expect((await call('law', 'POST', `/v1/requests/${r.id}/claim`)).status).toBe(200);
            }
            return send(command as never);
          },
        } as never,
      },
    };
    expect(await sweepOverdue(racing)).toMatchObject({ erasuresFinished: 1 });
    expect(raced).toBe(true);
    const after = await view(r.id);
    // Both: the claim, and the rewrite made again on the claim's version.
    expect(who(after)).toEqual([['submitted', '张经理'], ['claimed', ERASED_NAME], ['replied', ERASED_NAME], ['transferred', ERASED_NAME], ['claimed', '蒋律师']]);
    expect(after.assignee).toMatchObject({ name: '蒋律师' });
    expect((await stored(r.id)).version).toBe(v0 + 2);
    await expectGone([{ id: zou.id, name: '邹专员' }]);
  });

  it('leaves no erased person’s name anywhere in the table, and other people’s where they were', async () => {
    const erased = [
      { id: chen.id, name: '陈经理' },
      { id: wu.id, name: '吴审批' },
      { id: demoUsers.admin, name: '周书记' },
      { id: wei.id, name: '魏联络' },
      { id: guo.id, name: '郭主任' },
      { id: yan.id, name: '严副局长' },
    ];
    const items = await expectGone(erased);
    const ours = items.filter((i) => i.parkId === 'park-demo');
    for (const living of ['张经理', '李审批', '王局长', '朱干事', '蒋律师', '刘总', '韩主任', '褚客户经理']) expect(hits(ours, living).length, living).toBeGreaterThan(0);
    // The other park's 周书记 is someone else: untouched.
    expect(hits(items.filter((i) => i.parkId === 'park-other'), '周书记').length).toBeGreaterThan(0);
  });
});
