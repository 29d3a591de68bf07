import { Text, View } from '@tarojs/components';
import { roleLabels, type Match, type MatchEventType } from '@parklink/contract';
import { formatTime } from '../../lib/time';

const WHAT: Record<MatchEventType, string> = {
  proposed: '发起对接',
  accepted: '接受对接',
  declined: '婉拒对接',
  withdrawn: '撤回对接',
  noted: '进展',
  succeeded: '对接成功',
  failed: '未成功',
};

/** A match's history, oldest first: what, when, who (which side), the message. */
export function MatchTimeline({ match }: { match: Match }) {
  return (
    <View className="timeline match-timeline">
      {match.timeline.map((e) => {
        const org = e.actor.departmentName || e.actor.enterpriseName;
        return (
          <View key={e.id} className={`timeline-event match-event match-event-${e.type}`}>
            <View className="timeline-head">
              <View className="timeline-title">
                <Text className="timeline-what">{WHAT[e.type]}</Text>
                <Text className={`tag match-side match-side-${e.side}`}>{e.side === 'need' ? '需求方' : '资源方'}</Text>
              </View>
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
