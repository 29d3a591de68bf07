import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { OneOf, TextInput } from '../Form';

/** How many matches to show at once: a park may keep hundreds of enterprises. */
const SHOWN = 30;

/**
 * Picks one department or enterprise (`.<className>` chips); with many to choose from, a search
 * box (`.admin-unit-search`) narrows them by name.
 */
export function UnitPicker({ units, value, className, onChange }: { units: { id: string; name: string }[]; value: string; className: string; onChange: (id: string) => void }) {
  const [q, setQ] = useState('');
  const search = units.length > 12;
  const matches = units.filter((u) => !q.trim() || u.name.includes(q.trim()));
  // The chosen one stays visible while the search narrows the rest.
  const chosen = units.find((u) => u.id === value);
  const shown = [...(chosen && !matches.slice(0, SHOWN).includes(chosen) ? [chosen] : []), ...matches.slice(0, SHOWN)];
  return (
    <View className="admin-unit-picker">
      {search ? (
        <View className="admin-unit-search">
          <TextInput value={q} maxlength={30} placeholder="输入名称查找" onInput={setQ} />
        </View>
      ) : null}
      <OneOf options={shown.map((u) => ({ key: u.id, label: u.name }))} value={value} className={className} onChange={onChange} />
      {matches.length > SHOWN ? <Text className="hint">还有 {matches.length - SHOWN} 个，请输入名称查找</Text> : null}
      {units.length === 0 ? <Text className="hint">还没有可选的</Text> : null}
      {units.length > 0 && matches.length === 0 ? <Text className="hint">没有找到</Text> : null}
    </View>
  );
}
