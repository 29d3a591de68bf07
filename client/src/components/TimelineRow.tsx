import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { roleLabels, type Actor } from '@parklink/contract';
import { formatTime } from '../lib/time';

/**
 * One event of a history (a request's, a case's, a match's): what happened and when, who did it
 * (name, organisation, role), then whatever the event adds. The three timelines share this row so
 * they read alike (`.timeline-event` and its parts).
 */
export function TimelineRow(props: {
  className: string;
  what: string;
  /** Tags beside what happened (内部, 需求方 …). */
  tags?: ReactNode;
  at: string;
  actor: Actor;
  /** After the actor, e.g. the status it moved the request to: ` → 已认领`. */
  outcome?: string;
  children?: ReactNode;
}) {
  const { actor } = props;
  const org = actor.departmentName || actor.enterpriseName;
  return (
    <View className={`timeline-event ${props.className}`}>
      <View className="timeline-head">
        <View className="timeline-title">
          <Text className="timeline-what">{props.what}</Text>
          {props.tags}
        </View>
        <Text className="timeline-when">{formatTime(props.at)}</Text>
      </View>
      <Text className="timeline-who">
        {actor.name}（{org ? `${org} · ` : ''}
        {roleLabels[actor.role]}）{props.outcome ?? ''}
      </Text>
      {props.children}
    </View>
  );
}
