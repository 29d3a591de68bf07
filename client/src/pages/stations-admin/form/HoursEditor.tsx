import { Input, Text, View } from '@tarojs/components';
import { FieldError } from '../../../components/FieldError';
import { WEEK_ORDER, WEEKDAY_LABELS } from '../../../lib/stationText';
import type { FormErrors, Interval } from './values';

const MAX_INTERVALS = 4;

/**
 * Hours per weekday, 周一 first (`.hours-day-<0–6>`, Sunday = 0 like the data), each with up to four
 * intervals (`.hours-open`, `.hours-close` as HH:MM; a close at or before the open runs overnight),
 * `.hours-add`, `.hours-remove`, and `.hours-copy-all` (周一's hours to every day).
 */
export function HoursEditor({ weekly, errors, onChange }: { weekly: Interval[][]; errors: FormErrors; onChange: (w: Interval[][]) => void }) {
  const setDay = (day: number, intervals: Interval[]) => onChange(weekly.map((d, i) => (i === day ? intervals : d)));
  const setTime = (day: number, index: number, key: keyof Interval, value: string) =>
    setDay(
      day,
      (weekly[day] ?? []).map((it, i) => (i === index ? { ...it, [key]: value.trim() } : it)),
    );

  return (
    <View className="hours-editor">
      {WEEK_ORDER.map((day) => {
        const intervals = weekly[day] ?? [];
        return (
          <View key={day} className={`hours-day hours-day-${day}`}>
            <View className="hours-day-head">
              <Text className="hours-day-name">{WEEKDAY_LABELS[day]}</Text>
              {intervals.length === 0 ? <Text className="hint hours-rest">休息</Text> : null}
              {intervals.length < MAX_INTERVALS ? (
                <Text className="hours-add" onClick={() => setDay(day, [...intervals, { open: '08:00', close: '20:00' }])}>
                  ＋ 时段
                </Text>
              ) : null}
            </View>
            {intervals.map((it, index) => {
              const path = `weekly.${day}.${index}`;
              const overnight = it.close <= it.open && !(it.open === '00:00' && it.close === '00:00');
              return (
                <View key={index} className="hours-interval">
                  <View className="hours-row">
                    <Input
                      className="input hours-input hours-open"
                      value={it.open}
                      maxlength={5}
                      placeholder="08:00"
                      onInput={(e) => setTime(day, index, 'open', e.detail.value)}
                    />
                    <Text className="hours-dash">至</Text>
                    <Input
                      className="input hours-input hours-close"
                      value={it.close}
                      maxlength={5}
                      placeholder="20:00"
                      onInput={(e) => setTime(day, index, 'close', e.detail.value)}
                    />
                    {overnight ? <Text className="hours-overnight">次日</Text> : null}
                    <Text className="hours-remove" onClick={() => setDay(day, intervals.filter((_, i) => i !== index))}>
                      删除
                    </Text>
                  </View>
                  <FieldError message={errors[`${path}.open`] ?? errors[`${path}.close`] ?? errors[path]} />
                </View>
              );
            })}
            <FieldError message={errors[`weekly.${day}`]} />
          </View>
        );
      })}
      <FieldError message={errors.weekly} />
      <Text className="hours-copy-all" onClick={() => onChange(weekly.map(() => (weekly[1] ?? []).map((i) => ({ ...i }))))}>
        把周一的时段用于每天
      </Text>
    </View>
  );
}
