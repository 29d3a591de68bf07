import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RequestSummary } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { RequestCard } from '../../../components/RequestCard';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { openDetail } from '../../../lib/nav';
import { askSubscribeConsent } from '../../../lib/subscribe';

const byDeadline = (a: RequestSummary, b: RequestSummary) => Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt);

/** Liaisons: requests of their department nobody has claimed yet, least time left first. */
export default function PoolPage() {
  useMe();
  const list = useLoader(async () => (await api.requests.list('pool')).sort(byDeadline));
  const [claiming, setClaiming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const claim = async (id: string) => {
    if (claiming) return;
    setClaiming(id);
    setError(null);
    try {
      await api.requests.claim(id);
      askSubscribeConsent('todo');
      void Taro.showToast({ title: '已认领', icon: 'success' });
      openDetail(id);
    } catch (err) {
      // e.g. 409: someone else was faster. Show why and refresh the pool.
      setError(errorText(err));
      void list.reload();
    } finally {
      setClaiming(null);
    }
  };

  return (
    <View className="page list-page">
      <View className="toolbar">
        <ActionButton className="refresh-button" small primary={false} busy={list.loading} onClick={list.reload}>
          刷新
        </ActionButton>
      </View>
      <ErrorMessage message={error ?? list.error} />
      {list.data && list.data.length === 0 ? <EmptyState text="暂无待认领的诉求" /> : null}
      {(list.data ?? []).map((item) => (
        <RequestCard key={item.id} item={item} className="pool-item" onOpen={openDetail}>
          <ActionButton className="claim-button" small busy={claiming === item.id} onClick={() => void claim(item.id)}>
            认领
          </ActionButton>
        </RequestCard>
      ))}
    </View>
  );
}
