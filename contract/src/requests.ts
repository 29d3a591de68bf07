import * as z from './zod';
import { DepartmentRef } from './categories';
import { Attachment } from './attachments';
import { Actor, Id, IsoTime } from './common';
import { AnsweredField, FieldValues } from './fields';
import { RequestStatus, TimelineEventType } from './states';
import { IDEMPOTENCY_HEADER, REQUEST_ACTIONS, REQUEST_STATUSES, requestActionLabels, requestStatusLabels } from './values/requests';
/** Defined in states.ts, so that a module needing only them stays small. */
export { RequestStatus, TimelineEventType };
/** Plain lists and labels, schema-free (values/requests.ts): a screen that only shows them needs no zod. */
export { IDEMPOTENCY_HEADER, REQUEST_ACTIONS, REQUEST_STATUSES, requestActionLabels, requestStatusLabels };

/** The request's life (诉求流程); see DOMAIN.md. `overdue` is a flag beside the status, not a status. */
export type RequestStatus = z.infer<typeof RequestStatus>;

/** What someone may do to a request; the API lists the ones open to the viewer on every request. */
export const RequestAction = z.enum(REQUEST_ACTIONS);
export type RequestAction = z.infer<typeof RequestAction>;

export type TimelineEventType = z.infer<typeof TimelineEventType>;

/** `public`: the enterprise sees it. `internal`: liaisons' and admins' notes only. */
export const Visibility = z.enum(['public', 'internal']);
export type Visibility = z.infer<typeof Visibility>;

