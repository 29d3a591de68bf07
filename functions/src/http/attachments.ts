/**
 * Attachments (附件): presign an upload for someone who may attach to this request (or reply),
 * confirm it after checking what really arrived in the bucket, and presign short-lived downloads
 * for whoever may view the request. The bucket is private; every URL here is presigned.
 */
import { ConfirmAttachmentInput, CreateUploadInput, Id, type AttachmentUrl, type UploadTicket } from '@parklink/contract';
import { attach, attachmentFor, attachmentKey, authoriseUpload, contentDisposition, pendingKey, uploaderOf } from '../domain/attachments';
import { notFound } from '../domain/errors';
import * as lifecycle from '../domain/request';
import { applyChange } from '../services/requestChanges';
import { DOWNLOAD_URL_SECONDS, newAttachmentId, receiveUpload, uploadTicket } from '../services/uploads';
import { requestStore } from '../store/requests';
import { json, lambdaHandler, route, type Context } from './middleware';

export const attachmentRoutes = [
  route('createAttachmentUpload', async (ctx) => {
    const input = ctx.body(CreateUploadInput);
    const { deps, user } = ctx;
    const requestId = requestIdOf(ctx);
    const state = await requestStore.get(deps.db, user.parkId, requestId);
    authoriseUpload(state, user, input.eventId, deps.clock.now().toISOString());
    const attachmentId = newAttachmentId(deps);
    const declared = { fileName: input.fileName, contentType: input.contentType, size: input.size, uploaderId: user.id, ...(input.eventId ? { eventId: input.eventId } : {}) };
    const body: UploadTicket = await uploadTicket(deps, attachmentId, pendingKey(user.parkId, requestId, attachmentId), declared);
    return json(201, body);
  }),

  route('confirmAttachment', async (ctx) => {
    const { attachmentId } = ctx.body(ConfirmAttachmentInput);
    const { deps, user } = ctx;
    const requestId = requestIdOf(ctx);
    const check = (state: lifecycle.RequestState | undefined) => lifecycle.assertCanView(state, user);
    const current = check(await requestStore.get(deps.db, user.parkId, requestId));
    // A repeated confirm answers as the first did.
    if ((current.attachments ?? []).some((a) => a.id === attachmentId)) {
      return json(200, lifecycle.toView(current, user, deps.clock.now().toISOString()));
    }
    // Someone who sees the request but may not upload to it hears so (403), as on the ticket, before anything about uploads.
    uploaderOf(current, user);
    const pending = pendingKey(user.parkId, requestId, attachmentId);
    const final = attachmentKey(user.parkId, requestId, attachmentId);
    const declared = await receiveUpload(deps, user.id, pending, final);
    let saved: Awaited<ReturnType<typeof applyChange>>;
    try {
      saved = await applyChange(deps, user.parkId, { requestId, check }, (s, moment) => attach(s, user, attachmentId, declared, moment));
    } catch (error) {
      // Refused on the fresh state (quota reached meanwhile, request closed): keep nothing.
      await Promise.all([deps.storage.delete(final), deps.storage.delete(pending)]);
      throw error;
    }
    await deps.storage.delete(pending);
    return json(201, lifecycle.toView(saved.state, user, saved.now));
  }),

  route('attachmentUrl', async (ctx) => {
    const { deps, user } = ctx;
    const requestId = requestIdOf(ctx);
    const attachmentId = Id.safeParse(ctx.param('attachmentId'));
    if (!attachmentId.success) throw notFound('附件', 'attachment');
    const state = await requestStore.get(deps.db, user.parkId, requestId);
    const attachment = attachmentFor(state, user, attachmentId.data);
    const now = deps.clock.now();
    const url = await deps.storage.presignGet({
      key: attachmentKey(user.parkId, requestId, attachment.id),
      contentDisposition: contentDisposition(attachment.fileName),
      expiresInSeconds: DOWNLOAD_URL_SECONDS,
    });
    const body: AttachmentUrl = { url, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(attachmentRoutes);

function requestIdOf(ctx: Context): string {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('诉求', 'request');
  return id.data;
}
