/**
 * Files on a co-building case (the loan contract, a refund notice): the department's members and
 * the enterprises it names attach them until the case is archived; whoever may view the case
 * downloads them; the uploader (or the department) takes one off while it is a draft. Adding
 * evidence does not change the figures, so it does not withdraw confirmations. Pure.
 */
import { MAX_CASE_ATTACHMENTS, type Attachment } from '@parklink/contract';
import type { Declared } from '../attachments';
import { DomainError, forbidden, notFound } from '../errors';
import { actorOf, actsForDepartment, type User } from '../user';
import { assertCanViewCase, event, mayAttach, type CaseRecord } from './case';

export const caseAttachmentKey = (parkId: string, caseId: string, attachmentId: string) => `park/${parkId}/case/${caseId}/${attachmentId}`;
export const pendingCaseAttachmentKey = (parkId: string, caseId: string, attachmentId: string) => `pending/${caseAttachmentKey(parkId, caseId, attachmentId)}`;

/** 404 for a case the user cannot see; 403 when they play no part; 400 when it is full. */
export function authoriseCaseUpload(c: CaseRecord | undefined, user: User): CaseRecord {
  const visible = assertCanViewCase(user, c);
  if (!mayAttach(visible, user)) {
    throw visible.status === 'closed'
      ? new DomainError('INVALID_TRANSITION', '案例已归档，不能再上传附件', 'cannot attach files to a closed case')
      : forbidden('只有本部门的联络员和案例中的企业可以上传附件', 'only the case’s department and named enterprises attach files');
  }
  if ((visible.attachments ?? []).length >= MAX_CASE_ATTACHMENTS) {
    throw new DomainError('VALIDATION_FAILED', `附件：每个案例最多 ${MAX_CASE_ATTACHMENTS} 个文件`, `attachments: at most ${MAX_CASE_ATTACHMENTS} files per case`, 'attachments');
  }
  return visible;
}

/** Records a verified file, checking the rules again on the state saved; undefined when already there. */
export function attachToCase(c: CaseRecord, user: User, attachmentId: string, declared: Declared, eventId: string, now: string): CaseRecord | undefined {
  if ((c.attachments ?? []).some((a) => a.id === attachmentId)) return undefined;
  authoriseCaseUpload(c, user);
  const attachment: Attachment = { id: attachmentId, fileName: declared.fileName, contentType: declared.contentType, size: declared.size, uploadedBy: actorOf(user), at: now };
  return {
    ...c,
    attachments: [...(c.attachments ?? []), attachment],
    timeline: [...c.timeline, event(eventId, 'attached', user, now, declared.fileName)],
    updatedAt: now,
    version: c.version + 1,
  };
}

export function caseAttachmentFor(c: CaseRecord | undefined, user: User, attachmentId: string): Attachment {
  const visible = assertCanViewCase(user, c);
  const found = (visible.attachments ?? []).find((a) => a.id === attachmentId);
  if (!found) throw notFound('附件', 'attachment');
  return found;
}

/** Takes a file off a draft: its uploader, or a member of the case's department. */
export function detachFromCase(c: CaseRecord | undefined, user: User, attachmentId: string, eventId: string, now: string): CaseRecord {
  const found = caseAttachmentFor(c, user, attachmentId);
  const visible = c!;
  const department = actsForDepartment(user) && user.departmentId === visible.department.id;
  if (found.uploadedBy.id !== user.id && !department) throw forbidden('只能删除自己上传的附件', 'only the uploader or the case’s department removes a file');
  if (visible.status !== 'draft') throw new DomainError('INVALID_TRANSITION', '案例已确认，附件不能再删除', `cannot remove files from a ${visible.status} case`);
  return {
    ...visible,
    attachments: (visible.attachments ?? []).filter((a) => a.id !== attachmentId),
    timeline: [...visible.timeline, event(eventId, 'detached', user, now, found.fileName)],
    updatedAt: now,
    version: visible.version + 1,
  };
}
