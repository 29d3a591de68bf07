import '../admin.css';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AdminEnterprise } from '@parklink/contract';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { TextInput } from '../Form';
import { useEditing } from '../useEditing';
import { EnterpriseForm } from './EnterpriseForm';
import { ImportPanel } from './ImportPanel';

async function load() {
  const [enterprises, park] = await Promise.all([api.admin.enterprises(), api.admin.park()]);
  return { enterprises, park };
}

/**
 * The park's enterprises (`.admin-enterprise`): name, masked credit code, industry, zone, members;
 * searchable (`.admin-enterprise-search`); 登记企业 (`.admin-enterprise-new`), 批量导入
 * (`.admin-import-open`), 修改 (`.admin-enterprise-edit`) in place.
 */
export default function AdminEnterprisesPage() {
  useMe();
  const list = useLoader(load);
  const { editing, notice, edit, cancel, saved, conflict } = useEditing(list.reload);
  const [importing, setImporting] = useState(false);
  const [q, setQ] = useState('');

  const open = (what: 'new' | 'import' | string) => {
    setImporting(what === 'import');
    edit(what === 'import' ? null : what);
  };
  const form = (e?: AdminEnterprise) => (
    <EnterpriseForm key={e?.id ?? 'new'} enterprise={e} park={list.data?.park ?? null} onSaved={saved} onCancel={cancel} onConflict={conflict} />
  );
  const term = q.trim();
  const all = list.data?.enterprises ?? [];
  const items = term ? all.filter((e) => e.name.includes(term) || e.industry.includes(term) || e.zone.includes(term)) : all;

  return (
    <View className="page admin-page admin-enterprises-page">
      <View className="toolbar admin-toolbar">
        <Text className="admin-count">{list.data ? `共 ${all.length} 家` : ''}</Text>
        <View className="admin-toolbar-buttons">
          <TapButton className="admin-import-open" small primary={false} onClick={() => open('import')}>
            批量导入
          </TapButton>
          <TapButton className="admin-enterprise-new" small onClick={() => open('new')}>
            登记企业
          </TapButton>
        </View>
      </View>
      <ErrorMessage message={list.error ?? notice} />
      {importing ? <ImportPanel onImported={() => void list.reload()} onClose={() => setImporting(false)} /> : null}
      {editing === 'new' && list.data ? form() : null}
      <View className="admin-enterprise-search">
        <TextInput value={q} maxlength={30} placeholder="按名称、行业或片区查找" onInput={setQ} />
      </View>
      {list.data && items.length === 0 ? <EmptyState text={term ? '没有找到' : '还没有企业'} /> : null}
      {items.map((e) =>
        editing === e.id ? (
          form(e)
        ) : (
          <View key={e.id} className="card admin-card admin-enterprise">
            <View className="card-head">
              <Text className="card-title admin-enterprise-name">{e.name}</Text>
              <Text className="admin-members-count">成员 {e.members} 人</Text>
            </View>
            <Text className="card-meta admin-enterprise-code">{e.creditCode}</Text>
            <View className="card-foot admin-card-foot">
              <Text className="card-meta admin-enterprise-where">
                {e.industry} · {e.zone}
              </Text>
              <TapButton className="admin-enterprise-edit" small primary={false} onClick={() => open(e.id)}>
                修改
              </TapButton>
            </View>
          </View>
        ),
      )}
      {list.loading && !list.data ? <Text className="hint">加载中…</Text> : null}
    </View>
  );
}
