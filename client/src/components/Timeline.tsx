import { Text, View } from '@tarojs/components';
import { requestStatusLabels, roleLabels, type TimelineEvent, type TimelineEventType } from '@parklink/contract';
import { formatTime } from '../lib/time';

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

export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View className="timeline">
      {events.map((e) => {
        const org = e.actor.departmentName || e.actor.enterpriseName;
        return (
          <View key={e.id} className="timeline-event">
            <View className="timeline-head">
              <Text className="timeline-what">{WHAT[e.type]}</Text>
              <Text className="timeline-when">{formatTime(e.at)}</Text>
            </View>
            <Text className="timeline-who">
              {e.actor.name}（{org ? `${org} · ` : ''}
              {roleLabels[e.actor.role]}）→ {requestStatusLabels[e.status]}
            </Text>
            {e.message ? <Text className="timeline-message">{e.message}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
