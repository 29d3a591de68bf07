/**
 * The park admin's desk against DynamoDB Local: park lists, enterprises with checked and unique
 * credit codes, departments and categories, invitations that bind a WeChat account once and
 * expire, suspension that stops a token at its next call — every change in the audit log, and
 * nobody but the park's admin able to do any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminCategory, AdminDepartment, AdminEnterprise, ApiErrorBody, AuditList, CategoryList, Member, MemberList, ParkProfile, Session } from '@parklink/contract';
import { creditCodeCheckCharacter } from '../../src/domain/creditCode';
import { httpWeChatApi } from '../../src/ports/wechat';
import { startFakeWeChat, type FakeWeChat } from '../../../scripts/local/fakeWeChat';
import { createTestApp, demoUsers, manualClock, otherParkUser, type TestApp } from '../support/app';

let app: TestApp;
let wechat: FakeWeChat;
const clock = manualClock('2026-11-23T02:00:00.000Z');
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<Or<T>>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);

beforeAll(async () => {
  wechat = await startFakeWeChat();
  const base = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  app = base.withConfig({}, { wechat: httpWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.apiBase }) });
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));
});
afterAll(async () => {
  await wechat.close();
  await app.close();
});

describe('the park’s lists', () => {
  it('keeps zones and industries on the version read, and every member can read them', async () => {
    const park = (await call<ParkProfile>('enterprise', 'GET', '/v1/park')).body;
    expect(park).toMatchObject({ zones: ['东区', '西区', '南区'], industries: expect.arrayContaining(['电子信息', '汽车制造']) });
    const saved = await call<ParkProfile>('admin', 'PUT', '/v1/admin/park', { version: park.version, zones: [...park.zones, '北区'] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: park.version + 1, zones: ['东区', '西区', '南区', '北区'] });
    expect((await call('admin', 'PUT', '/v1/admin/park', { version: park.version, zones: ['旧版本'] })).status).toBe(409);
    expect((await call('admin', 'PUT', '/v1/admin/park', { version: saved.body.version, zones: ['东区', '东区'] })).status).toBe(400);
    expect((await call('enterprise', 'PUT', '/v1/admin/park', { version: saved.body.version, zones: ['企业改的'] })).status).toBe(403);
  });
});

describe('enterprises', () => {
  it('registers one with a valid, unique credit code, masked in the list', async () => {
    const created = await call<AdminEnterprise>('admin', 'POST', '/v1/admin/enterprises', { name: '北方精密机械有限公司', creditCode: code('91210500MA0Y7K3L4'), industry: '装备制造', zone: '北区' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.creditCode).toBe(`91210500******${code('91210500MA0Y7K3L4').slice(14)}`);
    const list = (await call<{ items: AdminEnterprise[] }>('admin', 'GET', '/v1/admin/enterprises')).body.items;
    expect(list.find((e) => e.id === created.body.id)).toMatchObject({ name: '北方精密机械有限公司', members: 0 });
    expect(list.find((e) => e.id === 'ent-xinrui')?.members).toBe(1);

    const again = await call('admin', 'POST', '/v1/admin/enterprises', { name: '重复登记公司', creditCode: code('91210500MA0Y7K3L4').toLowerCase(), industry: '装备制造', zone: '北区' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ field: 'creditCode', message: '该统一社会信用代码已登记（北方精密机械有限公司）' });
    // A seeded enterprise's code is taken too.
    expect((await call('admin', 'POST', '/v1/admin/enterprises', { name: '冒用代码公司', creditCode: code('91510100MA61R8XK2'), industry: '电商', zone: '东区' })).status).toBe(409);
  });

  it('refuses a wrong check character, a zone or industry the park does not keep, and racing registrations of one code', async () => {
    const valid = code('91210500MA0Y7K3M5');
    const wrong = valid.slice(0, 17) + (valid[17] === 'A' ? 'B' : 'A');
    const bad = await call('admin', 'POST', '/v1/admin/enterprises', { name: '校验失败公司', creditCode: wrong, industry: '电商', zone: '东区' });
    expect(bad.body.error).toMatchObject({ field: 'creditCode', message: '统一社会信用代码校验不通过，请核对' });
    expect((await call('admin', 'POST', '/v1/admin/enterprises', { name: '短代码公司', creditCode: '9121050', industry: '电商', zone: '东区' })).status).toBe(400);
    expect((await call('admin', 'POST', '/v1/admin/enterprises', { name: '外星片区公司', creditCode: valid, industry: '电商', zone: '火星区' })).body.error.field).toBe('zone');
    const racing = await Promise.all([1, 2, 3].map((n) => call('admin', 'POST', '/v1/admin/enterprises', { name: `抢注公司${n}`, creditCode: valid, industry: '电商', zone: '东区' })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('edits on the version, moving the code lock with a changed code', async () => {
    const created = (await call<AdminEnterprise>('admin', 'POST', '/v1/admin/enterprises', { name: '改名前公司', creditCode: code('91210500MA0Y7K3N6'), industry: '电商', zone: '东区' })).body;
    const renamed = await call<AdminEnterprise>('admin', 'PUT', `/v1/admin/enterprises/${created.id}`, { version: 1, name: '改名后公司', creditCode: code('91210500MA0Y7K3P7') });
    expect(renamed.body).toMatchObject({ version: 2, name: '改名后公司' });
    expect((await call('admin', 'PUT', `/v1/admin/enterprises/${created.id}`, { version: 1, name: '旧版本' })).status).toBe(409);
    // The old code is free again, the new one taken.
    expect((await call('admin', 'POST', '/v1/admin/enterprises', { name: '用旧代码公司', creditCode: code('91210500MA0Y7K3N6'), industry: '电商', zone: '东区' })).status).toBe(201);
    expect((await call('admin', 'POST', '/v1/admin/enterprises', { name: '用新代码公司', creditCode: code('91210500MA0Y7K3P7'), industry: '电商', zone: '东区' })).status).toBe(409);
  });
});

describe('departments and categories', () => {
  it('adds a department and a category it handles, which enterprises can then submit to', async () => {
    const dept = await call<AdminDepartment>('admin', 'POST', '/v1/admin/departments', { name: '市场监管所', kind: 'government' });
    expect(dept.status).toBe(201);
    const category = await call<AdminCategory>('admin', 'POST', '/v1/admin/categories', {
      name: '质量认证',
      description: '产品认证与质量检测',
      claimSla: { unit: 'hours', amount: 8 },
      resolveSla: { unit: 'working_days', amount: 5 },
      departmentIds: [dept.body.id],
    });
    expect(category.status, JSON.stringify(category.body)).toBe(201);
    const listed = (await call<CategoryList>('enterprise', 'GET', '/v1/categories')).body.categories.find((c) => c.id === category.body.id);
    expect(listed).toMatchObject({ name: '质量认证', departments: [{ id: dept.body.id, name: '市场监管所' }] });
    const departments = (await call<{ items: AdminDepartment[] }>('admin', 'GET', '/v1/admin/departments')).body.items;
    expect(departments.find((d) => d.id === dept.body.id)?.categoryIds).toEqual([category.body.id]);
    const submitted = await call('enterprise', 'POST', '/v1/requests', { categoryId: category.body.id, title: '产品认证咨询', description: '新产品出口需要做哪些质量认证？' });
    expect(submitted.status).toBe(201);

    const faster = await call<AdminCategory>('admin', 'PUT', `/v1/admin/categories/${category.body.id}`, { version: 1, claimSla: { unit: 'hours', amount: 4 } });
    expect(faster.body).toMatchObject({ version: 2, claimSla: { unit: 'hours', amount: 4 } });
    expect((await call('admin', 'PUT', '/v1/admin/categories/cat-approval', { version: 1, departmentIds: ['dept-nowhere'] })).body.error.field).toBe('departmentIds');
    expect((await call('admin', 'PUT', '/v1/admin/departments/dept-tax', { version: 1, kind: 'nonsense' })).status).toBe(400);
  });
});

describe('members: invitations and suspension', () => {
  it('invites a liaison who binds WeChat once with the code; the code then is spent', async () => {
    const invited = await call<{ member: Member; inviteCode: string; expiresAt: string; path: string }>('admin', 'POST', '/v1/admin/invitations', { name: '新联络员', role: 'liaison', departmentId: 'dept-tax', expiresInDays: 3 });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body.inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(invited.body).toMatchObject({ expiresAt: '2026-11-26T02:00:00.000Z', path: `pages/login/index?invite=${invited.body.inviteCode}`, member: { status: 'invited', departmentName: '区税务局园区税务分局' } });

    const login = await app.call<Session>('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-new-liaison'), inviteCode: invited.body.inviteCode } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body.user).toMatchObject({ name: '新联络员', roles: ['liaison'], departmentId: 'dept-tax' });
    const pool = await app.call('GET', '/v1/requests?scope=pool', { token: login.body.token });
    expect(pool.status).toBe(200);
    const reuse = await app.call('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-someone-else'), inviteCode: invited.body.inviteCode } });
    expect(reuse.status).toBe(404);
    const members = (await call<MemberList>('admin', 'GET', '/v1/admin/members')).body.items;
    expect(members.find((m) => m.id === invited.body.member.id)).toMatchObject({ status: 'active' });
  });

  it('refuses an expired invitation and one that does not fit its role', async () => {
    const invited = (await call('admin', 'POST', '/v1/admin/invitations', { name: '过期企业联系人', role: 'enterprise', enterpriseId: 'ent-qiche', expiresInDays: 1 })).body;
    clock.advanceHours(25);
    const late = await app.call('POST', '/v1/auth/wechat', { body: { code: wechat.issueCode('openid-late'), inviteCode: invited.inviteCode } });
    expect(late.status).toBe(400);
    expect((late.body as any).error).toMatchObject({ field: 'inviteCode', message: '邀请码已过期，请联系园区管理员重新邀请' });
    clock.advanceHours(-25);
    expect((await call('admin', 'POST', '/v1/admin/invitations', { name: '缺部门', role: 'liaison' })).body.error.fields[0].field).toBe('departmentId');
    expect((await call('admin', 'POST', '/v1/admin/invitations', { name: '错企业', role: 'enterprise', enterpriseId: 'park-other-ent-qiche' })).body.error.field).toBe('enterpriseId');
  });

  it('suspends a member at once — their live token is refused at the next call — and reinstates them', async () => {
    const member = (await call<MemberList>('admin', 'GET', '/v1/admin/members')).body.items.find((m) => m.id === demoUsers.otherEnterprise)!;
    expect((await call('otherEnterprise', 'GET', '/v1/requests')).status).toBe(200);
    const suspended = await call<Member>('admin', 'POST', `/v1/admin/members/${member.id}/suspend`, { version: member.version });
    expect(suspended.body.status).toBe('suspended');
    const refused = await call('otherEnterprise', 'GET', '/v1/requests');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('账号已停用，请联系园区管理员');
    expect((await app.call('POST', '/v1/auth/dev', { body: { userId: demoUsers.otherEnterprise } })).status).toBe(403);
    expect((await call('admin', 'POST', `/v1/admin/members/${member.id}/suspend`, { version: member.version })).status).toBe(409);
    expect((await call('admin', 'POST', `/v1/admin/members/${demoUsers.admin}/suspend`, { version: 0 })).status).toBe(400);
    await call('admin', 'POST', `/v1/admin/members/${member.id}/reinstate`, { version: suspended.body.version });
    expect((await call('otherEnterprise', 'GET', '/v1/requests')).status).toBe(200);
  });
});

describe('the audit log and who may use the desk', () => {
  it('records who changed what, before and after, newest first', async () => {
    const log = (await call<AuditList>('admin', 'GET', '/v1/admin/audit?limit=50')).body.items;
    const actions = log.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['park.update', 'enterprise.create', 'enterprise.update', 'department.create', 'category.create', 'category.update', 'member.invite', 'member.suspend', 'member.reinstate']));
    const rename = log.find((a) => a.action === 'enterprise.update')!;
    expect(rename).toMatchObject({ actor: { id: demoUsers.admin, name: '周书记' }, before: { name: '改名前公司' }, after: { name: '改名后公司' } });
    expect(rename.after).not.toHaveProperty('version');
    const page1 = (await call<AuditList>('admin', 'GET', '/v1/admin/audit?limit=3')).body;
    const page2 = (await call<AuditList>('admin', 'GET', `/v1/admin/audit?limit=3&cursor=${page1.nextCursor}`)).body;
    expect(page2.items[0]!.id < page1.items[2]!.id).toBe(true);
    expect((await call<AuditList>('otherAdmin', 'GET', '/v1/admin/audit')).body.items.map((a) => a.id)).not.toContain(log[0]!.id);
  });

  it('is the park admin’s alone, and only for their own park', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/admin/enterprises'],
      ['POST', '/v1/admin/enterprises', { name: '越权公司', creditCode: code('91210500MA0Y7K3Q8'), industry: '电商', zone: '东区' }],
      ['GET', '/v1/admin/departments'],
      ['POST', '/v1/admin/departments', { name: '越权部门', kind: 'government' }],
      ['GET', '/v1/admin/categories'],
      ['GET', '/v1/admin/members'],
      ['POST', '/v1/admin/invitations', { name: '越权邀请', role: 'admin' }],
      ['GET', '/v1/admin/audit'],
    ];
    for (const [method, url, body] of routes) {
      for (const who of ['enterprise', 'approvals', 'approvalsHead', 'psbc']) expect((await call(who, method, url, body)).status, `${who} ${method} ${url}`).toBe(403);
      expect((await app.call(method, url, body ? { body } : {})).status).toBe(401);
    }
    // Records are looked up in the caller's own park: the other park's admin renames their own ent-xinrui, never ours.
    expect((await call('otherAdmin', 'PUT', '/v1/admin/enterprises/ent-xinrui', { version: 1, name: '跨园区改名' })).status).toBe(200);
    expect((await call<{ items: AdminEnterprise[] }>('admin', 'GET', '/v1/admin/enterprises')).body.items.find((e) => e.id === 'ent-xinrui')?.name).toBe('鑫锐电子科技有限公司');
    expect((await call('otherAdmin', 'POST', `/v1/admin/members/${demoUsers.enterprise}/suspend`, { version: 0 })).status).toBe(404);
  });
});

describe('importing enterprises from a sheet', () => {
  const rows = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => {
      const first17 = `91210600MA${String(from + i).padStart(6, '0')}X`;
      return [`导入企业${from + i}号有限公司`, first17 + creditCodeCheckCharacter(first17), '电子信息', '东区'];
    });
  const csv = (body: string[][], header = ['企业名称', '统一社会信用代码', '行业', '片区']) =>
    '\uFEFF' + [header, ...body].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n');
  const count = async () => (await call<{ items: AdminEnterprise[] }>('admin', 'GET', '/v1/admin/enterprises')).body.items.length;

  it('reports every row’s problems on a dry run and writes nothing; a bad file imports nothing at all', async () => {
    const before = await count();
    const body = [...rows(3), ['坏代码公司', '91210600MA0000001', '电子信息', '东区'], ['逗号, 公司', rows(1, 3)[0]![1]!, '火星产业', '东区']];
    const dry = await call('admin', 'POST', '/v1/admin/enterprises/import', { format: 'csv', content: csv(body), dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 5, valid: 3, invalid: 2, imported: 0 });
    expect(dry.body.rows.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors.map((e) => e.field)])).toEqual([
      [5, ['creditCode']],
      [6, ['industry']],
    ]);
    const real = await call('admin', 'POST', '/v1/admin/enterprises/import', { format: 'csv', content: csv(body), dryRun: false });
    expect(real.status).toBe(400);
    expect(real.body.imported).toBe(0);
    // The error every 400 carries, each bad row a field with its Chinese message; the report beside it.
    expect(real.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'content', message: expect.stringContaining('未导入任何企业') });
    expect(real.body.error.fields.length).toBeGreaterThan(0);
    expect(real.body.error.fields[0].message).toMatch(/^第 \d+ 行：/);
    expect(await count()).toBe(before);
  });

  it('imports a clean sheet of 120 rows at once (several transactions), all or nothing', async () => {
    const before = await count();
    const answer = await call('admin', 'POST', '/v1/admin/enterprises/import', { format: 'csv', content: csv(rows(120, 100)), dryRun: false });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(201);
    expect(answer.body).toMatchObject({ total: 120, valid: 120, imported: 120 });
    expect(await count()).toBe(before + 120);
    // The same codes again: all refused as registered, nothing written.
    const again = await call('admin', 'POST', '/v1/admin/enterprises/import', { format: 'csv', content: csv(rows(2, 100)), dryRun: false });
    expect(again.body.rows.map((r: { errors: { message: string }[] }) => r.errors[0]!.message)).toEqual(['该代码已在园区登记', '该代码已在园区登记']);
    expect(await count()).toBe(before + 120);
    const log = (await call<AuditList>('admin', 'GET', '/v1/admin/audit')).body.items;
    expect(log.find((a) => a.action === 'enterprise.import')).toMatchObject({ after: { count: 120 } });
  });

  it('reads the first sheet of an XLSX file: shared and inline strings, English headers', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const [a, b] = rows(2, 300);
    const shared = ['name', 'creditCode', 'industry', 'zone', a![0]!, b![0]!, '电子信息', '东区'];
    const cell = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1">${cell('A1', 0)}${cell('B1', 1)}${cell('C1', 2)}${cell('D1', 3)}</row>
      <row r="2">${cell('A2', 4)}<c r="B2" t="inlineStr"><is><t>${a![1]}</t></is></c>${cell('C2', 6)}${cell('D2', 7)}</row>
      <row r="3">${cell('A3', 5)}<c r="B3" t="inlineStr"><is><t>${b![1]}</t></is></c>${cell('C3', 6)}${cell('D3', 7)}</row>
    </sheetData></worksheet>`;
    const zip = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'xl/workbook.xml': strToU8('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/list.xml"/></Relationships>'),
      'xl/worksheets/list.xml': strToU8(sheet),
      'xl/sharedStrings.xml': strToU8(`<sst>${shared.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`),
    });
    const answer = await call('admin', 'POST', '/v1/admin/enterprises/import', { format: 'xlsx', content: Buffer.from(zip).toString('base64'), dryRun: false });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.imported).toBe(2);
    const names = (await call<{ items: AdminEnterprise[] }>('admin', 'GET', '/v1/admin/enterprises')).body.items.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining([a![0], b![0]]));
    expect((await call('admin', 'POST', '/v1/admin/enterprises/import', { format: 'xlsx', content: Buffer.from('not a zip').toString('base64') })).body.error.field).toBe('content');
    expect((await call('enterprise', 'POST', '/v1/admin/enterprises/import', { format: 'csv', content: 'a,b' })).status).toBe(403);
  });
});
