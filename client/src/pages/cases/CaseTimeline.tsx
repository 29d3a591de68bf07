import { Text, View } from '@tarojs/components';
import type { CaseEvent } from '@parklink/contract';
import { TimelineRow } from '../../components/TimelineRow';

const WHAT: Record<CaseEvent['type'], string> = { drafted: '起草', edited: '修改', confirmed: '企业确认', closed: '归档', attached: '上传附件', detached: '删除附件' };

/** The case's history, oldest first (`.timeline`, `.timeline-event`). */
export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  return (
    <View className="timeline">
      {events.map((e) => (
        <TimelineRow key={e.id} className={`case-event-${e.type}`} what={WHAT[e.type]} at={e.at} actor={e.actor}>
          {e.message ? <Text className="timeline-message">{e.message}</Text> : null}
        </TimelineRow>
      ))}
    </View>
  );
}
