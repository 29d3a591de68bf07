/**
 * Attachments (附件) as pure rules: who may attach a file to which request or reply, how many, where
 * it is stored, and whether what arrived in storage is what was declared. No I/O.
 *
 * - The owner enterprise attaches to the request (or to one of its own public events, e.g. the
 *   information it supplied), at most MAX_ATTACHMENTS in all.
 * - The handler (the assignee, or the head of the assignee's department) attaches to one of their
 *   own replies to the enterprise, at most MAX_ATTACHMENTS per reply.
 * - Nobody attaches to a withdrawn or rated (closed) request. Everyone who may view the request
 *   may download its attachments; anyone else never learns it exists (404).
 */
import {
  AttachmentContentType,
  MAX_ATTACHMENTS,
  MAX_ATTACHMENT_BYTES,
  requestStatusLabels,
  type Attachment,
  type RequestStatus,
  type TimelineEventType,
} from '@parklink/contract';
import { DomainError, forbidden, notFound } from './errors';
import { actionsFor, assertCanView, type Moment, type RequestState } from './request';
import { partiesOf } from './transitions';
import { actorOf, type User } from './user';

export type Uploader = 'owner' | 'handler';

/** A request takes no more files once it is closed. */
const CLOSED: RequestStatus[] = ['withdrawn', 'rated'];

/** A handler's files belong to their messages to the enterprise. */
const REPLY_EVENTS: TimelineEventType[] = ['replied', 'info_requested', 'started', 'resolved'];

/** Unconfirmed uploads live under this prefix, which the bucket's lifecycle empties after a day. */
export const PENDING_PREFIX = 'pending/';

/** Where a confirmed file lives: the park and request in the path, an unguessable id at the end. */
export const attachmentKey = (parkId: string, requestId: string, attachmentId: string) =>
  `park/${parkId}/req/${requestId}/${attachmentId}`;

export const pendingKey = (parkId: string, requestId: string, attachmentId: string) =>
  `${PENDING_PREFIX}${attachmentKey(parkId, requestId, attachmentId)}`;

/**
 * Whether this user may attach a file now (to `eventId`, when given), and in which part.
 * 404 for a request they cannot see, 403 for one they play no uploading part in, 409 when it is
 * closed, 400 naming the field for a wrong reply or a full quota.
 */
export function authoriseUpload(state: RequestState | undefined, user: User, eventId: string | undefined, now: string): Uploader {
  const { visible, as } = uploaderOf(state, user);
  if (CLOSED.includes(visible.status)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `诉求当前为“${requestStatusLabels[visible.status]}”，不能再上传附件`,
      `cannot attach files to a request in status ${visible.status}`,
      undefined,
      undefined,
      { status: visible.status, allowedActions: actionsFor(visible, user, now) },
    );
  }
  if (as === 'handler' && !eventId) {
    throw new DomainError('VALIDATION_FAILED', '所属答复：请先答复，再把文件附在答复上', 'eventId: liaisons attach files to one of their replies', 'eventId');
  }
  if (eventId) {
    const event = visible.timeline.find((e) => e.id === eventId);
    const fits =
      !!event && event.actor.id === user.id && event.visibility === 'public' && (as === 'owner' || REPLY_EVENTS.includes(event.type));
    if (!fits) {
      throw new DomainError('VALIDATION_FAILED', '所属答复：不存在或不是您的答复', 'eventId: not one of your replies on this request', 'eventId');
    }
  }
  const attachments = visible.attachments ?? [];
  const taken =
    as === 'owner' ? attachments.filter((a) => a.uploadedBy.role === 'enterprise').length : attachments.filter((a) => a.eventId === eventId).length;
  if (taken >= MAX_ATTACHMENTS) {
    throw as === 'owner'
      ? new DomainError('VALIDATION_FAILED', `附件：每个诉求最多上传 ${MAX_ATTACHMENTS} 个文件`, `attachments: at most ${MAX_ATTACHMENTS} files per request`, 'attachments')
      : new DomainError('VALIDATION_FAILED', `附件：每条答复最多附 ${MAX_ATTACHMENTS} 个文件`, `attachments: at most ${MAX_ATTACHMENTS} files per reply`, 'attachments');
  }
  return as;
}

