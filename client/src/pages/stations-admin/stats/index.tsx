import '../admin.css';
import { Picker, ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { chinaMonth } from '../../../lib/chinaTime';

/**
 * The park admin: riders served (counted check-ins) per station per month (`.stats-table`, one
 * `.stats-row` per station, `.stats-total`), months chosen with `.stats-from` / `.stats-to`.
 */
export default function StationStatsPage() {
  useMe();
  const [from, setFrom] = useState(() => chinaMonth(5));
  const [to, setTo] = useState(() => chinaMonth(0));
  const { data, error, reload } = useLoader(() => api.managedStations.stats(from, to));
  const first = useRef(true);
  // The page's show loads the first months; a new choice loads again.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [from, to, reload]);
  const change = (which: 'from' | 'to', month: string) => (which === 'from' ? setFrom(month) : setTo(month));

  return (
    <View className="page stats-page">
      <View className="filter-row">
        <Picker className="stats-from" mode="date" fields="month" value={from} onChange={(e) => change('from', String(e.detail.value).slice(0, 7))}>
          <View className="filter-chip">从 {from} ▾</View>
        </Picker>
        <Picker className="stats-to" mode="date" fields="month" value={to} onChange={(e) => change('to', String(e.detail.value).slice(0, 7))}>
          <View className="filter-chip">到 {to} ▾</View>
        </Picker>
      </View>
      <ErrorMessage message={error} />
      {data && data.stations.length === 0 ? <EmptyState text="还没有驿站" /> : null}
      {data && data.stations.length ? (
        <ScrollView className="section stats-scroll" scrollX>
          <View className="stats-table">
            <View className="stats-row stats-head">
              <Text className="stats-name">驿站</Text>
              {data.months.map((m) => (
                <Text key={m} className="stats-cell">
                  {m.slice(2)}
                </Text>
              ))}
              <Text className="stats-cell stats-total">合计</Text>
            </View>
            {data.stations.map((s) => (
              <View key={s.id} className="stats-row">
                <Text className="stats-name">{s.name}</Text>
                {s.counts.map((c, i) => (
                  <Text key={data.months[i]} className="stats-cell">
                    {c}
                  </Text>
                ))}
                <Text className="stats-cell stats-total">{s.total}</Text>
              </View>
            ))}
          </View>
        </ScrollView>
      ) : null}
    </View>
  );
}
