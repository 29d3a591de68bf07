import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** '3 小时 20 分' may wrap between '3 小时' and '20 分', never inside either. */
const keepGroups = (words: string) => words.replace(/(\d) /g, '$1\u00a0');

/**
 * One headline number (`.figure-value`) with its label and, maybe, what it was computed from.
 * `words`: a value in words (a duration), set smaller.
 */
export function Figure({ className, label, value, sub, words = false }: { className: string; label: string; value: string; sub?: string; words?: boolean }) {
  return (
    <View className={`figure ${words ? 'figure-words' : ''} ${className}`}>
      <Text className="figure-value">{words ? keepGroups(value) : value}</Text>
      <Text className="figure-label">{label}</Text>
      {sub ? <Text className="figure-sub">{sub}</Text> : null}
    </View>
  );
}

/** Figures three (or two) to a row. */
export function Figures({ columns = 3, children }: { columns?: 2 | 3; children: ReactNode }) {
  return <View className={`figures figures-${columns}`}>{children}</View>;
}

/** A white card with a title: one part of the dashboard (a cell of the grid on a wide screen). */
export function Panel({ className, title, hint, children }: { className: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`section dash-panel ${className}`}>
      <Text className="section-title">{title}</Text>
      {children}
      {hint ? <Text className="hint">{hint}</Text> : null}
    </View>
  );
}
