import { View } from '@tarojs/components';
import { useState } from 'react';
import type { AdminEnterprise, ParkProfile } from '@parklink/contract';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { Field, OneOf, Panel, TextInput, asOptions } from '../Form';
import { useSave } from '../useSave';

/** Zone or industry: from the park's list when it keeps one (the server insists), else typed. */
function ListOrText({ list, value, className, placeholder, onChange }: { list: string[]; value: string; className: string; placeholder: string; onChange: (v: string) => void }) {
  if (list.length) return <OneOf options={asOptions(list)} value={value} className={className} onChange={onChange} />;
  return <TextInput value={value} maxlength={20} placeholder={placeholder} onInput={onChange} />;
}

/**
 * New enterprise or a change to one on the version read: name, 18-character credit code
 * (`.admin-field-creditCode`; the server checks its check character), industry
 * (`.admin-industry-option`), zone (`.admin-zone-option`); `.admin-enterprise-save`.
 */
export function EnterpriseForm({ enterprise, park, onSaved, onCancel, onConflict }: {
  enterprise?: AdminEnterprise;
  park: ParkProfile | null;
  onSaved: () => void;
  onCancel: () => void;
  onConflict: () => void;
}) {
  const [name, setName] = useState(enterprise?.name ?? '');
  // Lists show the code masked: an edit leaves it as it is unless a whole new one is typed.
  const [creditCode, setCreditCode] = useState('');
  const [industry, setIndustry] = useState(enterprise?.industry ?? '');
  const [zone, setZone] = useState(enterprise?.zone ?? '');
  const save = useSave();

  const submit = async () => {
    const code = creditCode.trim().toUpperCase();
    const input = { name: name.trim(), industry, zone };
    const saved = await save.run(
      () =>
        enterprise
          ? api.admin.updateEnterprise(enterprise.id, { ...input, ...(code ? { creditCode: code } : {}), version: enterprise.version })
          : api.admin.createEnterprise({ ...input, creditCode: code }),
      onConflict,
    );
    if (saved) onSaved();
  };

  return (
    <Panel className={`admin-enterprise-form admin-enterprise-form-${enterprise ? 'edit' : 'new'}`} title={enterprise ? `修改：${enterprise.name}` : '登记企业'} onCancel={onCancel}>
      <Field name="name" label="企业名称" error={save.field('name')}>
        <TextInput value={name} maxlength={60} placeholder="营业执照上的名称" onInput={setName} />
      </Field>
      <Field
        name="creditCode"
        label="统一社会信用代码"
        error={save.field('creditCode')}
        hint={enterprise ? `现为 ${enterprise.creditCode}，不修改请留空` : '18 位，见营业执照'}
      >
        <TextInput value={creditCode} maxlength={18} placeholder="如 91510100MA61R8XK2X" onInput={setCreditCode} />
      </Field>
      <Field name="industry" label="行业" error={save.field('industry')}>
        <ListOrText list={park?.industries ?? []} value={industry} className="admin-industry-option" placeholder="如 电子信息" onChange={setIndustry} />
      </Field>
      <Field name="zone" label="片区" error={save.field('zone')}>
        <ListOrText list={park?.zones ?? []} value={zone} className="admin-zone-option" placeholder="如 东区" onChange={setZone} />
      </Field>
      <ErrorMessage message={save.message(['name', 'creditCode', 'industry', 'zone'])} />
      <View className="admin-form-actions">
        <TapButton className="admin-enterprise-save" busy={save.busy} onClick={() => void submit()}>
          {enterprise ? '保存修改' : '登记企业'}
        </TapButton>
      </View>
    </Panel>
  );
}
