/**
 * One park out and back in, exactly: a park with real activity through the API is exported, wiped
 * (every item carrying its id, found by a Scan — the test's oracle, not the code's way), imported,
 * and the table's items of that park are the same raw items as before, every other item never
 * touched, the API answering the same. Damaged files and imports over data are refused with
 * nothing written; replace puts back the file exactly, district counts included.
 */
import { createHash } from 'node:crypto';
import { BatchWriteItemCommand, PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, Inbox, Match, Need, ParkProfile, ServiceRequest, UploadTicket } from '@parklink/contract';
import { creditCodeCheckCharacter } from '../../src/domain/creditCode';
import { inProcessJobs } from '../../src/ports/jobs';
import { httpWeChatApi } from '../../src/ports/wechat';
import { decodeItem, exportPark, importPark, type RawItem } from '../../src/services/parkBackup';
import { startFakeWeChat, type FakeWeChat } from '../../../scripts/local/fakeWeChat';
import { createTestApp, demoUsers, manualClock, OTHER_PARK, otherParkUser, validRequest, type TestApp } from '../support/app';

const PARK = 'park-demo';
const HOST = 'u-host-center';
const CENTER = 'st-service-center';
let app: TestApp;
let wechat: FakeWeChat;
// Monday 2026-11-23 10:00 in China.
const clock = manualClock('2026-11-23T02:00:00.000Z');
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const call = <T = any>(who: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
  app.call<Or<T>>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
const ok = <T>(answer: { status: number; body: T }, status = 200): T => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};

beforeAll(async () => {
  wechat = await startFakeWeChat();
  const base = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  app = base.withConfig({}, { wechat: httpWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.apiBase }) });
  for (const [name, id] of Object.entries({ ...demoUsers, host: HOST })) token[name] = await app.login(id);
  token.otherPark = await app.login(otherParkUser(demoUsers.enterprise));
  token.otherApprovals = await app.login(otherParkUser(demoUsers.approvals));
});
afterAll(async () => {
  await wechat.close();
  await app.close();
});

// ---------------------------------------------------------------------------------------------------
// The table, raw

const keyText = (item: RawItem) => `${item.pk?.S}\u0000${item.sk?.S}`;
const byKey = (a: RawItem, b: RawItem) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0);

/** Every item of the table, as DynamoDB has it, sorted by key. */
async function table(): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let ExclusiveStartKey: RawItem | undefined;
  do {
    const page = await app.deps.db.doc.send(new ScanCommand({ TableName: app.deps.db.tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort(byKey);
}

const isPark = (park: string) => (item: RawItem) => item.parkId?.S === park || item.pk?.S === `PARK#${park}`;
const parkOf = (items: RawItem[], park = PARK) => items.filter(isPark(park));
const restOf = (items: RawItem[]) => items.filter((item) => !isPark(PARK)(item));
/** A device's hourly check-in lock: the park's, but reachable only by a Scan and gone in two hours — not backed up. */
const backedUp = (items: RawItem[]) => parkOf(items).filter((item) => item.entity?.S !== 'CheckInLock');

async function deleteAll(items: RawItem[]) {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } }));
    while (pending.length) {
      const answer = await app.deps.db.doc.send(new BatchWriteItemCommand({ RequestItems: { [app.deps.db.tableName]: pending } }));
      pending = (answer.UnprocessedItems?.[app.deps.db.tableName] ?? []) as typeof pending;
    }
  }
}

/** A file with its trailer made to match its lines again (what an edit by hand would take). */
function resigned(lines: string[]): string[] {
  const body = lines.slice(0, -1);
  const sha256 = createHash('sha256').update(body.map((l) => `${l}\n`).join('')).digest('hex');
  return [...body, JSON.stringify({ end: 'parklink-park-backup', items: body.length - 1, sha256 })];
}

