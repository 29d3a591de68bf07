import type { Inbox, PushTemplateKind } from '@parklink/contract';
import { call } from './http';

/** The user's own in-app messages (the token decides whose). */
export const inboxApi = {
  list(cursor?: string, limit = 20): Promise<Inbox> {
    const query: Record<string, string> = { limit: String(limit) };
    if (cursor) query.cursor = cursor;
    return call<Inbox>('inbox', { query });
  },
  read(id: string): Promise<{ unread: number }> {
    return call<{ unread: number }>('markRead', { params: { id } });
  },
  readAll(): Promise<{ unread: number }> {
    return call<{ unread: number }>('markAllRead');
  },
};

/** Banks the subscribe-message consents the user just gave in WeChat's dialog. */
export function saveSubscriptions(accepted: PushTemplateKind[]): Promise<unknown> {
  return call('subscribe', { body: { accepted } });
}
