import { View } from '@tarojs/components';
import { useState } from 'react';
import { DepartmentKind, type AdminDepartment } from '@parklink/contract';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { Field, OneOf, Panel, TextInput } from '../Form';
import { departmentKindLabels } from '../text';
import { useSave } from '../useSave';

const KINDS = DepartmentKind.options.map((key) => ({ key, label: departmentKindLabels[key] }));

/**
 * New department (`.admin-department-form-new`) or a change to one on the version read: name
 * (`.admin-field-name`), kind (`.admin-kind-option`), `.admin-department-save`.
 */
export function DepartmentForm({ department, onSaved, onCancel, onConflict }: { department?: AdminDepartment; onSaved: (d: AdminDepartment) => void; onCancel: () => void; onConflict: () => void }) {
  const [name, setName] = useState(department?.name ?? '');
  const [kind, setKind] = useState<DepartmentKind | ''>(department?.kind ?? '');
  const [missing, setMissing] = useState<string | undefined>();
  const save = useSave();

  const submit = async () => {
    if (!kind) return setMissing('请选择部门类型');
    setMissing(undefined);
    const input = { name: name.trim(), kind };
    const saved = await save.run(
      () => (department ? api.admin.updateDepartment(department.id, { ...input, version: department.version }) : api.admin.createDepartment(input)),
      onConflict,
    );
    if (saved) onSaved(saved);
  };

  return (
    <Panel className={`admin-department-form admin-department-form-${department ? 'edit' : 'new'}`} title={department ? `修改：${department.name}` : '新建部门'} onCancel={onCancel}>
      <Field name="name" label="部门名称" error={save.field('name')}>
        <TextInput value={name} maxlength={40} placeholder="如 园区法律顾问律师事务所" onInput={setName} />
      </Field>
      <Field name="kind" label="类型" error={missing ?? save.field('kind')}>
        <OneOf options={KINDS} value={kind} className="admin-kind-option" onChange={setKind} />
      </Field>
      <ErrorMessage message={save.message(['name', 'kind'])} />
      <View className="admin-form-actions">
        <TapButton className="admin-department-save" busy={save.busy} onClick={() => void submit()}>
          {department ? '保存修改' : '创建部门'}
        </TapButton>
      </View>
    </Panel>
  );
}
