import { Text, View } from '@tarojs/components';
import type { SlaSpec } from '@parklink/contract';
import { OneOf, TextInput } from '../Form';

export interface SlaDraft {
  unit: SlaSpec['unit'];
  amount: string;
}

const UNITS: { key: SlaSpec['unit']; label: string }[] = [
  { key: 'hours', label: '小时' },
  { key: 'working_days', label: '个工作日' },
];

/** A deadline as a number and its unit (`.admin-sla-<name>`: `.admin-sla-amount`, `.admin-sla-unit`). */
export function SlaInput({ name, value, onChange }: { name: string; value: SlaDraft; onChange: (next: SlaDraft) => void }) {
  return (
    <View className={`admin-sla admin-sla-${name}`}>
      <View className="admin-sla-amount">
        <TextInput number value={value.amount} maxlength={4} placeholder="数字" onInput={(amount) => onChange({ ...value, amount })} />
      </View>
      <OneOf options={UNITS} value={value.unit} className="admin-sla-unit" onChange={(unit) => onChange({ ...value, unit })} />
      <Text className="admin-sla-within">内</Text>
    </View>
  );
}

/** The draft as a SlaSpec, or the reason it is not one. */
export function toSla(d: SlaDraft): SlaSpec | string {
  const amount = Number(d.amount);
  if (!/^\d+$/.test(d.amount.trim()) || amount < 1 || amount > 1000) return '请填写 1–1000 的整数';
  return { unit: d.unit, amount };
}

export const slaDraft = (s?: SlaSpec): SlaDraft => (s ? { unit: s.unit, amount: String(s.amount) } : { unit: 'working_days', amount: '' });
