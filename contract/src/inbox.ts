import * as z from './zod';
import { Id, IsoTime } from './common';

export const NotificationKind = z.enum([
  'claimed',
  'answered',
  'info_requested',
  'resolved',
  'transferred',
  'rated',
  'reopened',
  'overdue',
  // Supply-demand matches (供需对接).
  'match_proposed',
  'match_accepted',
  'match_declined',
  'match_withdrawn',
  'match_noted',
  'match_succeeded',
  'match_failed',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** One message in a user's in-app inbox, about one request or one match (exactly one of the two ids). */
export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  requestId: z.optional(Id),
  matchId: z.optional(Id),
  title: z.string(),
  body: z.string(),
  at: IsoTime,
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

export const Inbox = z.object({
  items: z.array(Notification),
  unread: z.number().check(z.int(), z.nonnegative()),
  /** Opaque; pass back as `cursor` for the next page. */
  nextCursor: z.optional(z.string()),
});
export type Inbox = z.infer<typeof Inbox>;

export const InboxQuery = z.object({
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
});
export type InboxQuery = z.infer<typeof InboxQuery>;
