import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListFilters, LoadMore } from '../../../components/ListFilters';
import { RequestCard } from '../../../components/RequestCard';
import { useLoader } from '../../../hooks/useLoader';
import { useRequestList, type ListFilter } from '../../../hooks/useRequestList';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open, openDetail } from '../../../lib/nav';
import { LIAISON_SCOPES, emptyText } from '../../../lib/listText';
import { isEnterprise } from '../../../lib/roles';

/**
 * Enterprises: their own requests. Liaisons: the ones they claimed (open, least time left first),
 * with tabs for the pool, the department's overdue ones and their closed ones. Search, status and
 * category filters, and 加载更多 by cursor.
 */
export default function MinePage() {
  const me = useMe();
  const [filter, setFilter] = useState<ListFilter>({ scope: 'mine' });
  const list = useRequestList(filter);
  const categories = useLoader(() => api.categories());
  const enterprise = isEnterprise(me);

  useDidShow(() => {
    void Taro.setNavigationBarTitle({ title: enterprise ? '我的诉求' : '我认领的' });
  });

  return (
    <View className="page list-page">
      <View className="toolbar">
        <ActionButton className="refresh-button" small primary={false} busy={list.loading} onClick={list.reload}>
          刷新
        </ActionButton>
        {enterprise ? (
          <ActionButton small onClick={() => open(PAGES.submit)}>
            提交诉求
          </ActionButton>
        ) : null}
      </View>
      <ListFilters filter={filter} onChange={setFilter} scopes={enterprise || !me ? undefined : LIAISON_SCOPES} categories={categories.data ?? []} />
      <ErrorMessage message={list.error} />
      {list.items && list.items.length === 0 && !list.loading ? <EmptyState text={emptyText(filter, enterprise)} /> : null}
      {(list.items ?? []).map((item) => (
        <RequestCard key={item.id} item={item} className="request-item" onOpen={openDetail} />
      ))}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} count={list.items?.length ?? 0} onMore={() => void list.loadMore()} />
    </View>
  );
}
