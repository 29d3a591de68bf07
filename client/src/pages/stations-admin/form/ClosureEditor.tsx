import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '../../../components/FieldError';
import { chinaParts, chinaShort, fromChinaParts } from '../../../lib/chinaTime';
import type { ClosureValue, FormErrors } from './values';

const today = () => chinaParts(new Date().toISOString()).date;

/**
 * Temporary closures (`.closure-item` with `.closure-remove`); a new one from date + time to date +
 * time (China time) with an optional reason (`.closure-reason`), added with `.closure-add`. Sent
 * with 保存.
 */
export function ClosureEditor({ closures, errors, onChange }: { closures: ClosureValue[]; errors: FormErrors; onChange: (c: ClosureValue[]) => void }) {
  const [fromDate, setFromDate] = useState(today);
  const [fromTime, setFromTime] = useState('00:00');
  const [toDate, setToDate] = useState(today);
  const [toTime, setToTime] = useState('23:59');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const add = () => {
    const from = fromChinaParts(fromDate, fromTime);
    const to = fromChinaParts(toDate, toTime);
    if (!from || !to) return setProblem('请选择开始和结束时间');
    if (Date.parse(from) >= Date.parse(to)) return setProblem('结束时间应晚于开始时间');
    setProblem(undefined);
    onChange([...closures, { from, to, ...(reason.trim() ? { reason: reason.trim() } : {}) }]);
    setReason('');
  };

  return (
    <View className="closure-editor">
      {closures.length === 0 ? <Text className="hint">没有临时闭站</Text> : null}
      {closures.map((c, i) => (
        <View key={`${c.from}-${i}`} className="closure-item">
          <Text className="closure-text">
            {chinaShort(c.from)} 至 {chinaShort(c.to)}
            {c.reason ? ` · ${c.reason}` : ''}
          </Text>
          <Text className="closure-remove" onClick={() => onChange(closures.filter((_, j) => j !== i))}>
            删除
          </Text>
          <FieldError message={errors[`closures.${i}.to`] ?? errors[`closures.${i}.reason`] ?? errors[`closures.${i}`]} />
        </View>
      ))}
      <FieldError message={errors.closures} />
      <View className="closure-new">
        <View className="closure-row">
          <Text className="closure-label">从</Text>
          <Picker className="closure-from-date" mode="date" value={fromDate} onChange={(e) => setFromDate(String(e.detail.value))}>
            <View className="picker closure-picker">{fromDate}</View>
          </Picker>
          <Picker className="closure-from-time" mode="time" value={fromTime} onChange={(e) => setFromTime(String(e.detail.value))}>
            <View className="picker closure-picker">{fromTime}</View>
          </Picker>
        </View>
        <View className="closure-row">
          <Text className="closure-label">到</Text>
          <Picker className="closure-to-date" mode="date" value={toDate} onChange={(e) => setToDate(String(e.detail.value))}>
            <View className="picker closure-picker">{toDate}</View>
          </Picker>
          <Picker className="closure-to-time" mode="time" value={toTime} onChange={(e) => setToTime(String(e.detail.value))}>
            <View className="picker closure-picker">{toTime}</View>
          </Picker>
        </View>
        <Input className="input closure-reason" value={reason} maxlength={60} placeholder="闭站原因（可不填）" onInput={(e) => setReason(e.detail.value)} />
        <FieldError message={problem} />
        <Text className="closure-add" onClick={add}>
          ＋ 添加临时闭站
        </Text>
      </View>
    </View>
  );
}
