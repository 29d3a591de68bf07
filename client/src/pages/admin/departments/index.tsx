import '../admin.css';
import { Text, View } from '@tarojs/components';
import type { AdminDepartment } from '@parklink/contract';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { departmentKindLabels } from '../text';
import { useEditing } from '../useEditing';
import { DepartmentForm } from './DepartmentForm';

async function load() {
  const [departments, categories] = await Promise.all([api.admin.departments(), api.admin.categories()]);
  return { departments, categoryNames: Object.fromEntries(categories.map((c) => [c.id, c.name])) as Record<string, string> };
}

/**
 * The park's departments (`.admin-department`): name, kind, members, the categories it handles;
 * 新建部门 (`.admin-department-new`) and 修改 (`.admin-department-edit`) open the form in place.
 */
export default function AdminDepartmentsPage() {
  useMe();
  const list = useLoader(load);
  const { editing, notice, edit, cancel, saved, conflict } = useEditing(list.reload);
  const form = (d?: AdminDepartment) => <DepartmentForm key={d?.id ?? 'new'} department={d} onSaved={saved} onCancel={cancel} onConflict={conflict} />;
  const items = list.data?.departments ?? [];

  return (
    <View className="page admin-page admin-departments-page">
      <View className="toolbar admin-toolbar">
        <Text className="admin-count">{list.data ? `共 ${items.length} 个部门` : ''}</Text>
        {editing !== 'new' ? (
          <TapButton className="admin-department-new" small onClick={() => edit('new')}>
            新建部门
          </TapButton>
        ) : null}
      </View>
      <ErrorMessage message={list.error ?? notice} />
      {editing === 'new' ? form() : null}
      {list.data && items.length === 0 ? <EmptyState text="还没有部门" /> : null}
      {items.map((d) =>
        editing === d.id ? (
          form(d)
        ) : (
          <View key={d.id} className="card admin-card admin-department">
            <View className="card-head">
              <Text className="card-title admin-department-name">{d.name}</Text>
              <Text className={`admin-kind admin-kind-${d.kind}`}>{departmentKindLabels[d.kind]}</Text>
            </View>
            <Text className="card-meta admin-department-members">成员 {d.members} 人</Text>
            <View className="card-foot admin-card-foot">
              <Text className="card-meta admin-department-categories">
                承办：{d.categoryIds.map((id) => list.data?.categoryNames[id] ?? id).join('、') || '暂无类别'}
              </Text>
              <TapButton className="admin-department-edit" small primary={false} onClick={() => edit(d.id)}>
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
