import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../../api';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A list loaded by cursor: reloads when `key` changes (filters, tab), on show and pull-down;
 * `more()` appends the next page. A newer load drops the late answers of an older one.
 */
export function usePaged<T extends { id: string }>(key: string, load: (cursor?: string) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await loadRef.current();
      if (mine !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      if (mine === generation.current) setError(errorText(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  const more = useCallback(async () => {
    if (!cursor || loading) return;
    const mine = generation.current;
    setLoading(true);
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setItems((prev) => [...prev, ...page.items.filter((n) => !prev.some((p) => p.id === n.id))]);
      setCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(errorText(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [cursor, loading]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      // The first load comes from onShow (or this timer when h5 misses it, like useLoader).
      const timer = setTimeout(() => {
        if (generation.current === 0) void reload();
      }, 300);
      return () => clearTimeout(timer);
    }
    setItems([]);
    setCursor(undefined);
    setLoaded(false);
    void reload();
    return undefined;
  }, [key, reload]);
  useDidShow(() => void reload());
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void more());

  return { items, cursor, loading, loaded, error, reload, more };
}
