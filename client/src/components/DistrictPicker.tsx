import { Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { StationDistrict } from '@parklink/contract';
// Not '../api' (every area's calls, with their schemas): the stations list loads without zod.
import { errorText } from '../api/http';
import { stationsApi } from '../api/stations';
import { TapButton } from './TapButton';

/**
 * Without a position: pick a district (`.district-picker`; search box `.district-search`, one
 * `.district-item` per district with its station count) and search from its centre.
 */
export function DistrictPicker({ onPick, current }: { onPick: (d: StationDistrict) => void; current?: string }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<StationDistrict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    const timer = setTimeout(
      () => {
        setError(null);
        stationsApi
          .districts(q.trim() || undefined)
          .then((list) => {
            if (mine === generation.current) setItems(list);
          })
          .catch((err: unknown) => {
            if (mine === generation.current) setError(errorText(err));
          });
      },
      q ? 400 : 0,
    );
    return () => clearTimeout(timer);
  }, [q, attempt]);

  return (
    <View className="section district-picker">
      <Text className="section-title">按区县查找</Text>
      <Input
        className="input district-search"
        value={q}
        maxlength={20}
        confirmType="search"
        placeholder="输入区县名，如 平山"
        onInput={(e) => setQ(e.detail.value)}
      />
      {error ? (
        <View className="retry-row">
          <Text className="field-error">{error}</Text>
          <TapButton className="district-retry" small primary={false} onClick={() => setAttempt((n) => n + 1)}>
            重试
          </TapButton>
        </View>
      ) : null}
      {items && items.length === 0 ? <Text className="hint">没有找到这个区县的驿站</Text> : null}
      {(items ?? []).map((d) => (
        <View key={d.name} className={`district-item ${current === d.name ? 'district-item-on' : ''}`} onClick={() => onPick(d)}>
          <Text className="district-name">{d.name}</Text>
          <Text className="district-count">{d.stations} 个驿站 ›</Text>
        </View>
      ))}
    </View>
  );
}
