import { Text, View } from '@tarojs/components';
import { marketKindLabels, type Need, type Resource } from '@parklink/contract';
import { open } from '../../lib/nav';
import { amountText, dateOf, detailUrl, postStatusText, type PostType } from './text';

/** One need or resource in a list: kind, title, owner, amount, status, expiry; tap opens it. */
export function PostCard({ type, post }: { type: PostType; post: Need | Resource }) {
  const amount = amountText(type, post);
  return (
    <View className={`card market-card market-card-${type} market-card-${post.status}`} onClick={() => open(detailUrl(type, post.id))}>
      <View className="card-head">
        <View className="market-card-title-row">
          <Text className={`market-kind market-kind-${post.kind}`}>{marketKindLabels[post.kind]}</Text>
          <Text className="card-title market-card-title">{post.title}</Text>
        </View>
        <Text className={`market-status market-status-${post.status}`}>{postStatusText(post)}</Text>
      </View>
      <Text className="card-meta market-owner">
        {type === 'need' ? '需求方' : '提供方'}：{post.owner.name}
      </Text>
      {amount ? <Text className="card-meta market-amount">{amount}</Text> : null}
      <Text className="card-meta market-expiry">截止 {dateOf(post.expiresAt)}</Text>
    </View>
  );
}