/** The part this user uploads in: 404 for a request they cannot see, 403 for one they play no uploading part in. */
export function uploaderOf(state: RequestState | undefined, user: User): { visible: RequestState; as: Uploader } {
  const visible = assertCanView(state, user);
  const parties = partiesOf(
    {
      parkId: visible.parkId,
      enterpriseId: visible.enterpriseId,
      status: visible.status,
      departmentIds: visible.departments.map((d) => d.id),
      ...(visible.assignee ? { assignee: visible.assignee } : {}),
    },
    user,
  );
  const as: Uploader | undefined = parties.has('owner') ? 'owner' : parties.has('handler') ? 'handler' : undefined;
  if (!as) {
    throw forbidden('只有提交诉求的企业和正在办理的联络员可以上传附件', 'only the owner enterprise and the handling liaison may attach files');
  }
  return { visible, as };
}

/** What the uploader declared; it travels with the object as signed metadata (ASCII only). */
export interface Declared {
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  uploaderId: string;
  eventId?: string;
}

export function metadataOf(declared: Declared): Record<string, string> {
  return {
    'file-name': encodeURIComponent(declared.fileName),
    'declared-type': declared.contentType,
    'declared-size': String(declared.size),
    uploader: declared.uploaderId,
    ...(declared.eventId ? { event: declared.eventId } : {}),
  };
}

/** The declaration read back from an object's metadata; undefined when it is not one of ours. */
export function declaredFrom(metadata: Record<string, string>): Declared | undefined {
  const contentType = AttachmentContentType.safeParse(metadata['declared-type']);
  const size = Number(metadata['declared-size']);
  const fileName = safeDecode(metadata['file-name']);
  if (!contentType.success || !Number.isInteger(size) || !fileName || !metadata.uploader) return undefined;
  return {
    fileName,
    contentType: contentType.data,
    size,
    uploaderId: metadata.uploader,
    ...(metadata.event ? { eventId: metadata.event } : {}),
  };
}

/** What storage says arrived. */
export interface Arrived {
  contentType?: string;
  size?: number;
}

/** Why the stored object is not what was declared (the caller deletes it), or undefined when it is. */
export function mismatch(declared: Declared, arrived: Arrived): DomainError | undefined {
  const type = arrived.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== declared.contentType || !AttachmentContentType.safeParse(type).success) {
    return new DomainError(
      'VALIDATION_FAILED',
      `附件：文件类型与声明不符（声明 ${declared.contentType}，实际 ${type ?? '未知'}），已删除，请重新上传`,
      `attachmentId: stored type ${type ?? 'unknown'} differs from the declared ${declared.contentType}; deleted`,
      'attachmentId',
    );
  }
  if (arrived.size !== declared.size || declared.size > MAX_ATTACHMENT_BYTES) {
    return new DomainError(
      'VALIDATION_FAILED',
      `附件：文件大小与声明不符（声明 ${declared.size} 字节，实际 ${arrived.size ?? '未知'} 字节），已删除，请重新上传`,
      `attachmentId: stored size ${arrived.size ?? 'unknown'} differs from the declared ${declared.size}; deleted`,
      'attachmentId',
    );
  }
  return undefined;
}

/**
 * Records a verified file on the request — the rules are checked again on the state being saved,
 * so a race past the quota loses. Undefined when it is already recorded (a repeated confirm).
 */
export function attach(state: RequestState, user: User, attachmentId: string, declared: Declared, moment: Moment): RequestState | undefined {
  if ((state.attachments ?? []).some((a) => a.id === attachmentId)) return undefined;
  authoriseUpload(state, user, declared.eventId, moment.now);
  const attachment: Attachment = {
    id: attachmentId,
    fileName: declared.fileName,
    contentType: declared.contentType,
    size: declared.size,
    uploadedBy: actorOf(user),
    at: moment.now,
    ...(declared.eventId ? { eventId: declared.eventId } : {}),
  };
  return {
    ...state,
    attachments: [...(state.attachments ?? []), attachment],
    updatedAt: moment.now,
    version: state.version + 1,
  };
}

/** The recorded file a viewer asks for: 404 alike for a request they cannot see and a file that is not there. */
export function attachmentFor(state: RequestState | undefined, user: User, attachmentId: string): Attachment {
  const visible = assertCanView(state, user);
  const found = (visible.attachments ?? []).find((a) => a.id === attachmentId);
  if (!found) throw notFound('附件', 'attachment');
  return found;
}

/** `inline` with the original (UTF-8) name, RFC 6266 / 5987, so browsers and WeChat show it by name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function safeDecode(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
