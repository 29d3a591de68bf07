import { z } from 'zod';
import { Actor, Id, IsoTime } from './common';

/** The request's life (诉求流程); see DOMAIN.md. `overdue` is a flag beside the status, not a status. */
export const RequestStatus = z.enum([
  'submitted',
  'claimed',
  'answered',
  'in_progress',
  'resolved',
  'rated',
  'reopened',
  'transferred',
  'needs_info',
  'withdrawn',
]);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const requestStatusLabels: Record<RequestStatus, string> = {
  submitted: '待认领',
  claimed: '已认领',
  answered: '已答复',
  in_progress: '办理中',
  resolved: '已办结',
  rated: '已评价',
  reopened: '重新办理',
  transferred: '已转派',
  needs_info: '待补充',
  withdrawn: '已撤回',
};

export const TimelineEventType = z.enum(['submitted', 'claimed', 'replied', 'rated', 'reopened']);
export type TimelineEventType = z.infer<typeof TimelineEventType>;

export const TimelineEvent = z.object({
  id: Id,
  type: TimelineEventType,
  at: IsoTime,
  actor: Actor,
  message: z.string().optional(),
  /** The enterprise's score, on rating events. */
  score: z.number().int().min(1).max(5).optional(),
  /** Status after the event. */
  status: RequestStatus,
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Rating = z.object({
  satisfied: z.boolean(),
  score: z.number().int().min(1).max(5),
  comment: z.string().optional(),
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

export const RequestSummary = z.object({
  id: Id,
  parkId: Id,
  enterpriseId: Id,
  enterpriseName: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  title: z.string(),
  status: RequestStatus,
  overdue: z.boolean(),
  submittedAt: IsoTime,
  deadlineAt: IsoTime,
  updatedAt: IsoTime,
  assignee: Assignee.optional(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const ServiceRequest = RequestSummary.extend({
  description: z.string(),
  version: z.number().int().positive(),
  rating: Rating.optional(),
  timeline: z.array(TimelineEvent),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const CreateRequestInput = z.object({
  categoryId: Id,
  title: z
    .string()
    .trim()
    .min(4, { error: '标题至少 4 个字 / title needs at least 4 characters' })
    .max(60, { error: '标题最多 60 个字 / title has at most 60 characters' }),
  description: z
    .string()
    .trim()
    .min(10, { error: '请至少用 10 个字说明困难 / description needs at least 10 characters' })
    .max(2000, { error: '说明最多 2000 字 / description has at most 2000 characters' }),
});
export type CreateRequestInput = z.infer<typeof CreateRequestInput>;

export const ReplyInput = z.object({
  message: z
    .string()
    .trim()
    .min(2, { error: '答复至少 2 个字 / reply needs at least 2 characters' })
    .max(2000, { error: '答复最多 2000 字 / reply has at most 2000 characters' }),
});
export type ReplyInput = z.infer<typeof ReplyInput>;

export const RatingInput = z.object({
  satisfied: z.boolean(),
  score: z
    .number()
    .int()
    .min(1, { error: '评分为 1 到 5 分 / score is 1 to 5' })
    .max(5, { error: '评分为 1 到 5 分 / score is 1 to 5' }),
  comment: z.string().trim().max(500, { error: '评价最多 500 字 / comment has at most 500 characters' }).optional(),
});
export type RatingInput = z.infer<typeof RatingInput>;

/** `mine`: an enterprise's own requests, or a liaison's claimed ones. `pool`: unclaimed requests a liaison may claim. */
export const RequestScope = z.enum(['mine', 'pool']);
export type RequestScope = z.infer<typeof RequestScope>;

export const ListRequestsQuery = z.object({
  scope: RequestScope.default('mine'),
});
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

export const RequestList = z.object({ items: z.array(RequestSummary) });
export type RequestList = z.infer<typeof RequestList>;

/** Header that makes a create safe to retry: the same key returns the same request. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
