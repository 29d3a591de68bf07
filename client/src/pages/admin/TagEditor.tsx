import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldError } from '../../components/FieldError';
import { TapButton } from '../../components/TapButton';
import { TextInput } from './Form';

/**
 * An editable list of short labels (`.admin-tags-<name>`): each `.admin-tag` with its × (`.admin-tag-remove`),
 * an input and 添加 (`.admin-tag-add`). Repeats and empty labels are refused here, before the server.
 */
export function TagEditor({ name, items, max = 20, placeholder, onChange }: { name: string; items: string[]; max?: number; placeholder: string; onChange: (next: string[]) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const add = () => {
    const label = text.trim();
    if (!label) return setProblem('请先输入名称');
    if ([...label].length > max) return setProblem(`最多 ${max} 个字`);
    if (items.includes(label)) return setProblem(`「${label}」已在列表中`);
    onChange([...items, label]);
    setText('');
    setProblem(undefined);
  };
  return (
    <View className={`admin-tags admin-tags-${name}`}>
      <View className="admin-tag-list">
        {items.length === 0 ? <Text className="hint">还没有</Text> : null}
        {items.map((item) => (
          <View key={item} className="admin-tag">
            <Text className="admin-tag-text">{item}</Text>
            <Text className="admin-tag-remove" onClick={() => onChange(items.filter((i) => i !== item))}>
              ×
            </Text>
          </View>
        ))}
      </View>
      <View className="admin-inline">
        <View className="admin-inline-grow">
          <TextInput value={text} maxlength={max} placeholder={placeholder} onInput={(v) => { setText(v); setProblem(undefined); }} />
        </View>
        <TapButton className="admin-tag-add" small primary={false} onClick={add}>
          添加
        </TapButton>
      </View>
      <FieldError message={problem} />
    </View>
  );
}
