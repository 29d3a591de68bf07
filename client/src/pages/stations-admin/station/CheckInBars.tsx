import { Text, View } from '@tarojs/components';
import type { CheckInStats } from '@parklink/contract';

/** Check-ins per day, newest first, as bars (`.checkin-stats`, `.checkin-day`, `.checkin-total`). */
export function CheckInBars({ stats }: { stats: CheckInStats | null }) {
  if (!stats) return null;
  const max = Math.max(1, ...stats.days.map((d) => d.count));
  return (
    <View className="section checkin-stats">
      <Text className="section-title">近 {stats.days.length} 天打卡</Text>
      <Text className="hint checkin-total">共 {stats.total} 人次</Text>
      {[...stats.days].reverse().map((d) => (
        <View key={d.date} className="checkin-day">
          <Text className="checkin-date">{d.date.slice(5)}</Text>
          <View className="checkin-track">
            <View className="checkin-bar" style={{ width: `${(d.count / max) * 100}%` }} />
          </View>
          <Text className="checkin-count">{d.count}</Text>
        </View>
      ))}
    </View>
  );
}
