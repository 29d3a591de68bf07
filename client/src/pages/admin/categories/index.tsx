import '../admin.css';
import { Text, View } from '@tarojs/components';
import type { AdminCategory } from '@parklink/contract';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { slaText } from '../../../lib/time';
import { useEditing } from '../useEditing';
import { CategoryForm } from './CategoryForm';

async function load() {
  const [categories, departments] = await Promise.all([api.admin.categories(), api.admin.departments()]);
  return { categories: [...categories].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh')), departments };
}

/**
 * Request categories (`.admin-category`): name, both deadlines in words (`.admin-category-claim`,
 * `.admin-category-resolve`), handling departments; 新建类别 (`.admin-category-new`), 修改
 * (`.admin-category-edit`) opens the form in place.
 */
export default function AdminCategoriesPage() {
  useMe();
  const list = useLoader(load);
  const { editing, notice, edit, cancel, saved, conflict } = useEditing(list.reload);
  const departments = list.data?.departments ?? [];
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;

  const form = (c?: AdminCategory) => <CategoryForm key={c?.id ?? 'new'} category={c} departments={departments} onSaved={saved} onCancel={cancel} onConflict={conflict} />;
  const items = list.data?.categories ?? [];

  return (
    <View className="page admin-page admin-categories-page">
      <View className="toolbar admin-toolbar">
        <Text className="admin-count">{list.data ? `共 ${items.length} 个类别` : ''}</Text>
        {editing !== 'new' ? (
          <TapButton className="admin-category-new" small onClick={() => edit('new')}>
            新建类别
          </TapButton>
        ) : null}
      </View>
      <ErrorMessage message={list.error ?? notice} />
      {editing === 'new' ? form() : null}
      {list.data && items.length === 0 ? <EmptyState text="还没有诉求类别" /> : null}
      {items.map((c) =>
        editing === c.id ? (
          form(c)
        ) : (
          <View key={c.id} className="card admin-card admin-category">
            <View className="card-head">
              <Text className="card-title admin-category-name">{c.name}</Text>
              <Text className="admin-order">排序 {c.order}</Text>
            </View>
            {c.description ? <Text className="card-meta">{c.description}</Text> : null}
            <View className="admin-deadlines">
              <Text className="admin-deadline admin-category-claim">{slaText(c.claimSla)}内认领答复</Text>
              <Text className="admin-deadline admin-category-resolve">{slaText(c.resolveSla)}内办结</Text>
            </View>
            {c.fields.length ? <Text className="card-meta">附加问题 {c.fields.length} 项</Text> : null}
            <View className="card-foot admin-card-foot">
              <Text className="card-meta admin-category-departments">承办：{c.departmentIds.map(departmentName).join('、')}</Text>
              <TapButton className="admin-category-edit" small primary={false} onClick={() => edit(c.id)}>
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
