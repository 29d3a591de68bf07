import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { AdminCategory, AdminDepartment } from '@parklink/contract';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { Field, Panel, SomeOf, TextInput } from '../Form';
import { useSave } from '../useSave';
import { SlaInput, slaDraft, toSla } from './SlaInput';

/**
 * New category or a change to one on the version read: name (`.admin-field-name`), description,
 * the two deadlines (`.admin-sla-claim`, `.admin-sla-resolve`), handling departments
 * (`.admin-category-department`), order; `.admin-category-save`. Extra questions (fields) are
 * kept as they are: this form does not edit them.
 */
export function CategoryForm({ category, departments, onSaved, onCancel, onConflict }: {
  category?: AdminCategory;
  departments: AdminDepartment[];
  onSaved: () => void;
  onCancel: () => void;
  onConflict: () => void;
}) {
  const [name, setName] = useState(category?.name ?? '');
  const [description, setDescription] = useState(category?.description ?? '');
  const [claim, setClaim] = useState(slaDraft(category?.claimSla ?? { unit: 'hours', amount: 4 }));
  const [resolve, setResolve] = useState(slaDraft(category?.resolveSla ?? { unit: 'working_days', amount: 3 }));
  const [departmentIds, setDepartmentIds] = useState<string[]>(category?.departmentIds ?? []);
  const [order, setOrder] = useState(String(category?.order ?? 100));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useSave();

  const submit = async () => {
    const claimSla = toSla(claim);
    const resolveSla = toSla(resolve);
    const problems: Record<string, string> = {};
    if (typeof claimSla === 'string') problems.claimSla = claimSla;
    if (typeof resolveSla === 'string') problems.resolveSla = resolveSla;
    if (!/^\d{1,4}$/.test(order.trim())) problems.order = '请填写 0–1000 的整数';
    setLocal(problems);
    if (Object.keys(problems).length || typeof claimSla === 'string' || typeof resolveSla === 'string') return;
    const input = { name: name.trim(), description: description.trim(), claimSla, resolveSla, departmentIds, order: Number(order) };
    const saved = await save.run(
      () => (category ? api.admin.updateCategory(category.id, { ...input, version: category.version }) : api.admin.createCategory({ ...input, fields: [] })),
      onConflict,
    );
    if (saved) onSaved();
  };
  const err = (key: string) => local[key] ?? save.field(key);

  return (
    <Panel className={`admin-category-form admin-category-form-${category ? 'edit' : 'new'}`} title={category ? `修改：${category.name}` : '新建诉求类别'} onCancel={onCancel}>
      <Field name="name" label="类别名称" error={err('name')}>
        <TextInput value={name} maxlength={20} placeholder="如 合同审查" onInput={setName} />
      </Field>
      <Field name="description" label="说明（选填）" error={err('description')}>
        <Textarea className="textarea admin-textarea" value={description} maxlength={100} placeholder="企业提交时看到的说明" onInput={(e) => setDescription(e.detail.value)} />
      </Field>
      <Field name="claim" label="响应时限（认领并首次答复）" error={err('claimSla')}>
        <SlaInput name="claim" value={claim} onChange={setClaim} />
      </Field>
      <Field name="resolve" label="办结时限（从提交起算）" error={err('resolveSla')} hint="工作日按园区工作日历计算，节假日不计">
        <SlaInput name="resolve" value={resolve} onChange={setResolve} />
      </Field>
      <Field name="departments" label="承办部门（可多选）" error={err('departmentIds')}>
        <SomeOf options={departments.map((d) => ({ key: d.id, label: d.name }))} selected={departmentIds} className="admin-category-department" onChange={setDepartmentIds} />
      </Field>
      <Field name="order" label="排序" error={err('order')} hint="数字小的排在前面">
        <TextInput number value={order} maxlength={4} onInput={setOrder} />
      </Field>
      <ErrorMessage message={save.message(['name', 'description', 'claimSla', 'resolveSla', 'departmentIds', 'order'])} />
      <View className="admin-form-actions">
        <TapButton className="admin-category-save" busy={save.busy} onClick={() => void submit()}>
          {category ? '保存修改' : '创建类别'}
        </TapButton>
      </View>
    </Panel>
  );
}
