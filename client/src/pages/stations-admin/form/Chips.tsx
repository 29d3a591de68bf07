import { Text, View } from '@tarojs/components';

/** Several-of choices as chips: each `.<className>` (+ `.choice-on` when chosen). */
export function Chips<K extends string>({
  options,
  selected,
  className,
  onChange,
}: {
  options: { key: K; label: string }[];
  selected: K[];
  className: string;
  onChange: (next: K[]) => void;
}) {
  return (
    <View className="choice-list">
      {options.map((o) => {
        const on = selected.includes(o.key);
        return (
          <Text
            key={o.key}
            className={`choice ${className} ${on ? 'choice-on' : ''}`}
            onClick={() => onChange(on ? selected.filter((k) => k !== o.key) : [...selected, o.key])}
          >
            {o.label}
          </Text>
        );
      })}
    </View>
  );
}
