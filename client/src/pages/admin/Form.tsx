import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { FieldError } from '../../components/FieldError';

/** One form row (`.admin-field-<name>`): label, the control, a hint and the server's message for it. */
export function Field({ name, label, error, hint, children }: { name: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`admin-field admin-field-${name}`}>
      <Text className="label">{label}</Text>
      {children}
      {hint ? <Text className="hint">{hint}</Text> : null}
      <FieldError message={error} />
    </View>
  );
}

export function TextInput({ value, onInput, placeholder, maxlength = 40, number }: { value: string; onInput: (v: string) => void; placeholder?: string; maxlength?: number; number?: boolean }) {
  return <Input className="input" type={number ? 'number' : 'text'} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />;
}

export interface Option<K extends string> {
  key: K;
  label: string;
}

/** One-of choices as chips: `.<className>` each, `.choice-on` on the chosen one. */
export function OneOf<K extends string>({ options, value, className, onChange }: { options: Option<K>[]; value: K | ''; className: string; onChange: (k: K) => void }) {
  return (
    <View className="choice-list admin-choices">
      {options.map((o) => (
        <Text key={o.key} className={`choice ${className} ${value === o.key ? 'choice-on' : ''}`} onClick={() => onChange(o.key)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

/** Several-of choices as chips (a ✓ marks the chosen ones, not only colour). */
export function SomeOf({ options, selected, className, onChange }: { options: Option<string>[]; selected: string[]; className: string; onChange: (next: string[]) => void }) {
  return (
    <View className="choice-list admin-choices">
      {options.map((o) => {
        const on = selected.includes(o.key);
        return (
          <Text key={o.key} className={`choice ${className} ${on ? 'choice-on' : ''}`} onClick={() => onChange(on ? selected.filter((k) => k !== o.key) : [...selected, o.key])}>
            {on ? `✓ ${o.label}` : o.label}
          </Text>
        );
      })}
    </View>
  );
}

/** Strings as chip options. */
export const asOptions = (list: string[]): Option<string>[] => list.map((s) => ({ key: s, label: s }));

/** A form panel (`.admin-form`) with its title and a 取消 link. */
export function Panel({ className, title, onCancel, children }: { className: string; title: string; onCancel?: () => void; children: ReactNode }) {
  return (
    <View className={`section admin-form ${className}`}>
      <View className="section-head">
        <Text className="section-title">{title}</Text>
        {onCancel ? (
          <Text className="admin-cancel" onClick={onCancel}>
            取消
          </Text>
        ) : null}
      </View>
      {children}
    </View>
  );
}
