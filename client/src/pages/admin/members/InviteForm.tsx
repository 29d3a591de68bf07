import { View } from '@tarojs/components';
import { useState } from 'react';
import { Role, roleLabels, type AdminDepartment, type AdminEnterprise } from '@parklink/contract';
import { api } from '../../../api';
import type { InvitationResult } from '../../../api/admin';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { Field, OneOf, Panel, TextInput } from '../Form';
import { useSave } from '../useSave';
import { UnitPicker } from './UnitPicker';

const ROLES = Role.options.map((key) => ({ key, label: roleLabels[key] }));
const inDepartment = (r: Role | '') => r === 'liaison' || r === 'dept_head';

/**
 * 邀请成员: name (`.admin-field-name`), role (`.admin-role-option`), then the department
 * (`.admin-invite-department`) or enterprise (`.admin-invite-enterprise`) the role acts for, and
 * how many days the code works (`.admin-field-expiry`); `.admin-invite-send`.
 */
export function InviteForm({ departments, enterprises, onInvited, onCancel }: {
  departments: AdminDepartment[];
  enterprises: AdminEnterprise[];
  onInvited: (r: InvitationResult) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [departmentId, setDepartmentId] = useState('');
  const [enterpriseId, setEnterpriseId] = useState('');
  const [days, setDays] = useState('7');
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useSave();

  const submit = async () => {
    const problems: Record<string, string> = {};
    if (!role) problems.role = '请选择角色';
    const expiresInDays = Number(days);
    if (!/^\d+$/.test(days.trim()) || expiresInDays < 1 || expiresInDays > 30) problems.expiresInDays = '有效期为 1–30 天';
    setLocal(problems);
    if (!role || Object.keys(problems).length) return;
    const result = await save.run(() =>
      api.admin.invite({
        name: name.trim(),
        role,
        expiresInDays,
        ...(inDepartment(role) && departmentId ? { departmentId } : {}),
        ...(role === 'enterprise' && enterpriseId ? { enterpriseId } : {}),
      }),
    );
    if (result) onInvited(result);
  };
  const err = (key: string) => local[key] ?? save.field(key);

  return (
    <Panel className="admin-invite-form" title="邀请成员" onCancel={onCancel}>
      <Field name="name" label="姓名" error={err('name')}>
        <TextInput value={name} maxlength={20} placeholder="真实姓名" onInput={setName} />
      </Field>
      <Field name="role" label="角色" error={err('role')}>
        <OneOf options={ROLES} value={role} className="admin-role-option" onChange={setRole} />
      </Field>
      {inDepartment(role) ? (
        <Field name="department" label="所在部门" error={err('departmentId')}>
          <UnitPicker units={departments} value={departmentId} className="admin-invite-department" onChange={setDepartmentId} />
        </Field>
      ) : null}
      {role === 'enterprise' ? (
        <Field name="enterprise" label="所属企业" error={err('enterpriseId')}>
          <UnitPicker units={enterprises} value={enterpriseId} className="admin-invite-enterprise" onChange={setEnterpriseId} />
        </Field>
      ) : null}
      <Field name="expiry" label="邀请码有效天数" error={err('expiresInDays')} hint="1–30 天，只能使用一次">
        <TextInput number value={days} maxlength={2} onInput={setDays} />
      </Field>
      <ErrorMessage message={save.message(['name', 'role', 'departmentId', 'enterpriseId', 'expiresInDays'])} />
      <View className="admin-form-actions">
        <TapButton className="admin-invite-send" busy={save.busy} onClick={() => void submit()}>
          生成邀请码
        </TapButton>
      </View>
    </Panel>
  );
}
