/**
 * Evidence on co-building cases over real HTTP to the local S3 server: the bank's liaison attaches
 * the loan contract, the named enterprise its confirmation letter, everyone who sees the case
 * downloads them; nobody else can upload, download or even learn the file exists; a file that is
 * not what it said is refused and deleted; racing uploads never lose one; files come off drafts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CASE_ATTACHMENTS, type ApiErrorBody, type AttachmentUrl, type CoBuildingCase, type UploadTicket } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, otherParkUser, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-11-23T02:00:00.000Z');
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<Or<T>>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let bankCase: CoBuildingCase;

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  for (const [name, id] of Object.entries({ ...demoUsers, kangyuan: 'u-ent-kangyuan' })) token[name] = await app.login(id);
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));
  token.otherBank = await app.login(otherParkUser(demoUsers.psbc));
  bankCase = (
    await call<CoBuildingCase>('psbc', 'POST', '/v1/cases', {
      kind: 'bank',
      title: '普惠贷款支持贴片产线',
      enterpriseIds: ['ent-xinrui'],
      bank: { instrument: 'loan', amountFen: 300_000_000, rateBp: 385, termMonths: 36, grantedOn: '2026-11-20', preferential: true },
      narrative: { difficulty: '新增产线缺少设备购置资金', action: '三个工作日完成授信并放款' },
    })
  ).body;
});
afterAll(() => app.close());

const ticketFor = (who: string, caseId: string, fileName: string, contentType: string, size: number) =>
  call<UploadTicket>(who, 'POST', `/v1/cases/${caseId}/attachments/uploads`, { fileName, contentType, size });

async function upload(who: string, caseId: string, fileName: string, contentType: string, bytes: Buffer): Promise<CoBuildingCase> {
  const ticket = await ticketFor(who, caseId, fileName, contentType, bytes.length);
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const put = await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: bytes });
  expect(put.status).toBe(200);
  const confirmed = await call<CoBuildingCase>(who, 'POST', `/v1/cases/${caseId}/attachments`, { attachmentId: ticket.body.attachmentId });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
  return confirmed.body;
}

describe('files on a case', () => {
  it('the bank attaches the contract and the enterprise its letter; every viewer downloads them', async () => {
    expect((await call<CoBuildingCase>('psbc', 'GET', `/v1/cases/${bankCase.id}`)).body).toMatchObject({ attachments: [], canAttach: true });
    const withContract = await upload('psbc', bankCase.id, '借款合同（盖章）.pdf', 'application/pdf', PDF);
    expect(withContract.attachments).toEqual([expect.objectContaining({ fileName: '借款合同（盖章）.pdf', contentType: 'application/pdf', size: PDF.length, uploadedBy: expect.objectContaining({ name: '褚客户经理' }) })]);
    expect(withContract.timeline.at(-1)).toMatchObject({ type: 'attached', message: '借款合同（盖章）.pdf' });
    const withLetter = await upload('enterprise', bankCase.id, '确认函.png', 'image/png', PNG);
    expect(withLetter.attachments.map((a) => a.fileName)).toEqual(['借款合同（盖章）.pdf', '确认函.png']);
    // Evidence is not a change of figures: the draft can still be confirmed.
    expect(withLetter.allowedActions).toEqual(['confirm']);

    for (const who of ['psbc', 'psbcHead', 'enterprise', 'admin']) {
      const link = await call<AttachmentUrl>(who, 'GET', `/v1/cases/${bankCase.id}/attachments/${withContract.attachments[0]!.id}/url`);
      expect(link.status, who).toBe(200);
      const file = await fetch(link.body.url);
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF), who).toBe(true);
      expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''%E5%80%9F");
    }
  });

  it('lets nobody else upload, download or learn the file exists', async () => {
    const fileId = (await call<CoBuildingCase>('psbc', 'GET', `/v1/cases/${bankCase.id}`)).body.attachments[0]!.id;
    // Park members who are not on the case: it does not exist for them.
    for (const who of ['otherEnterprise', 'approvals', 'tax', 'adbc', 'otherAdmin', 'otherBank']) {
      // Admins never add or remove evidence: the policy refuses the role (403) before the case is
      // read, whichever park's id it is, so the answer tells nothing about the case.
      const changing = who === 'otherAdmin' ? 403 : 404;
      expect((await ticketFor(who, bankCase.id, 'x.pdf', 'application/pdf', 10)).status, who).toBe(changing);
      expect((await call(who, 'GET', `/v1/cases/${bankCase.id}/attachments/${fileId}/url`)).status, who).toBe(404);
      expect((await call(who, 'DELETE', `/v1/cases/${bankCase.id}/attachments/${fileId}`)).status, who).toBe(changing);
    }
    // The admin sees the case but records no evidence for a department.
    expect((await ticketFor('admin', bankCase.id, 'x.pdf', 'application/pdf', 10)).status).toBe(403);
    expect((await call('psbc', 'GET', `/v1/cases/${bankCase.id}/attachments/01NOSUCHFILE0000000000000/url`)).status).toBe(404);
    expect((await app.call('POST', `/v1/cases/${bankCase.id}/attachments/uploads`, { body: { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 } })).status).toBe(401);
  });

  it('refuses bad declarations with the field, and a file that is not what it said', async () => {
    for (const [body, field] of [
      [{ fileName: '合同.exe', contentType: 'application/x-msdownload', size: 10 }, 'contentType'],
      [{ fileName: '合同.pdf', contentType: 'application/pdf', size: 11 * 1024 * 1024 }, 'size'],
      [{ fileName: '../合同.pdf', contentType: 'application/pdf', size: 10 }, 'fileName'],
    ] as const) {
      const refused = await call('psbc', 'POST', `/v1/cases/${bankCase.id}/attachments/uploads`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const ticket = (await ticketFor('psbc', bankCase.id, '扫描件.png', 'image/png', PNG.length)).body;
    // The bytes arrive labelled as something else.
    await fetch(ticket.uploadUrl, { method: 'PUT', headers: { ...ticket.headers, 'content-type': 'application/pdf' }, body: PNG }).catch(() => undefined);
    const confirmed = await call('psbc', 'POST', `/v1/cases/${bankCase.id}/attachments`, { attachmentId: ticket.attachmentId });
    expect(confirmed.status).toBe(400);
    // Someone else's ticket confirms nothing.
    const other = (await ticketFor('psbc', bankCase.id, '另一份.pdf', 'application/pdf', PDF.length)).body;
    await fetch(other.uploadUrl, { method: 'PUT', headers: other.headers, body: PDF });
    expect((await call('enterprise', 'POST', `/v1/cases/${bankCase.id}/attachments`, { attachmentId: other.attachmentId })).status).toBe(400);
    expect((await call<CoBuildingCase>('psbc', 'GET', `/v1/cases/${bankCase.id}`)).body.attachments).toHaveLength(2);
  });

  it('keeps every one of racing uploads, up to the limit', async () => {
    const fresh = (await call<CoBuildingCase>('psbc', 'POST', '/v1/cases', { kind: 'bank', title: '授信支持扩产', enterpriseIds: ['ent-xinrui'], bank: { instrument: 'credit_line', amountFen: 100_000_000, grantedOn: '2026-11-21' }, narrative: { difficulty: '扩产缺少流动资金', action: '一周内授信' } })).body;
    const names = Array.from({ length: MAX_CASE_ATTACHMENTS + 2 }, (_, i) => `凭证${i + 1}.pdf`);
    const tickets = await Promise.all(names.map((n) => ticketFor('psbc', fresh.id, n, 'application/pdf', PDF.length)));
    await Promise.all(tickets.map((t) => fetch(t.body.uploadUrl, { method: 'PUT', headers: t.body.headers, body: PDF })));
    const confirms = await Promise.all(tickets.map((t) => call('psbc', 'POST', `/v1/cases/${fresh.id}/attachments`, { attachmentId: t.body.attachmentId })));
    expect(confirms.filter((c) => c.status === 201)).toHaveLength(MAX_CASE_ATTACHMENTS);
    expect(confirms.filter((c) => c.status !== 201).map((c) => [c.status, c.body.error.field])).toEqual([[400, 'attachments'], [400, 'attachments']]);
    const saved = (await call<CoBuildingCase>('psbc', 'GET', `/v1/cases/${fresh.id}`)).body;
    expect(saved.attachments).toHaveLength(MAX_CASE_ATTACHMENTS);
    expect(saved.timeline.filter((e) => e.type === 'attached')).toHaveLength(MAX_CASE_ATTACHMENTS);
  });

  it('takes a file off a draft (its uploader or the department), never off a confirmed case', async () => {
    const current = (await call<CoBuildingCase>('psbc', 'GET', `/v1/cases/${bankCase.id}`)).body;
    const [contract, letter] = current.attachments;
    // The enterprise may remove its own letter, not the bank's contract.
    expect((await call('enterprise', 'DELETE', `/v1/cases/${bankCase.id}/attachments/${contract!.id}`)).status).toBe(403);
    const removed = await call<CoBuildingCase>('enterprise', 'DELETE', `/v1/cases/${bankCase.id}/attachments/${letter!.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.attachments.map((a) => a.fileName)).toEqual(['借款合同（盖章）.pdf']);
    expect(removed.body.timeline.at(-1)).toMatchObject({ type: 'detached', message: '确认函.png' });
    expect((await call('enterprise', 'GET', `/v1/cases/${bankCase.id}/attachments/${letter!.id}/url`)).status).toBe(404);

    const confirmed = await call<CoBuildingCase>('enterprise', 'POST', `/v1/cases/${bankCase.id}/confirm`, { version: removed.body.version });
    expect(confirmed.body.status).toBe('confirmed');
    expect((await call('psbc', 'DELETE', `/v1/cases/${bankCase.id}/attachments/${contract!.id}`)).status).toBe(409);
    // Still open for more evidence until archived; then closed to uploads.
    await upload('psbc', bankCase.id, '放款凭证.pdf', 'application/pdf', PDF);
    const latest = (await call<CoBuildingCase>('psbc', 'GET', `/v1/cases/${bankCase.id}`)).body;
    const closed = await call<CoBuildingCase>('psbc', 'POST', `/v1/cases/${bankCase.id}/close`, { version: latest.version });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.canAttach).toBe(false);
    expect((await ticketFor('psbc', bankCase.id, '迟到的.pdf', 'application/pdf', PDF.length)).status).toBe(409);
  });
});
