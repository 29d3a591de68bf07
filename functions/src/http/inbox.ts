import { Id, InboxQuery, type Inbox } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { inboxStore } from '../store/inbox';
import { json, lambdaHandler, route } from './middleware';

/**
 * Each user's own messages: the token decides whose inbox it is, never a parameter. Every call
 * costs the same few DynamoDB calls however many messages there are (store/inbox.ts: a read mark
 * instead of a write per message).
 */
export const inboxRoutes = [
  route('inbox', async (ctx) => {
    const { cursor, limit } = ctx.query(InboxQuery);
    // The page brings the read mark along; the count reads the unread index above it.
    const { mark, ...page } = await inboxStore.page(ctx.deps.db, ctx.user.id, limit, cursor);
    const body: Inbox = { ...page, unread: await inboxStore.unreadCount(ctx.deps.db, ctx.user.id, mark) };
    return json(200, body);
  }),

  route('markRead', async (ctx) => {
    const id = Id.safeParse(ctx.param('id'));
    if (!id.success) throw notFound('消息', 'message');
    const now = ctx.deps.clock.now().toISOString();
    const [found, mark] = await Promise.all([inboxStore.markRead(ctx.deps.db, ctx.user.id, id.data, now), inboxStore.readMark(ctx.deps.db, ctx.user.id)]);
    if (!found) throw notFound('消息', 'message');
    return json(200, { unread: await inboxStore.unreadCount(ctx.deps.db, ctx.user.id, mark) });
  }),

  route('markAllRead', async (ctx) => {
    const { unread } = await inboxStore.markAllRead(ctx.deps.db, ctx.user);
    return json(200, { unread });
  }),
];

export const handler = lambdaHandler(inboxRoutes);
