import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { marketKindLabels, type Need, type Resource, type SuggestionReason } from '@parklink/contract';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { open } from '../../../lib/nav';
import { amountText, detailUrl, type PostType } from '../text';
import { ProposeForm } from './ProposeForm';

interface Item {
  type: PostType;
  post: Need | Resource;
  score: number;
  reasons: SuggestionReason[];
}

/**
 * 推荐对接 for the owner's post: resources for a need, needs for a resource, best first, each with
 * its score and reasons (`.suggestion`, `.suggestion-reason`) and 发起对接 (`.suggestion-propose`).
 */
export function Suggestions({ type, id }: { type: PostType; id: string }) {
  const [proposing, setProposing] = useState<string | null>(null);
  const list = useLoader<Item[]>(async () => {
    if (type === 'need') return (await api.market.needSuggestions(id)).items.map((s) => ({ type: 'resource' as const, post: s.resource, score: s.score, reasons: s.reasons }));
    return (await api.market.resourceSuggestions(id)).items.map((s) => ({ type: 'need' as const, post: s.need, score: s.score, reasons: s.reasons }));
  });

  return (
    <View className="section suggestions">
      <Text className="section-title">推荐对接</Text>
      <ErrorMessage message={list.error} />
      {list.data && list.data.length === 0 ? <EmptyState text="暂时没有合适的推荐，稍后再来看看" /> : null}
      {(list.data ?? []).map((s) => {
        const amount = amountText(s.type, s.post);
        return (
          <View key={s.post.id} className={`suggestion suggestion-${s.type}`}>
            <View className="suggestion-head" onClick={() => open(detailUrl(s.type, s.post.id))}>
              <Text className="suggestion-title">{s.post.title}</Text>
              <Text className="suggestion-score">匹配度 {Math.round(s.score)}</Text>
            </View>
            <Text className="card-meta suggestion-owner">
              {marketKindLabels[s.post.kind]} · {s.post.owner.name}
            </Text>
            {amount ? <Text className="card-meta market-amount">{amount}</Text> : null}
            <View className="suggestion-reasons">
              {s.reasons.map((r) => (
                <Text key={r.code + r.text} className={`suggestion-reason suggestion-reason-${r.code}`}>
                  {r.text}
                </Text>
              ))}
            </View>
            {proposing === s.post.id ? (
              <ProposeForm
                needId={type === 'need' ? id : s.post.id}
                resourceId={type === 'need' ? s.post.id : id}
                onCancel={() => setProposing(null)}
              />
            ) : (
              <View className="market-actions">
                <TapButton className="suggestion-propose" small primary={false} onClick={() => setProposing(s.post.id)}>
                  发起对接
                </TapButton>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
