import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { EnterpriseRef } from '@parklink/contract';

/**
 * The park's enterprises as chips (`.case-enterprise`, + `.choice-on` when named), chosen first;
 * a search box (`.case-enterprise-search`) narrows a long list. `known` names enterprises already
 * on the case that the list may not have.
 */
export function EnterprisePicker({
  enterprises,
  known,
  selected,
  onChange,
}: {
  enterprises: EnterpriseRef[];
  known: { id: string; name: string }[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const [q, setQ] = useState('');
  const all = [...enterprises.map(({ id, name }) => ({ id, name })), ...known.filter((k) => !enterprises.some((e) => e.id === k.id))];
  const chosen = all.filter((e) => selected.includes(e.id));
  const rest = all.filter((e) => !selected.includes(e.id) && (!q.trim() || e.name.includes(q.trim())));
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <View className="case-enterprises">
      {all.length > 8 ? (
        <Input className="input case-enterprise-search" value={q} placeholder="搜索企业名称" onInput={(e) => setQ(e.detail.value)} />
      ) : null}
      <View className="choice-list">
        {[...chosen, ...rest].map((e) => (
          <Text key={e.id} className={`choice case-enterprise ${selected.includes(e.id) ? 'choice-on' : ''}`} onClick={() => toggle(e.id)}>
            {selected.includes(e.id) ? `✓ ${e.name}` : e.name}
          </Text>
        ))}
      </View>
      {!all.length ? <Text className="hint">园区还没有企业</Text> : null}
    </View>
  );
}
