import '../dashboard.css';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open } from '../../../lib/nav';
import { chinaToday, periodText, presetPeriod, type Period } from '../format';
import { PeriodPicker } from '../PeriodPicker';
import { CasesPanel, CoveragePanel, MarketPanel, StationsPanel } from '../ParkPanels';
import { BusiestDepartments, OverdueList, RequestBars, RequestFigures } from '../RequestPanels';

/**
 * 数据看板 for the park admin: a period (本月 by default), then the period's requests, what is overdue
 * now, the busiest departments, the market, co-building, stations and the alliance's coverage.
 * One column on a phone, two on a wide screen (dashboard.css).
 */
export default function DashboardPage() {
  useMe();
  const today = chinaToday();
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month', today));
  // The loader reads the period through a ref: it is made once, the period changes.
  const query = useRef(period);
  query.current = period;
  const { data, loading, error, reload } = useLoader(async () => {
    // Chips tapped quickly start loads that may answer out of order: end with the latest period's.
    for (;;) {
      const asked = query.current;
      const answer = await api.dashboard.get(asked);
      if (asked === query.current) return answer;
    }
  });
  // Overdue durations are as of the answer, not of the first render.
  const [loadedAt, setLoadedAt] = useState(Date.now());
  useEffect(() => setLoadedAt(Date.now()), [data]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [period, reload]);

  return (
    <View className="page dashboard-page">
      <PeriodPicker
        value={period}
        today={today}
        onChange={setPeriod}
        extra={
          <Text className="dash-ledger-link" onClick={() => open(`${PAGES.ledger}?from=${period.from}&to=${period.to}`)}>
            台账导出 ›
          </Text>
        }
      />
      <ErrorMessage message={error} />
      {data ? (
        <>
          <Text className="dash-period">
            {periodText(data)}
            {loading ? ' · 更新中…' : ''}
          </Text>
          {/* Two columns on a wide screen: the requests on the left, the rest of the park on the right. */}
          <View className="dash-columns">
            <View className="dash-column">
              <RequestFigures requests={data.requests} />
              <OverdueList items={data.overdueNow} now={loadedAt} />
              <RequestBars requests={data.requests} />
              <BusiestDepartments items={data.busiestDepartments} />
            </View>
            <View className="dash-column">
              <MarketPanel market={data.market} />
              <CasesPanel cases={data.cases} />
              <StationsPanel stations={data.stations} />
              <CoveragePanel coverage={data.coverage} />
            </View>
          </View>
        </>
      ) : error ? null : (
        <Text className="hint dash-loading">加载中…</Text>
      )}
    </View>
  );
}