// ---------------------------------------------------------------------------------------------------
// A park with a bit of everything

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
/** Every attribute type DynamoDB has, some the app does not write yet: they come back as they were. */
const typeSample: RawItem = {
  pk: { S: `PARK#${PARK}` },
  sk: { S: 'BACKUPTEST#types' },
  entity: { S: 'TypeSample' },
  parkId: { S: PARK },
  precise: { N: '-12345678901234567890.123456789012345678' },
  tiny: { N: '0.000000000000000000000000000000000001' },
  bytes: { B: new Uint8Array([0, 255, 1, 128, 10]) },
  byteSet: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
  strings: { SS: ['甲', 'b', 'line\nbreak'] },
  numbers: { NS: ['1', '2.5', '-3e2'] },
  nothing: { NULL: true },
  yes: { BOOL: true },
  nested: { L: [{ M: { deep: { L: [{ S: '' }, { N: '0' }, { M: {} }] } } }, { L: [] }] },
};

let served: ServiceRequest;
let match: Match;
let caseId: string;

async function buildActivity() {
  // A request through its life: submitted (idempotently), claimed, answered, an attachment, resolved, rated.
  served = ok(await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', validRequest, { 'Idempotency-Key': 'backup-test-0001' }), 201);
  clock.advanceHours(1);
  ok(await call('approvals', 'POST', `/v1/requests/${served.id}/claim`));
  ok(await call('approvals', 'POST', `/v1/requests/${served.id}/replies`, { message: '材料已收到，正在审核。' }));
  const ticket = ok(await call<UploadTicket>('enterprise', 'POST', `/v1/requests/${served.id}/attachments/uploads`, { fileName: '现场照片.png', contentType: 'image/png', size: PNG.length }), 201);
  expect((await fetch(ticket.uploadUrl, { method: ticket.method, headers: ticket.headers, body: PNG })).status).toBe(200);
  ok(await call('enterprise', 'POST', `/v1/requests/${served.id}/attachments`, { attachmentId: ticket.attachmentId }), 201);
  clock.advanceHours(2);
  ok(await call('approvals', 'POST', `/v1/requests/${served.id}/resolve`, { message: '已批复，可领取批文。' }));
  ok(await call('enterprise', 'POST', `/v1/requests/${served.id}/rating`, { satisfied: true, score: 5, comment: '很及时' }));
  // One left in the pool (its pool and due index entries).
  ok(await call('otherEnterprise', 'POST', '/v1/requests', { ...validRequest, title: '排污许可证续期' }), 201);

  // The inbox: one message read, consent to WeChat pushes banked.
  const inbox = ok(await call<Inbox>('enterprise', 'GET', '/v1/inbox'));
  expect(inbox.items.length).toBeGreaterThan(1);
  ok(await call('enterprise', 'POST', `/v1/inbox/${inbox.items.at(-1)!.id}/read`));
  ok(await call('enterprise', 'POST', '/v1/me/subscriptions', { accepted: ['progress'] }));

  // The market: a need, a resource, a match accepted.
  const need = ok(await call<Need>('enterprise', 'POST', '/v1/needs', { kind: 'financing', title: '购置贴片设备需贷款', description: '新增两条贴片生产线，设备购置需要贷款 300 万元。', amountFen: 300_000_000, expiresAt: '2027-03-01T00:00:00.000Z' }), 201);
  ok(await call('adbc', 'POST', '/v1/resources', { kind: 'financing', title: '科技型企业知识产权质押贷', description: '以专利、商标等知识产权质押发放贷款，支持科技型中小企业。', terms: { amountMinFen: 50_000_000, amountMaxFen: 2_000_000_000 }, expiresAt: '2027-03-01T00:00:00.000Z' }), 201);
  match = ok(await call<Match>('enterprise', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro', message: '想了解小微易贷' }), 201);
  ok(await call('psbc', 'POST', `/v1/matches/${match.id}/accept`, { message: '请准备近一年财务报表' }));

  // A co-building case, confirmed by its enterprise.
  const draft = ok(await call<{ id: string }>('psbc', 'POST', '/v1/cases', {
    kind: 'bank',
    title: '普惠贷款支持贴片产线',
    enterpriseIds: ['ent-xinrui'],
    bank: { instrument: 'loan', amountFen: 300_000_000, rateBp: 385, termMonths: 36, grantedOn: '2026-11-20', purpose: '设备购置', preferential: true },
    narrative: { difficulty: '新增产线缺少设备购置资金', action: '三个工作日完成授信并放款' },
  }), 201);
  caseId = draft.id;
  ok(await call('enterprise', 'POST', `/v1/cases/${caseId}/confirm`, { version: 1 }));

  // Stations: a rider's check-in and report, a new station in a district of its own.
  expect(ok(await app.call<any>('POST', `/v1/stations/${CENTER}/checkins`, { body: { deviceId: 'device-000000000001' }, sourceIp: '10.9.0.1' }), 201)).toMatchObject({ counted: true });
  ok(await app.call('POST', `/v1/stations/${CENTER}/reports`, { body: { deviceId: 'device-000000000001', kind: 'no_water', note: '饮水机没有热水' }, sourceIp: '10.9.0.2' }), 201);
  const weekly = Array.from({ length: 7 }, () => [{ open: '22:00', close: '06:00' }]);
  ok(await call('admin', 'POST', '/v1/managed-stations', { name: '溪湖区夜班驿站', address: '溪湖路 8 号', district: '本溪市溪湖区', location: { lat: 41.3312345, lng: 123.7298765 }, amenities: ['water'], weekly, hostIds: [HOST] }), 201);

  // The admin desk: the park's zones, an enterprise (its credit-code lock), two invitations — one bound to WeChat.
  const park = ok(await call<ParkProfile>('admin', 'GET', '/v1/park'));
  ok(await call('admin', 'PUT', '/v1/admin/park', { version: park.version, zones: [...park.zones, '北区'] }));
  ok(await call('admin', 'POST', '/v1/admin/enterprises', { name: '北方精密机械有限公司', creditCode: code('91210500MA0Y7K3L4'), industry: '装备制造', zone: '北区' }), 201);
  const bound = ok(await call<{ inviteCode: string }>('admin', 'POST', '/v1/admin/invitations', { name: '新联络员', role: 'liaison', departmentId: 'dept-tax', expiresInDays: 3 }), 201);
  ok(await app.call('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-backup-liaison'), inviteCode: bound.inviteCode } }));
  ok(await call('admin', 'POST', '/v1/admin/invitations', { name: '待加入企业联系人', role: 'enterprise', enterpriseId: 'ent-qiche', expiresInDays: 7 }), 201);

  // The ledger (台账), made by the worker's code.
  ok(await call('admin', 'POST', '/v1/ledger-exports', { from: '2026-11-01', to: '2026-11-30', format: 'csv' }), 202);
  await (app.deps.jobs as ReturnType<typeof inProcessJobs>).settled();

  await app.deps.db.doc.send(new PutItemCommand({ TableName: app.deps.db.tableName, Item: typeSample }));

  // The other park lives meanwhile: a request claimed (inbox messages), a check-in at one of its stations.
  const theirs = ok(await call<ServiceRequest>('otherPark', 'POST', '/v1/requests', validRequest), 201);
  ok(await call('otherApprovals', 'POST', `/v1/requests/${theirs.id}/claim`));
  ok(await app.call('POST', `/v1/stations/${OTHER_PARK}-${CENTER}/checkins`, { body: { deviceId: 'device-000000000001' }, sourceIp: '10.9.0.3' }), 201);
}

