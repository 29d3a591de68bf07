/**
 * The ledger (台账) over real records, made by the worker's code into the local S3 server and read
 * back with ExcelJS: every request of the period one row with the fields a supervisor asks for,
 * the cases and matches sheets, CSV as a zip; for the park's admin only; an audit event; a job
 * delivered twice finishes once; a job that cannot write its file says so.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList, LedgerExport, LedgerExportList, Match, Need, ServiceRequest } from '@parklink/contract';
import { inProcessJobs } from '../../src/ports/jobs';
import { runLedgerExport } from '../../src/services/ledgerExport';
import { demoPark } from '../../src/seed/demoPark';
import { ledgerExportStore } from '../../src/store/ledgerExports';
import { createTestApp, demoUsers, manualClock, otherParkUser, validRequest, type TestApp } from '../support/app';

let app: TestApp;
// Monday 2026-11-02 10:00 China time.
const clock = manualClock('2026-11-02T02:00:00.000Z');
const token: Record<string, string> = {};
const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<T>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });
const settled = () => (app.deps.jobs as ReturnType<typeof inProcessJobs>).settled();
const XINRUI = demoPark().enterprises.find((e) => e.name === '鑫锐电子科技有限公司')!;

let served: ServiceRequest;

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));

  served = (await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', { ...validRequest, title: '环评审批进度（已办结）' })).body;
  clock.advanceHours(1);
  await call('approvals', 'POST', `/v1/requests/${served.id}/claim`);
  await call('approvals', 'POST', `/v1/requests/${served.id}/replies`, { message: '材料齐全，本周内出结果。' });
  clock.advanceHours(24);
  await call('approvals', 'POST', `/v1/requests/${served.id}/resolve`, { message: '已批复，可领取批文。' });
  await call('enterprise', 'POST', `/v1/requests/${served.id}/rating`, { satisfied: true, score: 5, comment: '很及时' });
  // Never claimed: its claim deadline passes.
  await call('enterprise', 'POST', '/v1/requests', { ...validRequest, title: '=HYPERLINK("http://evil")' });
  clock.advanceHours(30);

  const need = (await call<Need>('enterprise', 'POST', '/v1/needs', { kind: 'financing', title: '购置贴片设备需贷款', description: '设备购置需要贷款 300 万元，希望无抵押信用贷款。', amountFen: 300_000_000, expiresAt: '2027-03-01T00:00:00.000Z' })).body;
  const match = (await call<Match>('enterprise', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro' })).body;
  await call('psbc', 'POST', `/v1/matches/${match.id}/accept`, {});
  await call('psbc', 'POST', `/v1/matches/${match.id}/success`, { amountFen: 280_000_000, date: '2026-11-04', note: '两周放款' });
  const draft = (await call('psbc', 'POST', '/v1/cases/from-match', { matchId: match.id })).body;
  await call('enterprise', 'POST', `/v1/cases/${draft.id}/confirm`, { version: 1 });
  // Next month: outside November's ledger.
  clock.advanceHours(31 * 24);
  await call('enterprise', 'POST', '/v1/requests', { ...validRequest, title: '十二月的诉求' });
});
afterAll(() => app.close());

async function exportLedger(who: string, body: object): Promise<LedgerExport> {
  const started = await call<LedgerExport>(who, 'POST', '/v1/ledger-exports', body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe('running');
  expect(started.headers.location).toBe(`/v1/ledger-exports/${started.body.id}`);
  await settled();
  const done = await call<LedgerExport>(who, 'GET', `/v1/ledger-exports/${started.body.id}`);
  expect(done.status).toBe(200);
  return done.body;
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? undefined])));
  });
  return rows;
};

describe('the ledger export', () => {
  it('makes an Excel file of the period: requests, cases and matches, with Chinese headers', async () => {
    const ready = await exportLedger('admin', { from: '2026-11-01', to: '2026-11-30', format: 'xlsx' });
    expect(ready).toMatchObject({ status: 'ready', rows: { requests: 2, cases: 1, matches: 1 }, fileName: '台账-高新区智造产业园-2026-11-01至2026-11-30.xlsx', requestedBy: { name: '周书记' } });
    expect(ready.url).toBeTruthy();
    const file = await download(ready.url!);
    expect(file.length).toBe(ready.sizeBytes);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['诉求台账', '共建案例', '供需对接']);
    const requests = rowsOf(book.getWorksheet('诉求台账')!);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      诉求编号: served.id,
      企业名称: XINRUI.name,
      统一社会信用代码: XINRUI.creditCode,
      诉求类别: '审批办证',
      诉求标题: '环评审批进度（已办结）',
      当前状态: '已评价',
      提交时间: '2026-11-02 10:00',
      认领时间: '2026-11-02 11:00',
      首次答复时间: '2026-11-02 11:00',
      办结时间: '2026-11-03 11:00',
      按时认领: '是',
      评分: 5,
      是否满意: '满意',
      评价意见: '很及时',
      办理结果: '已批复，可领取批文。',
    });
    expect(requests[0]!.联络员).toBeTruthy();
    // Text that looks like a formula stays text; the unclaimed one missed its claim deadline.
    expect(requests[1]).toMatchObject({ 诉求标题: '=HYPERLINK("http://evil")', 当前状态: '待认领', 按时认领: '否（已超时）' });
    expect(book.getWorksheet('诉求台账')!.getCell('E3').type).toBe(ExcelJS.ValueType.String);

    const [bankCase] = rowsOf(book.getWorksheet('共建案例')!);
    expect(bankCase).toMatchObject({ 类型: '银企共建', 状态: '已确认', 部门: '邮储银行园区支行', 企业: XINRUI.name, '金额（元）': 2_800_000 });
    const [match] = rowsOf(book.getWorksheet('供需对接')!);
    expect(match).toMatchObject({ 需求: '购置贴片设备需贷款', 需求方: XINRUI.name, 状态: '对接成功', '成交金额（元）': 2_800_000, 成交日期: '2026-11-04', 结果说明: '两周放款' });
  });

  it('makes CSV as a zip of three files that Excel reads in Chinese', async () => {
    const ready = await exportLedger('admin', { from: '2026-11-01', to: '2026-12-31', format: 'csv' });
    expect(ready).toMatchObject({ status: 'ready', rows: { requests: 3, cases: 1, matches: 1 } });
    expect(ready.fileName).toMatch(/\.zip$/);
    const files = unzipSync(await download(ready.url!));
    expect(Object.keys(files)).toEqual(['诉求台账.csv', '共建案例.csv', '供需对接.csv']);
    const rows = Papa.parse<string[]>(strFromU8(files['诉求台账.csv']!), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(4);
    expect(rows[0]![0]).toBe('诉求编号');
    expect(rows.map((r) => r[4])).toContain(`'=HYPERLINK("http://evil")`);
  });

  it('lists the park’s exports, newest first, and records each in the audit log', async () => {
    const list = await call<LedgerExportList>('admin', 'GET', '/v1/ledger-exports');
    expect(list.status).toBe(200);
    expect(list.body.items.map((e) => [e.format, e.status])).toEqual([['csv', 'ready'], ['xlsx', 'ready']]);
    expect(list.body.items[0]!.url).toBeTruthy();
    const audit = (await call<AuditList>('admin', 'GET', '/v1/admin/audit?limit=5')).body;
    expect(audit.items.filter((a) => a.action === 'ledger.export').map((a) => a.after)).toEqual([
      { from: '2026-11-01', to: '2026-12-31', format: 'csv' },
      { from: '2026-11-01', to: '2026-11-30', format: 'xlsx' },
    ]);
  });

  it('refuses bad periods with the field, and writes nothing', async () => {
    const before = (await call<LedgerExportList>('admin', 'GET', '/v1/ledger-exports')).body.items.length;
    for (const body of [{ from: '2026-11-31', to: '2026-12-01' }, { from: '2026-12-01', to: '2026-11-01' }, { from: '2025-01-01', to: '2026-12-01' }, { from: '2026-11-01', to: '2026-11-30', format: 'pdf' }, {}]) {
      const answer = await call('admin', 'POST', '/v1/ledger-exports', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.fields.length).toBeGreaterThan(0);
    }
    await settled();
    expect((await call<LedgerExportList>('admin', 'GET', '/v1/ledger-exports')).body.items).toHaveLength(before);
  });

  it('is for the park’s admin only; another park sees none of it', async () => {
    const mine = (await call<LedgerExportList>('admin', 'GET', '/v1/ledger-exports')).body.items[0]!;
    for (const who of ['enterprise', 'approvals', 'approvalsHead', 'psbc']) {
      expect((await call(who, 'POST', '/v1/ledger-exports', { from: '2026-11-01', to: '2026-11-30' })).status, who).toBe(403);
      expect((await call(who, 'GET', '/v1/ledger-exports')).status, who).toBe(403);
      expect((await call(who, 'GET', `/v1/ledger-exports/${mine.id}`)).status, who).toBe(403);
    }
    expect((await app.call('GET', '/v1/ledger-exports')).status).toBe(401);
    expect((await call('otherAdmin', 'GET', `/v1/ledger-exports/${mine.id}`)).status).toBe(404);
    expect((await call<LedgerExportList>('otherAdmin', 'GET', '/v1/ledger-exports')).body.items).toEqual([]);
    // The other park's ledger holds only its own records.
    const theirs = await exportLedger('otherAdmin', { from: '2026-11-01', to: '2026-12-31' });
    expect(theirs.rows).toEqual({ requests: 0, cases: 0, matches: 0 });
  });

  it('finishes a job delivered twice exactly once', async () => {
    const started = (await call<LedgerExport>('admin', 'POST', '/v1/ledger-exports', { from: '2026-11-01', to: '2026-11-30' })).body;
    const job = { type: 'ledgerExport' as const, parkId: 'park-demo', exportId: started.id };
    // The in-process job is already on its way; two more deliveries race it.
    await Promise.all([runLedgerExport(app.deps, job), runLedgerExport(app.deps, job)]);
    await settled();
    const done = (await call<LedgerExport>('admin', 'GET', `/v1/ledger-exports/${started.id}`)).body;
    expect(done).toMatchObject({ status: 'ready', rows: { requests: 2 } });
    const finishedAt = done.finishedAt;
    await runLedgerExport(app.deps, job);
    expect((await ledgerExportStore.get(app.deps.db, 'park-demo', started.id))?.finishedAt).toBe(finishedAt);
  });

  it('says so when the file cannot be written, and never shows a link', async () => {
    const broken = app.withConfig({}, { storage: { ...app.deps.storage, upload: () => ({ write() {}, flush: async () => {}, complete: async () => { throw new Error('S3 is down'); }, abort: async () => {} }) } });
    const started = (await broken.call<LedgerExport>('POST', '/v1/ledger-exports', { token: token.admin, body: { from: '2026-11-01', to: '2026-11-30' } })).body;
    await runLedgerExport(broken.deps, { type: 'ledgerExport', parkId: 'park-demo', exportId: started.id });
    await settled();
    const failed = (await call<LedgerExport>('admin', 'GET', `/v1/ledger-exports/${started.id}`)).body;
    expect(failed).toMatchObject({ status: 'failed', error: '生成失败，请稍后重试' });
    expect(failed.url).toBeUndefined();
  });
});
