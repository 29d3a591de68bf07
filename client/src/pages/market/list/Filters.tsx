import { Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { MarketKind, ParkProfile } from '@parklink/contract';
import { OneOf, asOptions } from '../Choices';
import { kindOptions } from '../text';

export interface MarketFilter {
  kind: MarketKind | '';
  industry: string;
  zone: string;
  q: string;
}

export const NO_FILTER: MarketFilter = { kind: '', industry: '', zone: '', q: '' };

/**
 * Kind, industry and zone chips (`.filter-kind`, `.filter-industry`, `.filter-zone`, the first of
 * each `全部`) and a search box (`.market-search`: 0.4 s after typing stops, or on Enter).
 */
export function Filters({ filter, park, onChange }: { filter: MarketFilter; park: ParkProfile | null; onChange: (next: MarketFilter) => void }) {
  const [text, setText] = useState(filter.q);
  const latest = useRef(filter);
  latest.current = filter;
  useEffect(() => {
    if (text.trim() === latest.current.q) return undefined;
    const timer = setTimeout(() => onChange({ ...latest.current, q: text.trim() }), 400);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  return (
    <View className="market-filters">
      <Input
        className="input market-search"
        value={text}
        confirmType="search"
        maxlength={50}
        placeholder="搜索标题、说明或发布方"
        onInput={(e) => setText(e.detail.value)}
        onConfirm={() => onChange({ ...filter, q: text.trim() })}
      />
      <Text className="market-filter-label">类型</Text>
      <OneOf options={kindOptions} value={filter.kind} className="filter-kind" allLabel="全部" onChange={(kind) => onChange({ ...filter, kind })} />
      {park?.industries.length ? (
        <>
          <Text className="market-filter-label">行业</Text>
          <OneOf options={asOptions(park.industries)} value={filter.industry} className="filter-industry" allLabel="全部" onChange={(industry) => onChange({ ...filter, industry })} />
        </>
      ) : null}
      {park?.zones.length ? (
        <>
          <Text className="market-filter-label">片区</Text>
          <OneOf options={asOptions(park.zones)} value={filter.zone} className="filter-zone" allLabel="全部" onChange={(zone) => onChange({ ...filter, zone })} />
        </>
      ) : null}
    </View>
  );
}
