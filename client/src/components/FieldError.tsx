import { Text } from '@tarojs/components';

/** A message under one form field. */
export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return <Text className="field-error">{message}</Text>;
}