export const TimelineEvent = z.object({
  id: Id,
  type: TimelineEventType,
  at: IsoTime,
  actor: Actor,
  visibility: Visibility,
  message: z.optional(z.string()),
  /** On escalations: which clock was missed and how far it went (1: department head, 2: park admin). */
  escalation: z.optional(z.object({ clock: z.enum(['claim', 'resolve']), level: z.union([z.literal(1), z.literal(2)]) })),
  /** On transfers: where it went. */
  toDepartment: z.optional(z.object({ id: Id, name: z.string() })),
  /** The enterprise's score, on rating events. */
  score: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
  /** Status after the event. */
  status: RequestStatus,
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Rating = z.object({
  satisfied: z.boolean(),
  score: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  comment: z.optional(z.string()),
  at: IsoTime,
});
export type Rating = z.infer<typeof Rating>;

export const Assignee = z.object({
  id: Id,
  name: z.string(),
  departmentId: Id,
  departmentName: z.string(),
});
export type Assignee = z.infer<typeof Assignee>;

/**
 * A deadline clock (时限). `claim`: from submission (or transfer) to the first public reply of the
 * handling department — claiming alone does not stop it, internal notes never do. `resolve`: from
 * submission to resolution; paused while waiting on the enterprise (待补充).
 */
export const SlaClockState = z.enum(['running', 'paused', 'met', 'missed']);
export type SlaClockState = z.infer<typeof SlaClockState>;

export const SlaClockView = z.object({
  deadlineAt: IsoTime,
  state: SlaClockState,
  /** When the clock stopped (met or missed), if it has. */
  stoppedAt: z.optional(IsoTime),
});
export type SlaClockView = z.infer<typeof SlaClockView>;

export const RequestSummary = z.object({
  id: Id,
  parkId: Id,
  enterpriseId: Id,
  enterpriseName: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  title: z.string(),
  status: RequestStatus,
  /** A deadline passed (已超时): a flag beside the status, never instead of it. */
  overdue: z.boolean(),
  submittedAt: IsoTime,
  /** The deadline that matters now: the claim clock's until the first reply, then the resolve clock's. */
  deadlineAt: IsoTime,
  clocks: z.object({ claim: SlaClockView, resolve: SlaClockView }),
  updatedAt: IsoTime,
  /** Departments whose liaisons may claim it while nobody has. */
  departments: z.array(DepartmentRef),
  assignee: z.optional(Assignee),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const ServiceRequest = z.extend(RequestSummary, {
  description: z.string(),
  /** The category's extra questions as answered. */
  fields: z.array(AnsweredField),
  version: z.number().check(z.int(), z.positive()),
  rating: z.optional(Rating),
  resolvedAt: z.optional(IsoTime),
  /** The enterprise may reopen a resolved request until then (7 days after resolution). */
  reopenableUntil: z.optional(IsoTime),
  /** What the viewer may do now; internal events are left out for enterprises. */
  allowedActions: z.array(RequestAction),
  timeline: z.array(TimelineEvent),
  /** Files on the request and on its replies; download each through `attachmentUrl`. */
  attachments: z.array(Attachment),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const CreateRequestInput = z.object({
  categoryId: Id,
  title: z.string().check(
    z.trim(),
    z.minLength(4, { error: '标题至少 4 个字 / title needs at least 4 characters' }),
    z.maxLength(60, { error: '标题最多 60 个字 / title has at most 60 characters' }),
  ),
  description: z.string().check(
    z.trim(),
    z.minLength(10, { error: '请至少用 10 个字说明困难 / description needs at least 10 characters' }),
    z.maxLength(2000, { error: '说明最多 2000 字 / description has at most 2000 characters' }),
  ),
  /** Answers to the category's extra fields, by field key. */
  fields: z._default(FieldValues, {}),
});
export type CreateRequestInput = z.infer<typeof CreateRequestInput>;

export const ReplyInput = z.object({
  message: z.string().check(
    z.trim(),
    z.minLength(2, { error: '答复至少 2 个字 / reply needs at least 2 characters' }),
    z.maxLength(2000, { error: '答复最多 2000 字 / reply has at most 2000 characters' }),
  ),
});
export type ReplyInput = z.infer<typeof ReplyInput>;

export const RatingInput = z.object({
  satisfied: z.boolean(),
  score: z.number().check(
    z.int(),
    z.minimum(1, { error: '评分为 1 到 5 分 / score is 1 to 5' }),
    z.maximum(5, { error: '评分为 1 到 5 分 / score is 1 to 5' }),
  ),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: '评价最多 500 字 / comment has at most 500 characters' }))),
});
export type RatingInput = z.infer<typeof RatingInput>;

export const NoteInput = z.object({ message: z.string().check(
  z.trim(),
  z.minLength(2, { error: '备注至少 2 个字 / note needs at least 2 characters' }),
  z.maxLength(2000, { error: '备注最多 2000 字 / note has at most 2000 characters' }),
) });
export type NoteInput = z.infer<typeof NoteInput>;

export const StartInput = z.object({ message: z.optional(z.string().check(z.trim(), z.maxLength(2000, { error: '说明最多 2000 字 / message has at most 2000 characters' }))) });
export type StartInput = z.infer<typeof StartInput>;

/** The liaison asks the enterprise for more; the resolve clock pauses until the enterprise answers. */
export const RequestInfoInput = z.object({ message: z.string().check(
  z.trim(),
  z.minLength(2, { error: '需补充的内容至少 2 个字 / message needs at least 2 characters' }),
  z.maxLength(2000, { error: '需补充的内容最多 2000 字 / message has at most 2000 characters' }),
) });
export type RequestInfoInput = z.infer<typeof RequestInfoInput>;

export const ProvideInfoInput = z.object({ message: z.string().check(
  z.trim(),
  z.minLength(2, { error: '补充内容至少 2 个字 / message needs at least 2 characters' }),
  z.maxLength(2000, { error: '补充内容最多 2000 字 / message has at most 2000 characters' }),
) });
export type ProvideInfoInput = z.infer<typeof ProvideInfoInput>;

export const ResolveInput = z.object({ message: z.string().check(
  z.trim(),
  z.minLength(2, { error: '办结说明至少 2 个字 / message needs at least 2 characters' }),
  z.maxLength(2000, { error: '办结说明最多 2000 字 / message has at most 2000 characters' }),
) });
export type ResolveInput = z.infer<typeof ResolveInput>;

export const ReopenInput = z.object({ reason: z.string().check(
  z.trim(),
  z.minLength(2, { error: '重新打开的原因至少 2 个字 / reason needs at least 2 characters' }),
  z.maxLength(500, { error: '重新打开的原因最多 500 字 / reason has at most 500 characters' }),
) });
export type ReopenInput = z.infer<typeof ReopenInput>;

export const TransferInput = z.object({
  departmentId: Id,
  reason: z.string().check(
    z.trim(),
    z.minLength(2, { error: '转派原因至少 2 个字 / reason needs at least 2 characters' }),
    z.maxLength(500, { error: '转派原因最多 500 字 / reason has at most 500 characters' }),
  ),
});
export type TransferInput = z.infer<typeof TransferInput>;

export const WithdrawInput = z.object({
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: '撤回原因最多 500 字 / reason has at most 500 characters' }))),
});
export type WithdrawInput = z.infer<typeof WithdrawInput>;

/**
 * `mine`: an enterprise's own requests (newest first), or a liaison's open assigned ones (least time
 * left first). `pool`: unclaimed requests the liaison's department may claim. `overdue`: the
 * department's open requests past their deadline. `done`: a liaison's closed ones (newest first).
 */
export const RequestScope = z.enum(['mine', 'pool', 'overdue', 'done']);
export type RequestScope = z.infer<typeof RequestScope>;

export const MAX_PAGE_SIZE = 50;

export const ListRequestsQuery = z.object({
  scope: z._default(RequestScope, 'mine'),
  status: z.optional(RequestStatus),
  categoryId: z.optional(Id),
  /** Words to find in the title or description (Chinese or not). */
  q: z.optional(z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(50, { error: '搜索词最多 50 字 / search text has at most 50 characters' }),
  )),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z._default(z.coerce.number().check(
    z.int(),
    z.minimum(1),
    z.maximum(MAX_PAGE_SIZE, { error: `每页最多 ${MAX_PAGE_SIZE} 条 / at most ${MAX_PAGE_SIZE} per page` }),
  ), 20),
});
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

export const RequestList = z.object({
  items: z.array(RequestSummary),
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  nextCursor: z.optional(z.string()),
});
export type RequestList = z.infer<typeof RequestList>;
