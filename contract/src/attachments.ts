import * as z from './zod';
import { Actor, Id, IsoTime } from './common';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './values/requests';
/** 10 MiB per file; files on one request (all together) and on one reply. Plain limits, schema-free (values/requests.ts). */
export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS };

/**
 * Attachments (附件): images and PDFs on a request (by the enterprise) or on a reply (by the
 * handling liaison). The bytes go straight from the client to object storage by a presigned URL:
 *
 * 1. `POST /v1/requests/{id}/attachments/uploads` with the file's name, type and size → an
 *    `UploadTicket`;
 * 2. the client sends the bytes: `PUT uploadUrl` with exactly `headers` (the platform adds the
 *    content length, which must equal `size`);
 * 3. `POST /v1/requests/{id}/attachments` with the `attachmentId` → the server checks the stored
 *    object's real type and size against the declaration and records it on the request (or deletes
 *    it and answers 400). Unconfirmed uploads expire by themselves after a day.
 * 4. `GET /v1/requests/{id}/attachments/{attachmentId}/url` → a download URL valid for minutes.
 */
export const AttachmentContentType = z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], {
  error: '文件类型：只能上传 JPG、PNG、WebP 图片或 PDF / contentType: only JPEG, PNG, WebP images or PDF',
});
export type AttachmentContentType = z.infer<typeof AttachmentContentType>;

export const Attachment = z.object({
  id: Id,
  fileName: z.string(),
  contentType: AttachmentContentType,
  /** Bytes, as stored. */
  size: z.number().check(z.int(), z.positive()),
  uploadedBy: Actor,
  at: IsoTime,
  /** The timeline event (a reply, supplied information…) it belongs to; absent: the request itself. */
  eventId: z.optional(Id),
});
export type Attachment = z.infer<typeof Attachment>;

export const CreateUploadInput = z.object({
  fileName: z.string().check(
    z.trim(),
    z.minLength(1, { error: '文件名：不能为空 / fileName: required' }),
    z.maxLength(120, { error: '文件名最多 120 个字 / fileName has at most 120 characters' }),
    z.refine((name) => !/[\\/\u0000-\u001f\u007f]/.test(name), {
      error: '文件名：不能包含斜杠或控制字符 / fileName: no slashes or control characters',
    }),
  ),
  contentType: AttachmentContentType,
  size: z.number({ error: '文件大小：应为字节数 / size: a number of bytes' }).check(
    z.int({ error: '文件大小：应为字节数 / size: a number of bytes' }),
    z.minimum(1, { error: '文件大小：文件是空的 / size: the file is empty' }),
    z.maximum(MAX_ATTACHMENT_BYTES, { error: '文件大小：每个文件不超过 10 MB / size: at most 10 MB per file' }),
  ),
  /** For a liaison: the reply (their own public timeline event) the file belongs to. */
  eventId: z.optional(Id),
});
export type CreateUploadInput = z.infer<typeof CreateUploadInput>;

export const UploadTicket = z.object({
  attachmentId: Id,
  method: z.literal('PUT'),
  uploadUrl: z.url(),
  /** Send exactly these headers with the bytes (they are part of the signature). */
  headers: z.record(z.string(), z.string()),
  expiresAt: IsoTime,
});
export type UploadTicket = z.infer<typeof UploadTicket>;

export const ConfirmAttachmentInput = z.object({ attachmentId: Id });
export type ConfirmAttachmentInput = z.infer<typeof ConfirmAttachmentInput>;

export const AttachmentUrl = z.object({
  url: z.url(),
  expiresAt: IsoTime,
});
export type AttachmentUrl = z.infer<typeof AttachmentUrl>;
