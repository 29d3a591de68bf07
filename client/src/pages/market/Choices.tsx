import { Text, View } from '@tarojs/components';

export interface Option<K extends string> {
  key: K;
  label: string;
}

/** One-of choices as chips: each `.<className>` (+ `.choice-on`); `allLabel` adds a first chip for none. */
export function OneOf<K extends string>({
  options,
  value,
  className,
  allLabel,
  onChange,
}: {
  options: Option<K>[];
  value: K | '';
  className: string;
  allLabel?: string;
  onChange: (next: K | '') => void;
}) {
  return (
    <View className="choice-list market-choices">
      {allLabel ? (
        <Text className={`choice ${className} ${className}-all ${value === '' ? 'choice-on' : ''}`} onClick={() => onChange('')}>
          {allLabel}
        </Text>
      ) : null}
      {options.map((o) => (
        <Text key={o.key} className={`choice ${className} ${value === o.key ? 'choice-on' : ''}`} onClick={() => onChange(o.key)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

/** Several-of choices as chips: each `.<className>` (+ `.choice-on` when chosen). */
export function SomeOf({ options, selected, className, onChange }: { options: string[]; selected: string[]; className: string; onChange: (next: string[]) => void }) {
  return (
    <View className="choice-list market-choices">
      {options.map((o) => {
        const on = selected.includes(o);
        return (
          <Text key={o} className={`choice ${className} ${on ? 'choice-on' : ''}`} onClick={() => onChange(on ? selected.filter((k) => k !== o) : [...selected, o])}>
            {o}
          </Text>
        );
      })}
    </View>
  );
}

/** Strings as chip options. */
export const asOptions = (list: string[]): Option<string>[] => list.map((s) => ({ key: s, label: s }));
