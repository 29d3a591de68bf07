import '../market.css';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import type { Match, Need, Resource } from '@parklink/contract';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open } from '../../../lib/nav';
import { isEnterprise, isHandler } from '../../../lib/roles';
import { MatchCard } from '../MatchCard';
import { PostCard } from '../PostCard';
import { usePaged, type Page } from '../usePaged';
import { Filters, NO_FILTER, type MarketFilter } from './Filters';

type Tab = 'needs' | 'resources' | 'mine' | 'matches';
const TABS: { key: Tab; label: string }[] = [
  { key: 'needs', label: '需求' },
  { key: 'resources', label: '资源' },
  { key: 'mine', label: '我的发布' },
  { key: 'matches', label: '我的对接' },
];

type Row = { id: string; type: 'need'; post: Need } | { id: string; type: 'resource'; post: Resource } | { id: string; type: 'match'; match: Match };

const needRows = (items: Need[]): Row[] => items.map((post) => ({ id: `n-${post.id}`, type: 'need', post }));
const resourceRows = (items: Resource[]): Row[] => items.map((post) => ({ id: `r-${post.id}`, type: 'resource', post }));

/** 供需对接: needs and resources with filters, my own posts, my matches; 发布 for those who may post. */
export default function MarketListPage() {
  const me = useMe();
  const enterprise = isEnterprise(me);
  const canPost = enterprise || isHandler(me);
  const [tab, setTab] = useState<Tab>('needs');
  const [filter, setFilter] = useState<MarketFilter>(NO_FILTER);
  const park = useLoader(() => api.market.park());
  const onFilter = useCallback((next: MarketFilter) => setFilter(next), []);

  const load = async (cursor?: string): Promise<Page<Row>> => {
    const f = { kind: filter.kind || undefined, industry: filter.industry, zone: filter.zone, q: filter.q, cursor };
    if (tab === 'needs') {
      const page = await api.market.listNeeds(f);
      return { items: needRows(page.items), nextCursor: page.nextCursor };
    }
    if (tab === 'resources') {
      const page = await api.market.listResources(f);
      return { items: resourceRows(page.items), nextCursor: page.nextCursor };
    }
    if (tab === 'matches') {
      const page = await api.market.listMatches({ cursor });
      return { items: page.items.map((match) => ({ id: `m-${match.id}`, type: 'match', match })), nextCursor: page.nextCursor };
    }
    // 我的发布: needs (enterprises) and resources, each list with its own cursor, in one.
    const c = cursor ? (JSON.parse(cursor) as { n?: string; r?: string }) : {};
    const [needs, resources] = await Promise.all([
      enterprise && (!cursor || c.n) ? api.market.listNeeds({ scope: 'mine', cursor: c.n }) : Promise.resolve({ items: [] as Need[], nextCursor: undefined }),
      !cursor || c.r ? api.market.listResources({ scope: 'mine', cursor: c.r }) : Promise.resolve({ items: [] as Resource[], nextCursor: undefined }),
    ]);
    const next = needs.nextCursor || resources.nextCursor ? JSON.stringify({ n: needs.nextCursor, r: resources.nextCursor }) : undefined;
    return { items: [...needRows(needs.items), ...resourceRows(resources.items)], nextCursor: next };
  };
  const key = `${tab}|${filter.kind}|${filter.industry}|${filter.zone}|${filter.q}`;
  const list = usePaged<Row>(key, load);
  if (!me) return <View className="page" />;

  const filtered = tab === 'needs' || tab === 'resources';
  return (
    <View className="page market-page">
      <View className="scope-tabs market-tabs">
        {TABS.map((t) => (
          <Text key={t.key} className={`scope-tab market-tab-${t.key} ${tab === t.key ? 'scope-tab-on' : ''}`} onClick={() => setTab(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      {canPost ? (
        <View className="market-toolbar">
          <Text className="hint">{enterprise ? '说出需求，或分享你的资源' : '发布本单位的产品与服务'}</Text>
          <View className="market-post-buttons">
            {enterprise ? (
              <TapButton className="market-post-need" small onClick={() => open(`${PAGES.marketPost}?type=need`)}>
                发布需求
              </TapButton>
            ) : null}
            <TapButton className="market-post-resource" small primary={!enterprise} onClick={() => open(`${PAGES.marketPost}?type=resource`)}>
              发布资源
            </TapButton>
          </View>
        </View>
      ) : null}
      {filtered ? <Filters filter={filter} park={park.data} onChange={onFilter} /> : null}
      <ErrorMessage message={list.error} />
      {list.loaded && list.items.length === 0 ? (
        <EmptyState text={tab === 'matches' ? '还没有对接，去需求或资源里发起吧' : tab === 'mine' ? '你还没有发布内容' : '没有符合条件的内容'} />
      ) : null}
      {!list.loaded && list.loading ? <EmptyState text="加载中…" /> : null}
      <View className="market-list">
        {list.items.map((row) =>
          row.type === 'match' ? <MatchCard key={row.id} match={row.match} /> : <PostCard key={row.id} type={row.type} post={row.post} />,
        )}
      </View>
      {list.cursor ? (
        <TapButton className="load-more" primary={false} busy={list.loading} onClick={() => void list.more()}>
          加载更多
        </TapButton>
      ) : list.loaded && list.items.length > 0 ? (
        <Text className="list-end">没有更多了</Text>
      ) : null}
    </View>
  );
}
