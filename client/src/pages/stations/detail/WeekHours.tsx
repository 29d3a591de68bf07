import { Text, View } from '@tarojs/components';
import { dayHoursText, WEEK_ORDER, WEEKDAY_LABELS } from '../../../lib/stationText';

/** The week's hours, 周一 to 周日 (`.week-hours`, one `.week-day` each); the data is Sunday first. */
export function WeekHours({ weekly }: { weekly: { open: string; close: string }[][] }) {
  return (
    <View className="week-hours">
      {WEEK_ORDER.map((day) => (
        <View key={day} className="week-day">
          <Text className="week-day-name">{WEEKDAY_LABELS[day]}</Text>
          <Text className="week-day-hours">{dayHoursText(weekly[day] ?? [])}</Text>
        </View>
      ))}
    </View>
  );
}
