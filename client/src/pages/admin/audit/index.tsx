import '../admin.css';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AuditEvent } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { AuditItem } from './AuditItem';

/** Department and enterprise names, so ids in a change read as names (a failure only leaves ids). */
async function unitNames(): Promise<Record<string, string>> {
  const [departments, enterprises] = await Promise.all([api.admin.departments().catch(() => []), api.admin.enterprises().catch(() => [])]);
  return Object.fromEntries([...departments, ...enterprises].map((u) => [u.id, u.name]));
}

/** The audit log, newest first (`.admin-audit-item`), 20 at a time: 加载更多 (`.load-more`) reads on by cursor. */
export default function AdminAuditPage() {
  useMe();
  const [more, setMore] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = useLoader(async () => {
    const [page, names] = await Promise.all([api.admin.audit(), unitNames()]);
    setMore([]);
    setCursor(page.nextCursor);
    return { items: page.items, names };
  });

  const loadMore = async () => {
    if (!cursor || moreBusy) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await api.admin.audit(cursor);
      setMore((m) => [...m, ...page.items.filter((n) => !m.some((x) => x.id === n.id))]);
      setCursor(page.nextCursor);
    } catch (err) {
      setMoreError(errorText(err));
    } finally {
      setMoreBusy(false);
    }
  };
  const items = [...(first.data?.items ?? []), ...more];

  return (
    <View className="page admin-page admin-audit-page">
      <ErrorMessage message={first.error} />
      {first.data && items.length === 0 ? <EmptyState text="还没有操作记录" /> : null}
      {items.map((e) => (
        <AuditItem key={e.id} event={e} names={first.data?.names ?? {}} />
      ))}
      <ErrorMessage message={moreError} />
      {cursor ? (
        <Text className={`load-more ${moreBusy ? 'load-more-busy' : ''}`} onClick={() => void loadMore()}>
          {moreBusy ? '加载中…' : '加载更多'}
        </Text>
      ) : first.data && items.length ? (
        <Text className="list-end">没有更多了</Text>
      ) : null}
      {first.loading && !first.data ? <Text className="hint">加载中…</Text> : null}
    </View>
  );
}
