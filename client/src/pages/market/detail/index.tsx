import '../market.css';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { marketKindLabels, type Need, type PostStatus, type Resource } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open } from '../../../lib/nav';
import { isEnterprise, isHandler } from '../../../lib/roles';
import { MatchCard } from '../MatchCard';
import { amountText, dateOf, postStatusText, scopeText, type PostType } from '../text';
import { ProposeFromMine } from './ProposeFromMine';
import { Suggestions } from './Suggestions';

const STATUS_ACTIONS: { to: PostStatus; label: string; from: PostStatus[] }[] = [
  { to: 'paused', label: '暂停', from: ['open'] },
  { to: 'open', label: '重新开放', from: ['paused'] },
  { to: 'closed', label: '关闭', from: ['open', 'paused'] },
];

/**
 * One need or resource. The owner edits, pauses / reopens / closes it, sees the suggestions and the
 * matches through it; anyone else may propose a match from one of their own posts.
 */
export default function MarketDetailPage() {
  const me = useMe();
  const params = useRouter().params;
  const type: PostType = params.type === 'resource' ? 'resource' : 'need';
  const id = params.id ?? '';
  const post = useLoader<Need | Resource>(() => (type === 'need' ? api.market.getNeed(id) : api.market.getResource(id)));
  const matches = useLoader(() => api.market.listMatches(type === 'need' ? { needId: id } : { resourceId: id }));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const p = post.data;
  if (!p) {
    return (
      <View className="page">
        <ErrorMessage message={post.error} />
        {post.loading ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }

  const setStatus = async (to: PostStatus) => {
    if (busy) return;
    if (to === 'closed') {
      const { confirm } = await Taro.showModal({ title: '确定关闭', content: '关闭后不能重新打开，需要时请重新发布。' });
      if (!confirm) return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const next = type === 'need' ? await api.market.updateNeed(id, { version: p.version, status: to }) : await api.market.updateResource(id, { version: p.version, status: to });
      post.setData(next);
      void Taro.showToast({ title: '已更新', icon: 'success' });
    } catch (err) {
      setNotice(err instanceof ApiError && err.status === 409 ? '内容已被他人修改，已刷新，请再试一次' : errorText(err));
      void post.reload();
    } finally {
      setBusy(false);
    }
  };

  const amount = amountText(type, p);
  const terms = type === 'resource' ? (p as Resource).terms : null;
  const myMatches = matches.data?.items ?? [];

  return (
    <View className={`page market-detail-page market-detail-${type}`}>
      <View className="card">
        <View className="card-head">
          <View className="market-card-title-row">
            <Text className={`market-kind market-kind-${p.kind}`}>{marketKindLabels[p.kind]}</Text>
            <Text className="detail-title market-detail-title">{p.title}</Text>
          </View>
          <Text className={`market-status market-status-${p.status} market-detail-status`}>{postStatusText(p)}</Text>
        </View>
        <Text className="field-row market-owner">
          {type === 'need' ? '需求方' : '提供方'}：{p.owner.name}
        </Text>
        {terms?.product ? <Text className="field-row">产品：{terms.product}</Text> : null}
        {amount ? <Text className="field-row market-amount">{type === 'need' ? `金额：${amount}` : amount}</Text> : null}
        <Text className="field-row">{scopeText(type, p)}</Text>
        <Text className="field-row market-expiry">截止：{dateOf(p.expiresAt)}</Text>
        <Text className="detail-description">{p.description}</Text>
        {terms?.note ? <Text className="field-row">条件：{terms.note}</Text> : null}
        {p.tags.length ? (
          <View>
            {p.tags.map((t) => (
              <Text key={t} className="tag">
                {t}
              </Text>
            ))}
          </View>
        ) : null}
        {type === 'resource' && (p as Resource).succeededMatches > 0 ? <Text className="field-row">已成功对接 {(p as Resource).succeededMatches} 次</Text> : null}
      </View>

      <ErrorMessage message={notice} />
      {p.mine ? (
        <View className="market-actions owner-actions">
          {p.status !== 'closed' ? (
            <TapButton className="post-edit" small primary={false} onClick={() => open(`${PAGES.marketPost}?type=${type}&id=${encodeURIComponent(id)}`)}>
              修改
            </TapButton>
          ) : null}
          {STATUS_ACTIONS.filter((a) => a.from.includes(p.status)).map((a) => (
            <TapButton key={a.to} className={`post-status-${a.to}`} small primary={false} busy={busy} onClick={() => void setStatus(a.to)}>
              {a.label}
            </TapButton>
          ))}
        </View>
      ) : null}

      {p.mine && p.status === 'open' ? <Suggestions type={type} id={id} /> : null}
      {!p.mine && p.status === 'open' && (isEnterprise(me) || isHandler(me)) ? <ProposeFromMine type={type} id={id} canPostNeeds={isEnterprise(me)} /> : null}

      {myMatches.length ? (
        <View className="section post-matches">
          <Text className="section-title">对接记录</Text>
          {myMatches.map((m) => (
            <MatchCard key={m.id} match={m} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
