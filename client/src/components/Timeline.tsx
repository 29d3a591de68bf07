import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { requestStatusLabels, type TimelineEvent, type TimelineEventType } from '@parklink/contract';
import { TimelineRow } from './TimelineRow';

const WHAT: Record<TimelineEventType, string> = {
  submitted: '提交诉求',
  claimed: '认领',
  replied: '答复',
  noted: '内部备注',
  started: '开始办理',
  info_requested: '请企业补充材料',
  info_provided: '企业补充材料',
  resolved: '办结',
  rated: '评价',
  reopened: '重新办理',
  transferred: '转派',
  withdrawn: '撤回',
  escalated: '超时督办',
};

/** Events whose message is a reason, shown with a label. */
const REASON: Partial<Record<TimelineEventType, string>> = {
  transferred: '原因',
  reopened: '原因',
  withdrawn: '原因',
};

/** The history, oldest first. Internal events (liaisons only) are grey with a 内部 tag. */
export function Timeline({ events, extra }: { events: TimelineEvent[]; /** More under an event (its attachments). */ extra?: (e: TimelineEvent) => ReactNode }) {
  return (
    <View className="timeline">
      {events.map((e) => {
        const internal = e.visibility === 'internal';
        return (
          <TimelineRow
            key={e.id}
            className={`timeline-${e.type} ${internal ? 'timeline-internal' : ''}`}
            what={WHAT[e.type]}
            tags={internal ? <Text className="tag tag-internal">内部</Text> : null}
            at={e.at}
            actor={e.actor}
            outcome={` → ${requestStatusLabels[e.status]}`}
          >
            {e.toDepartment ? <Text className="timeline-target">转派至 {e.toDepartment.name}</Text> : null}
            {e.message ? (
              <Text className="timeline-message">
                {REASON[e.type] ? `${REASON[e.type]}：` : ''}
                {e.message}
              </Text>
            ) : null}
            {extra?.(e)}
          </TimelineRow>
        );
      })}
    </View>
  );
}
