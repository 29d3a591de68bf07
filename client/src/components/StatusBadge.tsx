import { Text, View } from '@tarojs/components';
import { requestStatusLabels, type RequestStatus } from '@parklink/contract';

/**
 * The status label, exactly (e.g. 待认领), plus a separate 超时 flag when the deadline has passed.
 * `className` tells the detail's badge (`request-status`) from list items' (`request-item-status`).
 */
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
    <View className="badges">
      <Text className={`${className} badge badge-${status}`}>{requestStatusLabels[status]}</Text>
      {overdue ? <Text className="badge badge-overdue overdue-flag">超时</Text> : null}
    </View>
  );
}
