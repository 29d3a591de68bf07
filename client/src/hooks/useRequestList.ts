import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestScope, RequestStatus, RequestSummary } from '@parklink/contract';
import { api, errorText } from '../api';
import { REQUEST_PAGE_SIZE } from '../lib/requestQuery';

export interface ListFilter {
  scope: RequestScope;
  status?: RequestStatus;
  categoryId?: string;
  /** Words in the title or description. */
  q?: string;
}

export interface RequestListState {
  items: RequestSummary[] | null;
  loading: boolean;
  /** A next page is being fetched. */
  loadingMore: boolean;
  hasMore: boolean;
  error: string | null;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * One request list with its filter: the first page on show, on pull-down and whenever the filter
 * changes; then page by page with the opaque cursor. Answers to an older filter are dropped.
 */
export function useRequestList(filter: ListFilter): RequestListState {
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  /** Bumped by every first-page load: a late answer for an older one is ignored. */
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api.requests.page({ ...filterRef.current, limit: REQUEST_PAGE_SIZE });
      if (mine !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(errorText(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await api.requests.page({ ...filterRef.current, limit: REQUEST_PAGE_SIZE, cursor });
      if (mine !== generation.current) return;
      setItems((prev) => {
        const seen = new Set((prev ?? []).map((i) => i.id));
        return [...(prev ?? []), ...page.items.filter((i) => !seen.has(i.id))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(errorText(err));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, loadingMore]);

  // First load and every filter change (search text is debounced by the caller).
  useEffect(() => {
    void reload();
  }, [key, reload]);
  const shown = useRef(false);
  useDidShow(() => {
    // The mount effect did the first load; later shows (back from a detail) refresh.
    if (shown.current) void reload();
    shown.current = true;
  });
  // Mini-program: scrolling to the bottom loads the next page too.
  useReachBottom(() => {
    void loadMore();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { items, loading, loadingMore, hasMore: !!cursor, error, reload, loadMore };
}
