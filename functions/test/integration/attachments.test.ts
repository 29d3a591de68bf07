/**
 * Attachments end to end against the real local S3 server (s3rver) and DynamoDB Local: presign →
 * real HTTP PUT of the bytes → confirm (checked with HEAD) → on the request → a presigned download
 * that returns the bytes. And every refusal: type, size (declared and actual), quota, other
 * enterprises, other parks, other departments, closed requests, someone else's upload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, type ApiErrorBody, type AttachmentUrl, type ServiceRequest, type UploadTicket } from '@parklink/contract';
import { attachmentKey, pendingKey } from '../../src/domain/attachments';
import { createTestApp, demoUsers, otherParkUser, validRequest, type TestApp } from '../support/app';

let app: TestApp;
const token: Record<string, string> = {};
const PARK = 'park-demo';
/** A body that is either the answer or the contract's error. */
type Or<T> = T & { error: ApiErrorBody['error'] };

beforeAll(async () => {
  app = await createTestApp();
  for (const [name, id] of Object.entries(demoUsers)) token[name] = await app.login(id);
  token.otherPark = await app.login(otherParkUser(demoUsers.enterprise));
});
afterAll(() => app.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

const submit = async () =>
  (await app.call<ServiceRequest>('POST', '/v1/requests', { token: token.enterprise, body: validRequest })).body;
const act = (who: string, id: string, path: string, body: unknown = {}) =>
  app.call<ServiceRequest>('POST', `/v1/requests/${id}/${path}`, { token: token[who], body });
const view = async (who: string, id: string) => (await app.call<ServiceRequest>('GET', `/v1/requests/${id}`, { token: token[who] })).body;

interface Declaration {
  fileName: string;
  contentType: string;
  size: number;
  eventId?: string;
}

const presign = (who: string, id: string, declaration: Declaration) =>
  app.call<Or<UploadTicket>>('POST', `/v1/requests/${id}/attachments/uploads`, { token: token[who], body: declaration });
const confirm = (who: string, id: string, attachmentId: string) =>
  app.call<Or<ServiceRequest>>('POST', `/v1/requests/${id}/attachments`, { token: token[who], body: { attachmentId } });
const downloadUrl = (who: string, id: string, attachmentId: string) =>
  app.call<Or<AttachmentUrl>>('GET', `/v1/requests/${id}/attachments/${attachmentId}/url`, { token: token[who] });

/** The client's part: PUT the bytes to the presigned URL with the headers it was given. */
async function put(ticket: UploadTicket, bytes: Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(ticket.uploadUrl, { method: ticket.method, headers: { ...ticket.headers, ...headers }, body: bytes });
  expect(response.status).toBe(200);
}

/** presign → PUT → confirm, for a file that is what it says. */
async function upload(who: string, id: string, fileName: string, contentType: string, bytes: Buffer, eventId?: string) {
  const ticket = await presign(who, id, { fileName, contentType, size: bytes.length, ...(eventId ? { eventId } : {}) });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  await put(ticket.body, bytes);
  const confirmed = await confirm(who, id, ticket.body.attachmentId);
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
  return { ticket: ticket.body, request: confirmed.body };
}

describe('attachments: the journey', () => {
  it('uploads straight to storage, records the file on the request and lets every viewer download it', async () => {
    const request = await submit();
    const ticket = await presign('enterprise', request.id, { fileName: '营业执照（副本）.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/pdf' } });
    // The key names the park and the request, ends in a fresh random id; the upload waits under pending/.
    const url = new URL(ticket.body.uploadUrl);
    expect(decodeURIComponent(url.pathname)).toMatch(new RegExp(`/pending/park/${PARK}/req/${request.id}/${ticket.body.attachmentId}$`));
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.search).not.toContain('x-amz-checksum'); // a checksum of no bytes would make S3 refuse the real ones

    await put(ticket.body, PDF);
    const confirmed = await confirm('enterprise', request.id, ticket.body.attachmentId);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.attachments).toEqual([
      {
        id: ticket.body.attachmentId,
        fileName: '营业执照（副本）.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        uploadedBy: expect.objectContaining({ id: demoUsers.enterprise, role: 'enterprise' }),
        at: expect.any(String),
      },
    ]);
    // Moved out of pending/, so the lifecycle rule never expires it.
    expect(await app.deps.storage.head(pendingKey(PARK, request.id, ticket.body.attachmentId))).toBeUndefined();
    expect(await app.deps.storage.head(attachmentKey(PARK, request.id, ticket.body.attachmentId))).toMatchObject({ size: PDF.length });

    // Confirming again changes nothing.
    const again = await confirm('enterprise', request.id, ticket.body.attachmentId);
    expect(again.status).toBe(200);
    expect(again.body.attachments).toHaveLength(1);
    expect(again.body.version).toBe(confirmed.body.version);

    // The pool liaison of the category, the park admin and the enterprise itself can all see and open it.
    for (const who of ['approvals', 'admin', 'enterprise']) {
      expect((await view(who, request.id)).attachments.map((a) => a.id)).toEqual([ticket.body.attachmentId]);
      const link = await downloadUrl(who, request.id, ticket.body.attachmentId);
      expect(link.status).toBe(200);
      expect(new URL(link.body.url).searchParams.get('X-Amz-Expires')).toBe('300');
      const file = await fetch(link.body.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    }
  });

  it('gives every upload an id that shares no random part with the one before', async () => {
    const request = await submit();
    const declaration = { fileName: 'a.png', contentType: 'image/png', size: PNG.length };
    const [a, b] = [(await presign('enterprise', request.id, declaration)).body, (await presign('enterprise', request.id, declaration)).body];
    const randomA = a.attachmentId.slice(10);
    const randomB = b.attachmentId.slice(10);
    expect(randomA).toHaveLength(16);
    const same = [...randomA].filter((c, i) => c === randomB[i]).length;
    expect(same).toBeLessThan(8); // monotonic ids would differ in the last character only
  });

  it("lets the handling liaison attach files to their own reply, and the enterprise open them", async () => {
    const request = await submit();
    await act('approvals', request.id, 'claim');
    const replied = await act('approvals', request.id, 'replies', { message: '请按附件清单补齐材料。' });
    const reply = replied.body.timeline.find((e) => e.type === 'replied')!;
    const submitted = replied.body.timeline.find((e) => e.type === 'submitted')!;

    const noReply = await presign('approvals', request.id, { fileName: '清单.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(noReply.status).toBe(400);
    expect(noReply.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'eventId' });
    const notTheirs = await presign('approvals', request.id, { fileName: '清单.pdf', contentType: 'application/pdf', size: PDF.length, eventId: submitted.id });
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.error.field).toBe('eventId');

    const { request: after, ticket } = await upload('approvals', request.id, '材料清单.pdf', 'application/pdf', PDF, reply.id);
    expect(after.attachments).toEqual([expect.objectContaining({ id: ticket.attachmentId, eventId: reply.id, uploadedBy: expect.objectContaining({ id: demoUsers.approvals, role: 'liaison' }) })]);
    const link = await downloadUrl('enterprise', request.id, ticket.attachmentId);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()).equals(PDF)).toBe(true);
    // The department head plays the handler too, but only on their own replies.
    const headOnLiaisonReply = await presign('approvalsHead', request.id, { fileName: 'x.pdf', contentType: 'application/pdf', size: 10, eventId: reply.id });
    expect(headOnLiaisonReply.status).toBe(400);
  });
});

