/**
 * A client's file upload, whatever it is attached to (a request, a case): a presigned PUT under a
 * pending key that carries what was declared as signed metadata; then, on confirm, a check that
 * what arrived is what was declared by this caller, and a copy to where it will live.
 */
import type { UploadTicket } from '@parklink/contract';
import { ulid } from 'ulid';
import { declaredFrom, metadataOf, mismatch, type Declared } from '../domain/attachments';
import { DomainError } from '../domain/errors';
import type { Deps } from '../http/deps';

/** Long enough for a 10 MB upload on a slow phone connection. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Long enough to open a file; a new one is asked for every time it is opened. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** Fresh randomness for every file (80 bits), never the monotonic ids that differ by one. */
export const newAttachmentId = (deps: Deps) => ulid(deps.clock.now().getTime());

export async function uploadTicket(deps: Deps, attachmentId: string, pendingKey: string, declared: Declared): Promise<UploadTicket> {
  const now = deps.clock.now();
  const { url, headers } = await deps.storage.presignPut({
    key: pendingKey,
    contentType: declared.contentType,
    size: declared.size,
    metadata: metadataOf(declared),
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return { attachmentId, method: 'PUT', uploadUrl: url, headers, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() };
}

/**
 * What this caller uploaded under `pendingKey`, checked against what they declared (a mismatch is
 * deleted and refused), copied to `finalKey`. Someone else's upload is none of the caller's
 * business: the same 400 as no upload at all.
 */
export async function receiveUpload(deps: Deps, uploaderId: string, pendingKey: string, finalKey: string): Promise<Declared> {
  const stored = await deps.storage.head(pendingKey);
  const declared = stored && declaredFrom(stored.metadata);
  if (!stored || !declared || declared.uploaderId !== uploaderId) {
    throw new DomainError('VALIDATION_FAILED', '附件：未找到上传的文件，请重新上传', 'attachmentId: no upload found for it', 'attachmentId');
  }
  const wrong = mismatch(declared, stored);
  if (wrong) {
    await deps.storage.delete(pendingKey);
    throw wrong;
  }
  await deps.storage.copy(pendingKey, finalKey);
  return declared;
}
