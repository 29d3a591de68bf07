import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, errorText } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListFilters, LoadMore } from '../../../components/ListFilters';
import { RequestCard } from '../../../components/RequestCard';
import { useLoader } from '../../../hooks/useLoader';
import { useRequestList, type ListFilter } from '../../../hooks/useRequestList';
import { useMe } from '../../../hooks/useSession';
import { LIAISON_SCOPES, emptyText } from '../../../lib/listText';
import { openDetail } from '../../../lib/nav';
import { askSubscribeConsent } from '../../../lib/subscribe';

/**
 * Liaisons: requests of their department nobody has claimed yet, least time left first (the API
 * sorts); the same tabs, search and filters as 我认领的.
 */
export default function PoolPage() {
  useMe();
  const [filter, setFilter] = useState<ListFilter>({ scope: 'pool' });
  const list = useRequestList(filter);
  const categories = useLoader(() => api.categories());
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
      <ListFilters filter={filter} onChange={setFilter} scopes={LIAISON_SCOPES} categories={categories.data ?? []} />
      <ErrorMessage message={error ?? list.error} />
      {list.items && list.items.length === 0 && !list.loading ? <EmptyState text={emptyText(filter, false)} /> : null}
      {(list.items ?? []).map((item) =>
        filter.scope === 'pool' ? (
          <RequestCard key={item.id} item={item} className="pool-item" onOpen={openDetail}>
            <ActionButton className="claim-button" small busy={claiming === item.id} onClick={() => void claim(item.id)}>
              认领
            </ActionButton>
          </RequestCard>
        ) : (
          <RequestCard key={item.id} item={item} className="request-item" onOpen={openDetail} />
        ),
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} count={list.items?.length ?? 0} onMore={() => void list.loadMore()} />
    </View>
  );
}
