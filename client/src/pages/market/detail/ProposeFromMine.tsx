import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Need, Resource } from '@parklink/contract';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { PAGES, open } from '../../../lib/nav';
import { type PostType } from '../text';
import { ProposeForm } from './ProposeForm';

/**
 * On someone else's post: propose a match from one of my own open posts of the other type
 * (`.mine-option`, + `.choice-on` when picked), then the message and send.
 */
export function ProposeFromMine({ type, id, canPostNeeds }: { type: PostType; id: string; canPostNeeds: boolean }) {
  const mineType: PostType = type === 'need' ? 'resource' : 'need';
  const [picked, setPicked] = useState<string | null>(null);
  const mine = useLoader<(Need | Resource)[]>(async () => {
    const page = mineType === 'need' ? await api.market.listNeeds({ scope: 'mine', limit: 50 }) : await api.market.listResources({ scope: 'mine', limit: 50 });
    return (page.items as (Need | Resource)[]).filter((p) => p.status === 'open');
  });
  if (mineType === 'need' && !canPostNeeds) return null;
  const what = mineType === 'need' ? '需求' : '资源';

  return (
    <View className="section propose-from-mine">
      <Text className="section-title">发起对接</Text>
      <ErrorMessage message={mine.error} />
      {mine.data && mine.data.length === 0 ? (
        <View>
          <Text className="hint">你还没有进行中的{what}，先发布一条再来对接。</Text>
          <TapButton className="propose-post-first" small primary={false} onClick={() => open(`${PAGES.marketPost}?type=${mineType}`)}>
            发布{what}
          </TapButton>
        </View>
      ) : null}
      {mine.data && mine.data.length > 0 ? (
        <>
          <Text className="hint">选择用哪一条{what}对接：</Text>
          <View className="choice-list market-choices">
            {mine.data.map((p) => (
              <Text key={p.id} className={`choice mine-option ${picked === p.id ? 'choice-on' : ''}`} onClick={() => setPicked(p.id)}>
                {p.title}
              </Text>
            ))}
          </View>
          {picked ? <ProposeForm needId={type === 'need' ? id : picked} resourceId={type === 'need' ? picked : id} /> : null}
        </>
      ) : null}
    </View>
  );
}
