import { Id, InboxQuery, type Inbox } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { inboxStore } from '../store/inbox';
import { json, lambdaHandler, route } from './middleware';

/** Each user's own messages: the token decides whose inbox it is, never a parameter. */
export const inboxRoutes = [
  route('inbox', async (ctx) => {
    const { cursor, limit } = ctx.query(InboxQuery);
    const [page, unread] = await Promise.all([
      inboxStore.list(ctx.deps.db, ctx.user.id, limit, cursor),
      inboxStore.unreadCount(ctx.deps.db, ctx.user.id),
    ]);
    const body: Inbox = { ...page, unread };
    return json(200, body);
  }),

  route('markRead', async (ctx) => {
    const id = Id.safeParse(ctx.param('id'));
    const now = ctx.deps.clock.now().toISOString();
    if (!id.success || !(await inboxStore.markRead(ctx.deps.db, ctx.user.id, id.data, now))) throw notFound('消息', 'message');
    return json(200, { unread: await inboxStore.unreadCount(ctx.deps.db, ctx.user.id) });
  }),

  route('markAllRead', async (ctx) => {
    const now = ctx.deps.clock.now().toISOString();
    const ids = await inboxStore.unreadIds(ctx.deps.db, ctx.user.id);
    await Promise.all(ids.map((id) => inboxStore.markRead(ctx.deps.db, ctx.user.id, id, now)));
    return json(200, { unread: 0 });
  }),
];

export const handler = lambdaHandler(inboxRoutes);
