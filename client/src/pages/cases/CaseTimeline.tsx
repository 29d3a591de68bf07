import { Text, View } from '@tarojs/components';
import { roleLabels, type CaseEvent } from '@parklink/contract';
import { formatTime } from '../../lib/time';

const WHAT: Record<CaseEvent['type'], string> = { drafted: '起草', edited: '修改', confirmed: '企业确认', closed: '归档', attached: '上传附件', detached: '删除附件' };

/** The case's history, oldest first (`.timeline`, `.timeline-event`). */
export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  return (
    <View className="timeline">
      {events.map((e) => {
        const org = e.actor.departmentName || e.actor.enterpriseName;
        return (
          <View key={e.id} className={`timeline-event case-event-${e.type}`}>
            <View className="timeline-head">
              <Text className="timeline-what">{WHAT[e.type]}</Text>
              <Text className="timeline-when">{formatTime(e.at)}</Text>
            </View>
            <Text className="timeline-who">
              {e.actor.name}（{org ? `${org} · ` : ''}
              {roleLabels[e.actor.role]}）
            </Text>
            {e.message ? <Text className="timeline-message">{e.message}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
