import * as z from 'zod';
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
  requestId: Id.optional(),
  matchId: Id.optional(),
  title: z.string(),
  body: z.string(),
  at: IsoTime,
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

export const Inbox = z.object({
  items: z.array(Notification),
  unread: z.number().int().nonnegative(),
  /** Opaque; pass back as `cursor` for the next page. */
  nextCursor: z.string().optional(),
});
export type Inbox = z.infer<typeof Inbox>;

export const InboxQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type InboxQuery = z.infer<typeof InboxQuery>;
