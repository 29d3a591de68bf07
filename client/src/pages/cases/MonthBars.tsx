import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CaseSummary } from '@parklink/contract';
import { wan } from './format';

type Metric = 'cases' | 'amountFen' | 'savedFen';
const METRICS: { key: Metric; label: string }[] = [
  { key: 'cases', label: '案例数' },
  { key: 'amountFen', label: '融资金额（万元）' },
  { key: 'savedFen', label: '减免退税（万元）' },
];

/**
 * One bar per month (`.month-bar`, `data-month`), drawn with Views and percentage heights, so it is
 * the same in weapp and h5; `.chart-metric` switches between cases and amounts.
 */
export function MonthBars({ months }: { months: CaseSummary['byMonth'] }) {
  const [metric, setMetric] = useState<Metric>('cases');
  const value = (m: CaseSummary['byMonth'][number]) => m[metric];
  const max = Math.max(1, ...months.map(value));
  const text = (n: number) => (metric === 'cases' ? String(n) : wan(n));
  return (
    <View className="section month-chart">
      <Text className="section-title">按月</Text>
      <View className="choice-list">
        {METRICS.map((m) => (
          <Text key={m.key} className={`choice chart-metric chart-metric-${m.key} ${metric === m.key ? 'choice-on' : ''}`} onClick={() => setMetric(m.key)}>
            {m.label}
          </Text>
        ))}
      </View>
      <View className="month-bars">
        {months.map((m) => (
          <View key={m.month} className={`month-bar month-bar-${m.month}`}>
            {value(m) ? <Text className="month-bar-value">{text(value(m))}</Text> : null}
            <View className="month-bar-fill" style={{ height: `${(value(m) / max) * 100}%` }} />
          </View>
        ))}
      </View>
      <View className="month-labels">
        {months.map((m) => (
          <Text key={m.month} className="month-label">
            {months.length > 6 ? m.month.slice(5) : m.month.slice(2)}
          </Text>
        ))}
      </View>
    </View>
  );
}
