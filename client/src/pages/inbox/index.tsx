import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { Notification, NotificationKind } from '@parklink/contract';
import { api, errorText } from '../../api';
import { ActionButton } from '../../components/ActionButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoader } from '../../hooks/useLoader';
import { useMe } from '../../hooks/useSession';
import { PAGES, open, openDetail } from '../../lib/nav';
import { formatTime } from '../../lib/time';
import { setUnreadBadge } from '../../lib/unread';

/** Messages a page; on refresh up to MAX_REFRESH of those already shown are re-read at once (the API's cap). */
const PAGE = 20;
const MAX_REFRESH = 50;

const kindLabels: Record<NotificationKind, string> = {
  claimed: '已认领',
  answered: '已答复',
  info_requested: '待补充',
  resolved: '已办结',
  transferred: '转派',
  rated: '评价',
  reopened: '继续办理',
  overdue: '超时',
  match_proposed: '新对接',
  match_accepted: '对接已接受',
  match_declined: '对接被婉拒',
  match_withdrawn: '对接已撤回',
  match_noted: '对接进展',
  match_succeeded: '对接成功',
  match_failed: '对接未成功',
};

/** Everyone: messages about the requests that concern me, newest first; unread ones marked. */
export default function InboxPage() {
  useMe();
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [unread, setUnread] = useState(0);
  const [busy, setBusy] = useState<'more' | 'all' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(0);

  const showUnread = (n: number) => {
    setUnread(n);
    setUnreadBadge(n);
  };

  // On show and on pull-down: the newest messages, as many as were shown (coming back from a
  // request keeps the pages loaded before); "load more" appends the next page.
  const first = useLoader(async () => {
    const page = await api.inbox.list(undefined, Math.min(MAX_REFRESH, Math.max(PAGE, shown.current)));
    shown.current = page.items.length;
    setItems(page.items);
    setCursor(page.nextCursor);
    showUnread(page.unread);
    setError(null);
    return page;
  });

  const loadMore = async () => {
    if (!cursor || busy) return;
    setBusy('more');
    try {
      const page = await api.inbox.list(cursor, PAGE);
      const next = [...items, ...page.items.filter((n) => !items.some((p) => p.id === n.id))];
      shown.current = next.length;
      setItems(next);
      setCursor(page.nextCursor);
      showUnread(page.unread);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  useReachBottom(() => void loadMore());

  const readAll = async () => {
    if (busy) return;
    setBusy('all');
    setError(null);
    try {
      const res = await api.inbox.readAll();
      setItems((prev) => prev.map((n) => ({ ...n, read: true })));
      showUnread(res.unread);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const openItem = (n: Notification) => {
    if (!n.read) {
      setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, read: true } : p)));
      showUnread(Math.max(0, unread - 1));
      api.inbox
        .read(n.id)
        .then((res) => showUnread(res.unread))
        .catch(() => {});
    }
    if (n.requestId) openDetail(n.requestId);
    // Messages about a match open its page (subpackage pages/market).
    else if (n.matchId) open(`${PAGES.match}?id=${encodeURIComponent(n.matchId)}`);
  };

  return (
    <View className="page inbox-page">
      <View className="toolbar inbox-toolbar">
        <Text className="inbox-count">{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        {unread > 0 ? (
          <ActionButton className="inbox-read-all" small primary={false} busy={busy === 'all'} onClick={() => void readAll()}>
            全部已读
          </ActionButton>
        ) : null}
      </View>
      <ErrorMessage message={error ?? first.error} />
      {first.data && items.length === 0 ? <EmptyState text="暂无消息，诉求有进展时会通知你" /> : null}
      {items.map((n) => (
        <View key={n.id} className={`card inbox-item ${n.read ? 'inbox-read' : 'inbox-unread'}`} onClick={() => openItem(n)}>
          <View className="inbox-head">
            {n.read ? null : <View className="inbox-dot" />}
            <Text className="inbox-title">{n.title}</Text>
            <Text className={`inbox-kind inbox-kind-${n.kind}`}>{kindLabels[n.kind] ?? ''}</Text>
          </View>
          <Text className="inbox-body">{n.body}</Text>
          <Text className="inbox-time">{formatTime(n.at)}</Text>
        </View>
      ))}
      {cursor ? (
        <ActionButton className="inbox-more" primary={false} busy={busy === 'more'} onClick={() => void loadMore()}>
          加载更多
        </ActionButton>
      ) : null}
    </View>
  );
}
