import { Picker, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PRESETS, presetLabels, presetOf, presetPeriod, type Period } from './format';

/**
 * 本月 / 上月 / 本季度 / 本年 (`.period-preset-<name>`), or any dates with the two date pickers
 * (`.period-from`, `.period-to`); each picker keeps its end on the right side of the other.
 * `extra` ends the dates' row (the dashboard's link to the ledger).
 */
export function PeriodPicker({ value, today, onChange, extra }: { value: Period; today: string; onChange: (p: Period) => void; extra?: ReactNode }) {
  const current = presetOf(value, today);
  return (
    <View className="period-picker">
      <View className="choice-list period-presets">
        {PRESETS.map((p) => (
          <Text key={p} className={`choice period-preset period-preset-${p} ${current === p ? 'choice-on' : ''}`} onClick={() => onChange(presetPeriod(p, today))}>
            {presetLabels[p]}
          </Text>
        ))}
        {/* Not a button: it only says that the dates below were picked by hand. */}
        {current ? null : <Text className="choice choice-on period-custom">自定义</Text>}
      </View>
      <View className="period-dates">
        <Picker className="period-from" mode="date" value={value.from} end={value.to} onChange={(e) => onChange({ ...value, from: String(e.detail.value) })}>
          <View className="filter-chip">从 {value.from} ▾</View>
        </Picker>
        <Picker className="period-to" mode="date" value={value.to} start={value.from} onChange={(e) => onChange({ ...value, to: String(e.detail.value) })}>
          <View className="filter-chip">到 {value.to} ▾</View>
        </Picker>
        {extra}
      </View>
    </View>
  );
}
