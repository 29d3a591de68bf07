/**
 * Files on a co-building case: a ticket to upload (presigned PUT), confirm after checking what
 * arrived, a short-lived download URL for whoever may view the case, and removal from a draft.
 * Saved on the case's version; a lost race is decided again on the fresh case.
 */
import { CaseUploadInput, ConfirmAttachmentInput, Id, type AttachmentUrl, type UploadTicket } from '@parklink/contract';
import { contentDisposition } from '../domain/attachments';
import { attachToCase, authoriseCaseUpload, caseAttachmentFor, caseAttachmentKey, detachFromCase, pendingCaseAttachmentKey } from '../domain/cases/attachments';
import { assertCanViewCase, caseView, type CaseRecord } from '../domain/cases/case';
import { DomainError, notFound } from '../domain/errors';
import { DOWNLOAD_URL_SECONDS, newAttachmentId, receiveUpload, uploadTicket } from '../services/uploads';
import { caseStore } from '../store/cases';
import { json, route, type Context } from './middleware';

/** Racing writers on one case (a liaison confirming several files at once) each get their turn. */
const MAX_ATTEMPTS = 20;
/** A short random wait before a retry, growing with the attempt, so racing writers spread out. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

export const caseAttachmentRoutes = [
  route('createCaseAttachmentUpload', async (ctx) => {
    const input = ctx.body(CaseUploadInput);
    const { deps, user } = ctx;
    const c = authoriseCaseUpload(await loadCase(ctx), user);
    const attachmentId = newAttachmentId(deps);
    const declared = { fileName: input.fileName, contentType: input.contentType, size: input.size, uploaderId: user.id };
    const body: UploadTicket = await uploadTicket(deps, attachmentId, pendingCaseAttachmentKey(user.parkId, c.id, attachmentId), declared);
    return json(201, body);
  }),

  route('confirmCaseAttachment', async (ctx) => {
    const { attachmentId } = ctx.body(ConfirmAttachmentInput);
    const { deps, user } = ctx;
    const current = authoriseCaseUploadOrDone(await loadCase(ctx), ctx, attachmentId);
    if ('done' in current) return json(200, caseView(current.done, user));
    const pending = pendingCaseAttachmentKey(user.parkId, current.id, attachmentId);
    const final = caseAttachmentKey(user.parkId, current.id, attachmentId);
    const declared = await receiveUpload(deps, user.id, pending, final);
    try {
      const saved = await saveAgain(ctx, current, (c) => attachToCase(c, user, attachmentId, declared, deps.newId(), deps.clock.now().toISOString()));
      await deps.storage.delete(pending);
      return json(201, caseView(saved, user));
    } catch (error) {
      // Refused on the fresh case (full meanwhile, archived): keep nothing.
      await Promise.all([deps.storage.delete(final), deps.storage.delete(pending)]);
      throw error;
    }
  }),

  route('caseAttachmentUrl', async (ctx) => {
    const { deps, user } = ctx;
    const c = await loadCase(ctx);
    const attachment = caseAttachmentFor(c, user, attachmentIdOf(ctx));
    const url = await deps.storage.presignGet({
      key: caseAttachmentKey(user.parkId, c!.id, attachment.id),
      contentDisposition: contentDisposition(attachment.fileName),
      expiresInSeconds: DOWNLOAD_URL_SECONDS,
    });
    const body: AttachmentUrl = { url, expiresAt: new Date(deps.clock.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
    return json(200, body);
  }),

  route('deleteCaseAttachment', async (ctx) => {
    const { deps, user } = ctx;
    const attachmentId = attachmentIdOf(ctx);
    const current = assertCanViewCase(user, await loadCase(ctx));
    // The first read decides (404 / 403 / 409); after a lost race, a file already gone is done.
    const saved = await saveAgain(ctx, current, (c, attempt) =>
      attempt === 1 || (c.attachments ?? []).some((a) => a.id === attachmentId) ? detachFromCase(c, user, attachmentId, deps.newId(), deps.clock.now().toISOString()) : undefined,
    );
    await deps.storage.delete(caseAttachmentKey(user.parkId, saved.id, attachmentId));
    return json(200, caseView(saved, user));
  }),
];

async function loadCase(ctx: Context): Promise<CaseRecord | undefined> {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('共建案例', 'case');
  return caseStore.get(ctx.deps.db, ctx.user.parkId, id.data);
}

function attachmentIdOf(ctx: Context): string {
  const id = Id.safeParse(ctx.param('attachmentId'));
  if (!id.success) throw notFound('附件', 'attachment');
  return id.data;
}

/** A repeated confirm answers as the first did; otherwise the upload must still be allowed. */
function authoriseCaseUploadOrDone(c: CaseRecord | undefined, ctx: Context, attachmentId: string): CaseRecord | { done: CaseRecord } {
  if (c && (c.attachments ?? []).some((a) => a.id === attachmentId)) return { done: assertCanViewCase(ctx.user, c) };
  return authoriseCaseUpload(c, ctx.user);
}

/** Applies `change` on the case as read, and again on the fresh case after a lost race; undefined: nothing to do. */
async function saveAgain(ctx: Context, first: CaseRecord, change: (c: CaseRecord, attempt: number) => CaseRecord | undefined): Promise<CaseRecord> {
  let current = first;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const next = change(current, attempt);
    if (!next) return current;
    if (await caseStore.save(ctx.deps.db, next, current.version)) return next;
    await backoff(attempt);
    const fresh = await caseStore.get(ctx.deps.db, ctx.user.parkId, current.id);
    if (!fresh) throw notFound('共建案例', 'case');
    current = fresh;
  }
  throw new DomainError('CONFLICT', '案例正被频繁修改，请稍后重试', 'case kept changing; try again', 'version');
}
