import { Text } from '@tarojs/components';
import { requestStatusLabels, type RequestStatus } from '@parklink/contract';

export function StatusBadge({ status, overdue }: { status: RequestStatus; overdue?: boolean }) {
  return (
    <Text className={`request-status badge badge-${status}`}>
      {requestStatusLabels[status]}
      {overdue ? ' · 超时' : ''}
    </Text>
  );
}
