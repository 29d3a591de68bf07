import { Text, View } from '@tarojs/components';

/** A page- or form-level error; shows nothing when there is none. */
export function ErrorMessage({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <View className="error-message">
      <Text>{message}</Text>
    </View>
  );
}
