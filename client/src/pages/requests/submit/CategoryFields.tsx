import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { CategoryField, FieldValues } from '@parklink/contract';
import { FieldError } from '../../../components/FieldError';

/** What the inputs hold while editing: text for text, numbers and dates; option values for choices. */
export type RawValues = Record<string, string | string[]>;

/** Single choices with at most this many options show as chips; more go into a picker. */
const MAX_CHIPS = 8;

const isBlank = (v: string | string[] | undefined) => (Array.isArray(v) ? v.length === 0 : !v || !v.trim());

/**
 * Checks the answers like the server does (required, number and bounds, length, known options) and
 * turns them into what the API takes. Errors are keyed `fields.<key>`, as the API names them.
 */
export function checkFields(fields: CategoryField[], raw: RawValues): { values: FieldValues; errors: Record<string, string> } {
  const values: FieldValues = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = raw[f.key];
    const key = `fields.${f.key}`;
    if (isBlank(v)) {
      if (f.required) errors[key] = f.type === 'single_choice' || f.type === 'multi_choice' || f.type === 'date' ? `请选择${f.label}` : `请填写${f.label}`;
      continue;
    }
    if (f.type === 'multi_choice') {
      values[f.key] = Array.isArray(v) ? v : [v as string];
      continue;
    }
    const text = (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
    if (f.type === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) {
        errors[key] = `${f.label}应为数字`;
      } else if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
        const unit = f.unit ?? '';
        errors[key] =
          f.min !== undefined && f.max !== undefined
            ? `${f.label}应在 ${f.min}–${f.max}${unit} 之间`
            : f.min !== undefined
              ? `${f.label}不能小于 ${f.min}${unit}`
              : `${f.label}不能大于 ${f.max}${unit}`;
      } else {
        values[f.key] = n;
      }
      continue;
    }
    if ((f.type === 'string' || f.type === 'text') && f.maxLength && text.length > f.maxLength) {
      errors[key] = `${f.label}最多 ${f.maxLength} 字`;
      continue;
    }
    values[f.key] = text;
  }
  return { values, errors };
}

function Label({ f }: { f: CategoryField }) {
  return (
    <Text className="label">
      {f.label}
      {f.required ? <Text className="required-mark"> *</Text> : <Text className="optional-mark">（选填）</Text>}
    </Text>
  );
}

/** One input per extra field of the category; `.field-<key>` wraps each, `.field-option` is a choice chip. */
export function CategoryFields({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: CategoryField[];
  values: RawValues;
  errors: Record<string, string | undefined>;
  onChange: (key: string, value: string | string[]) => void;
}) {
  if (fields.length === 0) return null;
  return (
    <View className="category-fields">
      {fields.map((f) => {
        const v = values[f.key];
        const text = typeof v === 'string' ? v : '';
        const chosen = Array.isArray(v) ? v : v ? [v] : [];
        const options = f.options ?? [];
        let input;
        switch (f.type) {
          case 'text':
            input = (
              <Textarea
                className="textarea"
                value={text}
                maxlength={f.maxLength ?? 2000}
                placeholder={`请填写${f.label}`}
                onInput={(e) => onChange(f.key, e.detail.value)}
              />
            );
            break;
          case 'number':
            input = (
              <View className="input-with-unit">
                <Input
                  className="input"
                  type="digit"
                  value={text}
                  placeholder={f.min !== undefined && f.max !== undefined ? `${f.min}–${f.max}` : `请填写${f.label}`}
                  onInput={(e) => onChange(f.key, e.detail.value)}
                />
                {f.unit ? <Text className="input-unit">{f.unit}</Text> : null}
              </View>
            );
            break;
          case 'date':
            input = (
              <Picker mode="date" value={text} onChange={(e) => onChange(f.key, String(e.detail.value))}>
                <View className={`picker ${text ? '' : 'picker-empty'}`}>{text || '请选择日期'}</View>
              </Picker>
            );
            break;
          case 'single_choice':
            input =
              options.length <= MAX_CHIPS ? (
                <View className="choice-list">
                  {options.map((o) => (
                    <Text
                      key={o.value}
                      className={`choice field-option ${chosen.includes(o.value) ? 'choice-on field-option-on' : ''}`}
                      onClick={() => onChange(f.key, chosen.includes(o.value) && !f.required ? '' : o.value)}
                    >
                      {o.label}
                    </Text>
                  ))}
                </View>
              ) : (
                <Picker
                  mode="selector"
                  range={options.map((o) => o.label)}
                  value={Math.max(0, options.findIndex((o) => o.value === text))}
                  onChange={(e) => onChange(f.key, options[Number(e.detail.value)]?.value ?? '')}
                >
                  <View className={`picker ${text ? '' : 'picker-empty'}`}>
                    {options.find((o) => o.value === text)?.label ?? `请选择${f.label}`}
                  </View>
                </Picker>
              );
            break;
          case 'multi_choice':
            input = (
              <View className="choice-list">
                {options.map((o) => {
                  const on = chosen.includes(o.value);
                  return (
                    <Text
                      key={o.value}
                      className={`choice field-option ${on ? 'choice-on field-option-on' : ''}`}
                      onClick={() => onChange(f.key, on ? chosen.filter((x) => x !== o.value) : [...chosen, o.value])}
                    >
                      {on ? '✓ ' : ''}
                      {o.label}
                    </Text>
                  );
                })}
              </View>
            );
            break;
          default:
            input = (
              <Input
                className="input"
                value={text}
                maxlength={f.maxLength ?? 100}
                placeholder={`请填写${f.label}`}
                onInput={(e) => onChange(f.key, e.detail.value)}
              />
            );
        }
        return (
          <View key={f.key} className={`form-item category-field field-${f.key}`}>
            <Label f={f} />
            {input}
            {f.hint ? <Text className="hint">{f.hint}</Text> : null}
            {f.type === 'multi_choice' ? <Text className="hint">可多选</Text> : null}
            <FieldError message={errors[`fields.${f.key}`]} />
          </View>
        );
      })}
    </View>
  );
}
