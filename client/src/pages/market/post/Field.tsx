import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { FieldError } from '../../../components/FieldError';

/** One form row: `.post-<name>` with its label, the control, a unit and the field's error. */
export function Field({ name, label, required, error, hint, children }: { name: string; label: string; required?: boolean; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`form-item post-field post-${name}`}>
      <Text className="label">
        {label}
        {required ? <Text className="required-mark"> *</Text> : null}
      </Text>
      {children}
      {hint ? <Text className="hint">{hint}</Text> : null}
      <FieldError message={error} />
    </View>
  );
}

/** A text input (optionally with a unit such as 万元, %). */
export function TextInput({ value, onInput, placeholder, unit, digit, maxlength = 60 }: { value: string; onInput: (v: string) => void; placeholder?: string; unit?: string; digit?: boolean; maxlength?: number }) {
  const input = <Input className="input" type={digit ? 'digit' : 'text'} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />;
  if (!unit) return input;
  return (
    <View className="input-with-unit">
      {input}
      <Text className="input-unit">{unit}</Text>
    </View>
  );
}

export function TextBox({ value, onInput, placeholder, maxlength = 2000 }: { value: string; onInput: (v: string) => void; placeholder?: string; maxlength?: number }) {
  return <Textarea className="textarea" value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />;
}
