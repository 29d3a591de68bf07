import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
  setData: (data: T) => void;
}

/** Loads data when the page shows (or mounts) and on pull-down refresh; keeps the last good data on error. */
export function useLoader<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const started = useRef(false);

  const reload = useCallback(async () => {
    started.current = true;
    setLoading(true);
    setError(null);
    try {
      setData(await loadRef.current());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useDidShow(() => {
    void reload();
  });
  // In h5 a page that mounts while another page is still animating may miss its first onShow
  // (it stayed blank in the browser tests): load on mount when onShow has not started a load.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!started.current) void reload();
    }, 300);
    return () => clearTimeout(timer);
  }, [reload]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { data, loading, error, reload, setData };
}
