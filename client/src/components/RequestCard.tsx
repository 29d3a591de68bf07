import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { RequestSummary } from '@parklink/contract';
import { formatTime } from '../lib/time';
import { Countdown } from './Countdown';
import { StatusBadge } from './StatusBadge';

/** One request in a list: title, status, who, deadline. */
export function RequestCard({
  item,
  className,
  onOpen,
  children,
}: {
  item: RequestSummary;
  className: string;
  onOpen: (id: string) => void;
  children?: ReactNode;
}) {
  return (
    <View className={`card ${className}`} onClick={() => onOpen(item.id)}>
      <View className="card-head">
        <Text className="card-title">{item.title}</Text>
        <StatusBadge status={item.status} overdue={item.overdue} className="request-item-status" />
      </View>
      <Text className="card-meta">
        {item.categoryName} · {item.enterpriseName}
      </Text>
      <Text className="card-meta">
        提交于 {formatTime(item.submittedAt)}
        {item.assignee ? ` · ${item.assignee.departmentName} ${item.assignee.name}` : ''}
      </Text>
      <View className="card-foot">
        <Countdown deadlineAt={item.deadlineAt} status={item.status} clocks={item.clocks} />
        {children}
      </View>
    </View>
  );
}