/** What a few people see: a request, inboxes, the dashboard, a match, a case, the audit log. */
async function reads() {
  const get = async (who: string, url: string) => {
    const { status, body } = await call(who, 'GET', url);
    return { who, url, status, body };
  };
  return Promise.all([
    get('enterprise', `/v1/requests/${served.id}`),
    get('enterprise', '/v1/inbox'),
    get('approvals', '/v1/inbox'),
    get('psbc', '/v1/inbox'),
    get('admin', '/v1/dashboard?from=2026-11-01&to=2026-11-30'),
    get('psbc', `/v1/matches/${match.id}`),
    get('enterprise', `/v1/cases/${caseId}`),
    get('admin', '/v1/admin/audit'),
    get('approvals', '/v1/requests?scope=pool'),
    get('host', `/v1/managed-stations/${CENTER}/reports`),
  ]);
}

async function exportLines(): Promise<string[]> {
  const lines: string[] = [];
  await exportPark(app.deps.db, PARK, (line) => void lines.push(line), { now: clock.now() });
  return lines;
}

// ---------------------------------------------------------------------------------------------------

describe('a park out and back in', () => {
  let before: RawItem[];
  let seen: Awaited<ReturnType<typeof reads>>;
  let lines: string[];

  // Many calls: in the hook, which may take longer than a test.
  beforeAll(buildActivity);

  it('exports every item of the park once, in DynamoDB’s own JSON, between a header and a checksummed trailer', async () => {
    seen = await reads();
    for (const answer of seen) expect(answer.status, `${answer.who} GET ${answer.url}`).toBe(200);
    before = await table();
    // The other park has a life of its own; some items belong to no park.
    expect([...new Set(restOf(before).map((i) => i.entity?.S))]).toEqual(expect.arrayContaining(['District', 'RateWindow', 'User', 'Station', 'Request', 'Notification', 'CheckInLock', 'CheckInCount']));

    lines = await exportLines();
    const header = JSON.parse(lines[0]!);
    expect(header).toEqual({ format: 'parklink-park-backup', version: 1, parkId: PARK, table: app.deps.db.tableName, exportedAt: clock.now().toISOString() });
    const trailer = JSON.parse(lines.at(-1)!);
    expect(trailer).toEqual({ end: 'parklink-park-backup', items: lines.length - 2, sha256: createHash('sha256').update(lines.slice(0, -1).map((l) => `${l}\n`).join('')).digest('hex') });

    // Exactly the park's items (a Scan's view of them), each once, types and all.
    const exported = lines.slice(1, -1).map((line) => decodeItem(JSON.parse(line).Item, '')).sort(byKey);
    expect(exported).toEqual(backedUp(before));
    expect(new Set(exported.map((i) => i.entity?.S))).toEqual(
      new Set(['Park', 'Calendar', 'Department', 'Category', 'Enterprise', 'CreditCodeLock', 'User', 'Invite', 'OpenidLink', 'Request', 'IdempotencyKey', 'Notification', 'Station', 'CheckInCount', 'StationReport', 'Need', 'Resource', 'Match', 'MatchPair', 'CoBuildingCase', 'AuditEvent', 'LedgerExport', 'TypeSample']),
    );
    const sample = exported.find((i) => i.sk?.S === 'BACKUPTEST#types')!;
    expect(sample).toEqual(before.find((i) => i.sk?.S === 'BACKUPTEST#types'));
    // As written, but for what DynamoDB itself does to sets: no order, numbers in its own form.
    expect({ ...sample, strings: typeSample.strings, numbers: typeSample.numbers, byteSet: typeSample.byteSet }).toEqual(typeSample);
    expect([...sample.strings!.SS!].sort()).toEqual([...typeSample.strings!.SS!].sort());
    expect([...sample.numbers!.NS!].sort()).toEqual(['-300', '1', '2.5']);
    expect(sample.byteSet!.BS!.map((b) => [...b]).sort()).toEqual([[1], [2, 3]]);
    expect(lines.find((l) => l.includes('BACKUPTEST#types'))).toContain('"bytes":{"B":"AP8BgAo="}');
    // The only item of the park left out: the device's hourly check-in lock.
    expect(parkOf(before).filter((i) => !backedUp(before).includes(i)).map((i) => i.entity?.S)).toEqual(['CheckInLock']);
  });

  it('refuses a damaged, truncated or foreign file, writing nothing', async () => {
    // The park is gone: every item carrying its id.
    await deleteAll(parkOf(before));
    const wiped = await table();
    expect(parkOf(wiped)).toEqual([]);
    expect(wiped).toEqual(restOf(before));
    expect((await call('enterprise', 'GET', `/v1/requests/${served.id}`)).status).not.toBe(200);

    const at = lines.findIndex((l) => l.includes(validRequest.title));
    const edited = lines.map((l, i) => (i === at ? l.replace(validRequest.title, '改过的标题') : l));
    const trailer = JSON.parse(lines.at(-1)!);
    const foreign = resigned([...lines.slice(0, -1), lines[at]!.replaceAll(`PARK#${PARK}`, `PARK#${OTHER_PARK}`).replace('"sk":{"S":"REQ#', '"sk":{"S":"REQ#X'), lines.at(-1)!]);
    const refusals: [string, string[], RegExp][] = [
      ['an edited line', edited, /checksum mismatch/],
      ['no trailer', lines.slice(0, -1), /truncated: no trailer/],
      ['half the file', lines.slice(0, Math.floor(lines.length / 2)), /truncated: no trailer/],
      ['cut inside a line', [...lines.slice(0, 5), lines[5]!.slice(0, 40)], /line 6: not JSON/],
      ['a wrong count', [...lines.slice(0, -1), JSON.stringify({ ...trailer, items: trailer.items + 1 })], /counts \d+ items, the file has/],
      ['a line dropped', [...lines.slice(0, 3), ...lines.slice(4)], /counts \d+ items, the file has/],
      ['an item of another park', foreign, /is not park park-demo's/],
      ['an item twice', resigned([...lines.slice(0, -1), lines[1]!, lines.at(-1)!]), /appears twice/],
      ['not a backup', ['{"hello":"world"}'], /not a parklink-park-backup file/],
      ['empty', [], /empty file/],
    ];
    for (const [what, file, reason] of refusals) {
      await expect(importPark(app.deps.db, file), what).rejects.toThrow(reason);
    }
    expect(await table()).toEqual(wiped);
  });

  it('imports the file back: the same raw items, every other item untouched, the same answers', async () => {
    const summary = await importPark(app.deps.db, lines);
    expect(summary).toEqual({ parkId: PARK, exportedAt: clock.now().toISOString(), items: lines.length - 2, deleted: 0, districts: [] });
    const after = await table();
    expect(parkOf(after)).toEqual(backedUp(before));
    expect(restOf(after)).toEqual(restOf(before));
    expect(await reads()).toEqual(seen);
  });

  it('refuses an import over the park’s data; with replace it deletes what is there first and puts back the file exactly', async () => {
    const now = await table();
    await expect(importPark(app.deps.db, lines)).rejects.toThrow(/park park-demo already has \d+ items .* --replace/);
    // Restored as a copy under another id, it would take the openid, invitation, user and station ids park-demo holds.
    const copy = resigned(lines.map((l) => l.replaceAll(`PARK#${PARK}`, 'PARK#park-copy').replaceAll(`"parkId":{"S":"${PARK}"}`, '"parkId":{"S":"park-copy"}').replace(`"parkId":"${PARK}"`, '"parkId":"park-copy"')));
    await expect(importPark(app.deps.db, copy, { replace: true })).rejects.toThrow(/keys of this file belong to another park: INVITE#\S+ belongs to park park-demo; .* \(and \d+ more\)/);
    expect(await table()).toEqual(now);

    // Life goes on: a request, a new station in the district the other park shares, a department.
    ok(await call('enterprise', 'POST', '/v1/requests', { ...validRequest, title: '导出之后的诉求' }), 201);
    const weekly = Array.from({ length: 7 }, () => [{ open: '08:00', close: '18:00' }]);
    ok(await call('admin', 'POST', '/v1/managed-stations', { name: '平山区新驿站', address: '平山路 1 号', district: '本溪市平山区', location: { lat: 41.2987654321, lng: 123.7712345678 }, amenities: [], weekly, hostIds: [] }), 201);
    ok(await call('admin', 'POST', '/v1/admin/departments', { name: '市场监管所', kind: 'government' }), 201);
    const changed = await table();
    expect(parkOf(changed).length).toBeGreaterThan(parkOf(now).length);
    expect(restOf(changed)).not.toEqual(restOf(before)); // the shared district counts the new station

    const summary = await importPark(app.deps.db, lines, { replace: true });
    // What the file does not have goes; the rest is overwritten with the file's.
    expect(summary).toMatchObject({ items: lines.length - 2, deleted: parkOf(changed).length - parkOf(now).length, districts: ['本溪市平山区'] });
    const after = await table();
    expect(parkOf(after)).toEqual(backedUp(before));
    // The district's count and coordinate sums are every park's stations' again, to the last digit.
    expect(restOf(after)).toEqual(restOf(before));
    expect(await reads()).toEqual(seen);
  });
});
