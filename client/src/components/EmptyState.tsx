import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className="empty-state">
      <Text className="empty-text">{text}</Text>
      {children}
    </View>
  );
}
