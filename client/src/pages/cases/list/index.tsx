import '../cases.css';
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { CaseKind, CaseStatus, caseKindLabels, caseStatusLabels, type CoBuildingCase } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open } from '../../../lib/nav';
import { CaseCard } from '../CaseCard';
import { chinaToday } from '../format';
import { useCaseKind } from '../useCaseKind';

interface Filter {
  kind?: CaseKind;
  status?: CaseStatus;
  from?: string;
  to?: string;
}

/**
 * The cases the user may see (`.case-item`), filtered by kind (`.filter-kind`), status
 * (`.filter-case-status`) and period (`.filter-from` / `.filter-to`); 新建 (`.case-new`) for bank
 * and tax liaisons; 统计 (`.case-summary-open`).
 */
export default function CaseListPage() {
  const me = useMe();
  const kind = useCaseKind(me);
  const [filter, setFilter] = useState<Filter>({});
  const [more, setMore] = useState<CoBuildingCase[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [moreError, setMoreError] = useState<string | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const list = useLoader(async () => {
    const page = await api.cases.list({ ...filterRef.current });
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  });
  const first = useRef(true);
  const { reload } = list;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [filter, reload]);

  const set = (patch: Filter) => setFilter((f) => ({ ...f, ...patch }));
  const loadMore = async () => {
    if (!cursor) return;
    setMoreError(null);
    try {
      const page = await api.cases.list({ ...filter, cursor });
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setMoreError(errorText(err));
    }
  };
  const items = [...(list.data ?? []), ...more];

  return (
    <View className="page case-list-page">
      <View className="toolbar">
        {kind ? (
          <TapButton className="case-new" small onClick={() => open(PAGES.caseEdit)}>
            新建{caseKindLabels[kind]}案例
          </TapButton>
        ) : null}
        <TapButton className="case-summary-open" small primary={false} onClick={() => open(PAGES.caseSummary)}>
          成效统计
        </TapButton>
      </View>
      <View className="choice-list">
        {([undefined, ...CaseKind.options] as (CaseKind | undefined)[]).map((k) => (
          <Text key={k ?? 'all'} className={`choice filter-kind ${filter.kind === k ? 'choice-on' : ''}`} onClick={() => set({ kind: k })}>
            {k ? caseKindLabels[k] : '全部类型'}
          </Text>
        ))}
      </View>
      <View className="choice-list">
        {([undefined, ...CaseStatus.options] as (CaseStatus | undefined)[]).map((s) => (
          <Text key={s ?? 'all'} className={`choice filter-case-status ${filter.status === s ? 'choice-on' : ''}`} onClick={() => set({ status: s })}>
            {s ? caseStatusLabels[s] : '全部状态'}
          </Text>
        ))}
      </View>
      <View className="filter-row">
        <Picker className="filter-from" mode="date" value={filter.from ?? chinaToday()} onChange={(e) => set({ from: String(e.detail.value) })}>
          <View className="filter-chip">从 {filter.from ?? '不限'} ▾</View>
        </Picker>
        <Picker className="filter-to" mode="date" value={filter.to ?? chinaToday()} onChange={(e) => set({ to: String(e.detail.value) })}>
          <View className="filter-chip">到 {filter.to ?? '不限'} ▾</View>
        </Picker>
        {filter.from || filter.to ? (
          <Text className="filter-reset" onClick={() => set({ from: undefined, to: undefined })}>
            清除日期
          </Text>
        ) : null}
      </View>
      <ErrorMessage message={list.error} />
      {list.data && items.length === 0 ? <EmptyState text="还没有共建案例" /> : null}
      {items.map((c) => (
        <CaseCard key={c.id} c={c} onOpen={() => open(`${PAGES.caseDetail}?id=${encodeURIComponent(c.id)}`)} />
      ))}
      <ErrorMessage message={moreError} />
      {cursor ? (
        <Text className="load-more" onClick={() => void loadMore()}>
          加载更多
        </Text>
      ) : list.data && items.length ? (
        <Text className="list-end">没有更多了</Text>
      ) : null}
      {list.loading && !list.data ? <Text className="hint">加载中…</Text> : null}
    </View>
  );
}
