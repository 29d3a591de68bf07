import { Text } from '@tarojs/components';
import { requestStatusLabels, type RequestStatus } from '@parklink/contract';

/** `className` tells the detail's badge (`request-status`) from list items' (`request-item-status`). */
export function StatusBadge({
  status,
  overdue,
  className = 'request-status',
}: {
  status: RequestStatus;
  overdue?: boolean;
  className?: string;
}) {
  return (
    <Text className={`${className} badge badge-${status}`}>
      {requestStatusLabels[status]}
      {overdue ? ' · 超时' : ''}
    </Text>
  );
}
