import { Text, View } from '@tarojs/components';
import type { Match, MatchEventType } from '@parklink/contract';
import { TimelineRow } from '../../components/TimelineRow';

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
      {match.timeline.map((e) => (
        <TimelineRow
          key={e.id}
          className={`match-event match-event-${e.type}`}
          what={WHAT[e.type]}
          tags={<Text className={`tag match-side match-side-${e.side}`}>{e.side === 'need' ? '需求方' : '资源方'}</Text>}
          at={e.at}
          actor={e.actor}
        >
          {e.message ? <Text className="timeline-message">{e.message}</Text> : null}
        </TimelineRow>
      ))}
    </View>
  );
}
