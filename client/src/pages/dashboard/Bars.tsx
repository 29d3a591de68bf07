import { Text, View } from '@tarojs/components';
import { barWidth } from './format';

export interface BarItem {
  key: string;
  label: string;
  value: number;
  /** The bar's whole (e.g. enterprises in a zone); without it bars are scaled to the largest value. */
  of?: number;
  /** What to print beside the label; the value when absent. */
  text?: string;
}

/**
 * Horizontal bars (`.bar`: `.bar-label`, `.bar-value`, `.bar-fill` with a percentage width) drawn
 * with plain Views, so they look the same in weapp and h5 and need no chart library.
 */
export function Bars({ items, className = '', empty = '暂无数据' }: { items: BarItem[]; className?: string; empty?: string }) {
  if (!items.length) return <Text className={`hint bars-empty ${className}`}>{empty}</Text>;
  const max = Math.max(...items.map((i) => i.value));
  return (
    <View className={`bars ${className}`}>
      {items.map((i) => (
        <View key={i.key} className="bar">
          <View className="bar-head">
            <Text className="bar-label">{i.label}</Text>
            <Text className="bar-value">{i.text ?? String(i.value)}</Text>
          </View>
          <View className="bar-track">
            <View className="bar-fill" style={{ width: barWidth(i.value, i.of ?? max) }} />
          </View>
        </View>
      ))}
    </View>
  );
}
