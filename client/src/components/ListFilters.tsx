import { Input, Picker, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { requestStatusLabels, RequestStatus, type Category, type RequestScope } from '@parklink/contract';
import type { ListFilter } from '../hooks/useRequestList';

export const SCOPE_LABELS: Record<RequestScope, string> = {
  mine: '我的',
  pool: '待认领',
  overdue: '已超时',
  done: '已办结',
};

const STATUSES = RequestStatus.options;

/**
 * Above a request list: the scope tabs (liaisons: `.scope-mine`, `.scope-pool`, `.scope-overdue`,
 * `.scope-done`), a search box (`.search-input`; searches 0.4 s after typing stops or on Enter), a
 * status picker (`.filter-status`) and a category picker (`.filter-category`).
 */
export function ListFilters({
  filter,
  onChange,
  scopes,
  categories,
}: {
  filter: ListFilter;
  onChange: (next: ListFilter) => void;
  /** The tabs to offer; none for enterprises (their only list is their own). */
  scopes?: RequestScope[];
  categories: Category[];
}) {
  const [text, setText] = useState(filter.q ?? '');
  const latest = useRef({ filter, onChange });
  latest.current = { filter, onChange };

  useEffect(() => {
    const q = text.trim() || undefined;
    if (q === latest.current.filter.q) return;
    const timer = setTimeout(() => latest.current.onChange({ ...latest.current.filter, q }), 400);
    return () => clearTimeout(timer);
  }, [text]);

  const search = () => {
    const q = text.trim() || undefined;
    if (q !== filter.q) onChange({ ...filter, q });
  };

  const statusIndex = filter.status ? STATUSES.indexOf(filter.status) + 1 : 0;
  const categoryIndex = filter.categoryId ? categories.findIndex((c) => c.id === filter.categoryId) + 1 : 0;
  const active = !!(filter.status || filter.categoryId || filter.q);

  return (
    <View className="list-filters">
      {scopes && scopes.length > 1 ? (
        <View className="scope-tabs">
          {scopes.map((s) => (
            <Text
              key={s}
              className={`scope-tab scope-${s} ${filter.scope === s ? 'scope-tab-on' : ''}`}
              onClick={() => {
                if (filter.scope !== s) onChange({ ...filter, scope: s, status: undefined });
              }}
            >
              {SCOPE_LABELS[s]}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="search-row">
        <Input
          className="input search-input"
          value={text}
          confirmType="search"
          maxlength={50}
          placeholder="搜索标题或说明"
          onInput={(e) => setText(e.detail.value)}
          onConfirm={search}
        />
        {text ? (
          <Text className="search-clear" onClick={() => setText('')}>
            清除
          </Text>
        ) : null}
      </View>
      <View className="filter-row">
        <Picker
          className="filter-status"
          mode="selector"
          range={['全部状态', ...STATUSES.map((s) => requestStatusLabels[s])]}
          value={statusIndex}
          onChange={(e) => {
            const i = Number(e.detail.value);
            onChange({ ...filter, status: i > 0 ? STATUSES[i - 1] : undefined });
          }}
        >
          <View className={`filter-chip ${filter.status ? 'filter-chip-on' : ''}`}>
            {filter.status ? requestStatusLabels[filter.status] : '全部状态'} ▾
          </View>
        </Picker>
        <Picker
          className="filter-category"
          mode="selector"
          range={['全部类别', ...categories.map((c) => c.name)]}
          value={categoryIndex}
          onChange={(e) => {
            const i = Number(e.detail.value);
            onChange({ ...filter, categoryId: i > 0 ? categories[i - 1]?.id : undefined });
          }}
        >
          <View className={`filter-chip ${filter.categoryId ? 'filter-chip-on' : ''}`}>
            {categories.find((c) => c.id === filter.categoryId)?.name ?? '全部类别'} ▾
          </View>
        </Picker>
        {active ? (
          <Text
            className="filter-reset"
            onClick={() => {
              setText('');
              onChange({ scope: filter.scope });
            }}
          >
            重置
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** Below a list: `.load-more` while there is a next page, or the end-of-list line. */
export function LoadMore({ hasMore, loading, count, onMore }: { hasMore: boolean; loading: boolean; count: number; onMore: () => void }) {
  if (hasMore) {
    return (
      <View className={`load-more ${loading ? 'load-more-busy' : ''}`} onClick={loading ? undefined : onMore}>
        <Text>{loading ? '加载中…' : '加载更多'}</Text>
      </View>
    );
  }
  return count > 0 ? <Text className="list-end">没有更多了</Text> : null;
}
