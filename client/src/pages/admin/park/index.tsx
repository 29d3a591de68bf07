import '../admin.css';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ParkProfile } from '@parklink/contract';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { Field, TextInput } from '../Form';
import { TagEditor } from '../TagEditor';
import { useSave } from '../useSave';

/**
 * The park's profile: name (`.admin-field-name`), zones (`.admin-tags-zones`) and industries
 * (`.admin-tags-industries`), saved together on the version read (`.admin-park-save`). Enterprises
 * and posts pick their zone and industry from these lists.
 */
export default function AdminParkPage() {
  useMe();
  const park = useLoader(() => api.admin.park());
  const [draft, setDraft] = useState<ParkProfile | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSave();

  // What was loaded replaces the draft: on first load, on pull-down and after a conflict.
  useEffect(() => {
    if (park.data) setDraft(park.data);
  }, [park.data]);

  if (!draft) {
    return (
      <View className="page admin-page">
        <ErrorMessage message={park.error} />
        {park.loading ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }

  const set = (patch: Partial<ParkProfile>) => {
    setDraft({ ...draft, ...patch });
    setNotice(null);
  };
  const submit = async () => {
    setNotice(null);
    const saved = await save.run(
      () => api.admin.updatePark({ version: draft.version, name: draft.name.trim(), zones: draft.zones, industries: draft.industries }),
      () => void park.reload(),
    );
    if (saved) {
      park.setData(saved);
      setNotice('已保存');
      void Taro.showToast({ title: '已保存', icon: 'success' });
    }
  };
  const changed = JSON.stringify(draft) !== JSON.stringify(park.data);

  return (
    <View className="page admin-page admin-park-page">
      <View className="section">
        <Field name="name" label="园区名称" error={save.field('name')}>
          <TextInput value={draft.name} maxlength={40} onInput={(v) => set({ name: v })} />
        </Field>
      </View>
      <View className="section">
        <Text className="section-title">片区</Text>
        <TagEditor name="zones" items={draft.zones} placeholder="如 东区" onChange={(zones) => set({ zones })} />
        <Text className="hint">企业登记、供需发布时从中选择</Text>
        <FieldError message={save.field('zones')} />
      </View>
      <View className="section">
        <Text className="section-title">行业</Text>
        <TagEditor name="industries" items={draft.industries} placeholder="如 电子信息" onChange={(industries) => set({ industries })} />
        <FieldError message={save.field('industries')} />
      </View>
      <ErrorMessage message={save.message(['name', 'zones', 'industries'])} />
      {notice ? <Text className="admin-notice">{notice}</Text> : null}
      <TapButton className="admin-park-save" busy={save.busy} primary={changed} onClick={() => void submit()}>
        {changed ? '保存修改' : '未修改'}
      </TapButton>
    </View>
  );
}
