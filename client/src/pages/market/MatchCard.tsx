import { Text, View } from '@tarojs/components';
import { matchStatusLabels, type Match } from '@parklink/contract';
import { PAGES, open } from '../../lib/nav';
import { formatTime } from '../../lib/time';

/** One match in a list: both posts, status, last change; tap opens it. */
export function MatchCard({ match }: { match: Match }) {
  return (
    <View className={`card match-card match-card-${match.status}`} onClick={() => open(`${PAGES.match}?id=${encodeURIComponent(match.id)}`)}>
      <View className="card-head">
        <Text className="card-title">{match.need.title}</Text>
        <Text className={`match-status match-status-${match.status}`}>{matchStatusLabels[match.status]}</Text>
      </View>
      <Text className="card-meta">需求方：{match.need.owner.name}</Text>
      <Text className="card-meta">
        资源：{match.resource.title}（{match.resource.owner.name}）
      </Text>
      <Text className="card-meta">更新 {formatTime(match.updatedAt)}</Text>
    </View>
  );
}