describe('attachments: what is refused', () => {
  it('refuses a wrong type, an empty or too large file and a bad name when presigning, naming the field in both languages', async () => {
    const request = await submit();
    const cases: [Declaration, string][] = [
      [{ fileName: 'a.gif', contentType: 'image/gif', size: 100 }, 'contentType'],
      [{ fileName: 'a.exe', contentType: 'application/octet-stream', size: 100 }, 'contentType'],
      [{ fileName: 'big.pdf', contentType: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 }, 'size'],
      [{ fileName: 'empty.pdf', contentType: 'application/pdf', size: 0 }, 'size'],
      [{ fileName: '../../etc/passwd', contentType: 'application/pdf', size: 10 }, 'fileName'],
      [{ fileName: '', contentType: 'application/pdf', size: 10 }, 'fileName'],
    ];
    for (const [declaration, field] of cases) {
      const response = await presign('enterprise', request.id, declaration);
      expect(response.status, JSON.stringify(declaration)).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(response.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(response.body.error.messageEn).toMatch(/^[\x20-\x7e]+$/);
    }
    const tooBig = await presign('enterprise', request.id, { fileName: 'big.pdf', contentType: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 });
    expect(tooBig.body.error.message).toBe('文件大小：每个文件不超过 10 MB');
    // Exactly 10 MiB is fine.
    expect((await presign('enterprise', request.id, { fileName: 'max.pdf', contentType: 'application/pdf', size: MAX_ATTACHMENT_BYTES })).status).toBe(201);
  });

  it('rejects and deletes an upload whose real type or size differs from the declaration', async () => {
    const request = await submit();
    // Declared a PNG, sent a PDF.
    const wrongType = (await presign('enterprise', request.id, { fileName: 'photo.png', contentType: 'image/png', size: PDF.length })).body;
    await put(wrongType, PDF, { 'content-type': 'application/pdf' });
    // Declared 32 bytes, sent more.
    const wrongSize = (await presign('enterprise', request.id, { fileName: 'photo.png', contentType: 'image/png', size: 32 })).body;
    await put(wrongSize, Buffer.concat([PNG, Buffer.alloc(1024)]));

    for (const [ticket, what] of [[wrongType, '类型'], [wrongSize, '大小']] as const) {
      const pending = pendingKey(PARK, request.id, ticket.attachmentId);
      expect(await app.deps.storage.head(pending)).toBeDefined();
      const refused = await confirm('enterprise', request.id, ticket.attachmentId);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'attachmentId' });
      expect(refused.body.error.message).toContain(what);
      expect(await app.deps.storage.head(pending)).toBeUndefined();
      expect(await app.deps.storage.head(attachmentKey(PARK, request.id, ticket.attachmentId))).toBeUndefined();
    }
    expect((await view('enterprise', request.id)).attachments).toEqual([]);
  });

  it('refuses to confirm a file that was never uploaded, or that someone else uploaded', async () => {
    const request = await submit();
    const never = (await presign('enterprise', request.id, { fileName: 'a.png', contentType: 'image/png', size: PNG.length })).body;
    const missing = await confirm('enterprise', request.id, never.attachmentId);
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('attachmentId');

    await act('approvals', request.id, 'claim');
    await put(never, PNG);
    // The handler can act on this request, but the upload is the enterprise's.
    const stolen = await confirm('approvals', request.id, never.attachmentId);
    expect(stolen.status).toBe(400);
    expect((await confirm('enterprise', request.id, never.attachmentId)).status).toBe(201);
  });

  it('takes at most 6 files from the enterprise per request, also when 7 uploads race to be confirmed', async () => {
    const request = await submit();
    const declaration = { fileName: '现场照片.png', contentType: 'image/png', size: PNG.length };
    const tickets: UploadTicket[] = [];
    for (let i = 0; i < 7; i++) {
      const ticket = await presign('enterprise', request.id, declaration);
      expect(ticket.status).toBe(201); // nothing is confirmed yet
      tickets.push(ticket.body);
    }
    await Promise.all(tickets.map((ticket) => put(ticket, PNG)));
    const results = await Promise.all(tickets.map((ticket) => confirm('enterprise', request.id, ticket.attachmentId)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 201, 400]);
    const refused = results.find((r) => r.status === 400)!;
    expect(refused.body.error).toMatchObject({ field: 'attachments', message: '附件：每个诉求最多上传 6 个文件' });
    const kept = (await view('enterprise', request.id)).attachments;
    expect(kept).toHaveLength(6);
    // The refused one is not left behind in the bucket.
    const refusedId = tickets.find((t) => !kept.some((a) => a.id === t.attachmentId))!.attachmentId;
    expect(await app.deps.storage.head(attachmentKey(PARK, request.id, refusedId))).toBeUndefined();
    expect(await app.deps.storage.head(pendingKey(PARK, request.id, refusedId))).toBeUndefined();

    // A 7th presign is refused up front.
    const seventh = await presign('enterprise', request.id, declaration);
    expect(seventh.status).toBe(400);
    expect(seventh.body.error.field).toBe('attachments');
  });

  it('hides the request from other enterprises, other parks and other departments, and keeps viewers from uploading', async () => {
    const request = await submit();
    const { ticket } = await upload('enterprise', request.id, 'a.png', 'image/png', PNG);
    const declaration = { fileName: 'b.png', contentType: 'image/png', size: PNG.length };
    // Cannot see it: 404, as if it did not exist, for the upload and the download alike.
    for (const who of ['otherEnterprise', 'otherPark', 'tax', 'adbc', 'psbcHead']) {
      const up = await presign(who, request.id, declaration);
      expect(up.status, who).toBe(404);
      const down = await downloadUrl(who, request.id, ticket.attachmentId);
      expect(down.status, who).toBe(404);
      expect(JSON.stringify(down.body)).not.toContain('http');
      expect((await confirm(who, request.id, ticket.attachmentId)).status, who).toBe(404);
    }
    // Can see it but plays no uploading part: 403.
    for (const who of ['admin', 'approvals']) {
      const up = await presign(who, request.id, declaration);
      expect(up.status, who).toBe(403);
      expect(up.body.error.code).toBe('FORBIDDEN');
    }
    // An attachment id of another request is not found through this one.
    const other = await submit();
    expect((await downloadUrl('enterprise', other.id, ticket.attachmentId)).status).toBe(404);
    expect((await downloadUrl('enterprise', request.id, '01ZZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
  });

  it('takes no files once the request is withdrawn', async () => {
    const request = await submit();
    await act('enterprise', request.id, 'withdraw', { reason: '已自行解决' });
    const refused = await presign('enterprise', request.id, { fileName: 'a.png', contentType: 'image/png', size: PNG.length });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_TRANSITION', current: { status: 'withdrawn' } });
  });
});
