import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { LedgerExport, LedgerExportInput } from '@parklink/contract';
import { api, errorText } from '../../api';
import { useLoader } from '../../hooks/useLoader';

/** How often a running export is asked about. */
export const POLL_MS = 2000;

export interface LedgerExports {
  /** The export started on this page, kept on top while it runs and after. */
  current: LedgerExport | null;
  /** Earlier exports (newest first), without the current one. */
  earlier: LedgerExport[] | null;
  error: string | null;
  /** A failed status check: shown, and the next one still comes. */
  pollError: string | null;
  starting: boolean;
  start(input: LedgerExportInput): Promise<void>;
}

/**
 * The ledger exports: the list (on show), the one started here, and every 2 s a fresh read of each
 * running one — only while the page shows (a hidden page in h5 stays mounted, so hide stops it too).
 */
export function useLedgerExports(): LedgerExports {
  const list = useLoader(() => api.ledger.list());
  const [current, setCurrent] = useState<LedgerExport | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  // A poll that changes nothing must still schedule the next one.
  const [round, setRound] = useState(0);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  const listRef = useRef(list.data);
  listRef.current = list.data;
  const running = [...(current ? [current] : []), ...(list.data ?? [])].filter((e) => e.status === 'running');
  const runningIds = [...new Set(running.map((e) => e.id))].join(',');

  useEffect(() => {
    if (!visible || !runningIds) return;
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all(
        runningIds.split(',').map((id) =>
          api.ledger.get(id).catch((err: unknown) => {
            if (live) setPollError(errorText(err));
            return null;
          }),
        ),
      ).then((answers) => {
        if (!live) return;
        const fresh = new Map(answers.filter((a): a is LedgerExport => !!a).map((a) => [a.id, a]));
        if (fresh.size === answers.length) setPollError(null);
        setCurrent((c) => (c && fresh.get(c.id)) || c);
        if (listRef.current) list.setData(listRef.current.map((e) => fresh.get(e.id) ?? e));
        setRound((r) => r + 1);
      });
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `list.setData` is stable enough for this: it is React's state setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, runningIds, round]);

  const start = async (input: LedgerExportInput) => {
    setStarting(true);
    setStartError(null);
    try {
      const started = await api.ledger.create(input);
      // The one made before on this page joins the earlier ones (the list was read before it existed).
      if (current) list.setData([current, ...(listRef.current ?? []).filter((e) => e.id !== current.id)]);
      setCurrent(started);
    } catch (err) {
      setStartError(errorText(err));
    } finally {
      setStarting(false);
    }
  };

  const earlier = list.data ? list.data.filter((e) => e.id !== current?.id) : null;
  return { current, earlier, error: startError ?? list.error, pollError, starting, start };
}
