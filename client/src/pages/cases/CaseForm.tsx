import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { BankInstrument, TaxService, bankInstrumentLabels, taxServiceLabels, type CaseKind, type EnterpriseRef } from '@parklink/contract';
import { FieldError } from '../../components/FieldError';
import { TapButton } from '../../components/TapButton';
import { EnterprisePicker } from './EnterprisePicker';
import { errorFor, type CaseErrors, type CaseFormValues } from './values';

/** The contract's limits (cases.ts): title 60, purpose 100, up to 10 policies of 60 with a 、 between. */
const MAX_TITLE = 60;
const MAX_PURPOSE = 100;
const MAX_POLICIES = 10 * 60 + 9;
const MAX_DIFFICULTY = 1000;
const MAX_ACTION = 2000;

function Field({ label, className, value, error, placeholder, unit, type = 'text', maxlength, onInput }: {
  label: string;
  className: string;
  value: string;
  error?: string;
  placeholder?: string;
  unit?: string;
  type?: 'text' | 'digit' | 'number';
  /** Without one, WeChat cuts input at 140 characters. */
  maxlength?: number;
  onInput: (v: string) => void;
}) {
  return (
    <View className={`case-field ${className}`}>
      <Text className="label">{label}</Text>
      <View className="input-with-unit">
        <Input className="input" type={type} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
        {unit ? <Text className="input-unit">{unit}</Text> : null}
      </View>
      <FieldError message={error} />
    </View>
  );
}

function Area({ label, className, value, error, placeholder, maxlength, onInput }: {
  label: string;
  className: string;
  value: string;
  error?: string;
  placeholder?: string;
  maxlength: number;
  onInput: (v: string) => void;
}) {
  return (
    <View className={`case-field ${className}`}>
      <Text className="label">{label}</Text>
      <Textarea className="textarea" value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      <FieldError message={error} />
    </View>
  );
}

function DateField({ label, className, value, error, onChange }: { label: string; className: string; value: string; error?: string; onChange: (v: string) => void }) {
  return (
    <View className={`case-field ${className}`}>
      <Text className="label">{label}</Text>
      <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="picker">{value} ▾</View>
      </Picker>
      <FieldError message={error} />
    </View>
  );
}

function OneOf<K extends string>({ className, options, value, onChange }: { className: string; options: { key: K; label: string }[]; value: K; onChange: (k: K) => void }) {
  return (
    <View className="choice-list">
      {options.map((o) => (
        <Text key={o.key} className={`choice ${className} ${className}-${o.key} ${o.key === value ? 'choice-on' : ''}`} onClick={() => onChange(o.key)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

const INSTRUMENTS = BankInstrument.options.map((key) => ({ key, label: bankInstrumentLabels[key] }));
const SERVICES = TaxService.options.map((key) => ({ key, label: taxServiceLabels[key] }));

/**
 * The case form (`.case-form`): title (`.case-title-field`), enterprises, the figures of its kind
 * (bank: `.case-instrument`, `.case-amount`, `.case-rate`, `.case-term`, `.case-granted`,
 * `.case-purpose`, `.case-preferential`; tax: `.case-service`, `.case-saved`, `.case-policies`,
 * `.case-date`), narrative (`.case-difficulty`, `.case-action`); `.case-save` sends.
 */
export function CaseForm({
  kind,
  initial,
  enterprises,
  known,
  errors,
  busy,
  submitLabel,
  onSubmit,
}: {
  kind: CaseKind;
  initial: CaseFormValues;
  enterprises: EnterpriseRef[];
  known: { id: string; name: string }[];
  errors: CaseErrors;
  busy: boolean;
  submitLabel: string;
  onSubmit: (v: CaseFormValues) => void;
}) {
  const [v, setV] = useState(initial);
  const set = <K extends keyof CaseFormValues>(key: K, value: CaseFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));
  const err = (key: string) => errorFor(errors, key);

  return (
    <View className="case-form">
      <View className="section">
        <Field label="标题" className="case-title-field" maxlength={MAX_TITLE} value={v.title} placeholder="如 鑫锐电子获 300 万元科技贷" error={err('title')} onInput={(x) => set('title', x)} />
        <Text className="label">服务企业</Text>
        <EnterprisePicker enterprises={enterprises} known={known} selected={v.enterpriseIds} onChange={(ids) => set('enterpriseIds', ids)} />
        <FieldError message={err('enterpriseIds')} />
      </View>

      {kind === 'bank' ? (
        <View className="section">
          <Text className="section-title">融资信息</Text>
          <OneOf className="case-instrument" options={INSTRUMENTS} value={v.instrument} onChange={(x) => set('instrument', x)} />
          <FieldError message={err('bank.instrument')} />
          <Field label="金额" className="case-amount" type="digit" unit="万元" value={v.amountWan} placeholder="300" error={err('bank.amountFen') ?? (errors.bank && !err('bank.amountFen') ? errors.bank : undefined)} onInput={(x) => set('amountWan', x)} />
          <Field label="年利率（选填）" className="case-rate" type="digit" unit="%" value={v.ratePercent} placeholder="3.85" error={err('bank.rateBp')} onInput={(x) => set('ratePercent', x)} />
          <Field label="期限（选填）" className="case-term" type="number" unit="个月" value={v.termMonths} placeholder="12" error={err('bank.termMonths')} onInput={(x) => set('termMonths', x)} />
          <DateField label="发放日期" className="case-granted" value={v.grantedOn} error={err('bank.grantedOn')} onChange={(x) => set('grantedOn', x)} />
          <Field label="用途（选填）" className="case-purpose" maxlength={MAX_PURPOSE} value={v.purpose} placeholder="如 流动资金" error={err('bank.purpose')} onInput={(x) => set('purpose', x)} />
          <View className="choice-list">
            <Text className={`choice case-preferential ${v.preferential ? 'choice-on' : ''}`} onClick={() => set('preferential', !v.preferential)}>
              {v.preferential ? '✓ 普惠 / 优惠产品' : '普惠 / 优惠产品（点此选择）'}
            </Text>
          </View>
        </View>
      ) : (
        <View className="section">
          <Text className="section-title">税费服务</Text>
          <OneOf className="case-service" options={SERVICES} value={v.service} onChange={(x) => set('service', x)} />
          <FieldError message={err('tax.service')} />
          <Field label="减免 / 退税金额" className="case-saved" type="digit" unit="万元" value={v.savedWan} placeholder="没有可计的金额填 0" error={err('tax.savedFen') ?? errors.tax} onInput={(x) => set('savedWan', x)} />
          <Field label="适用政策（选填，用顿号分隔）" className="case-policies" maxlength={MAX_POLICIES} value={v.policies} placeholder="如 研发费用加计扣除、小微企业减免" error={err('tax.policies')} onInput={(x) => set('policies', x)} />
          <DateField label="服务日期" className="case-date" value={v.date} error={err('tax.date')} onChange={(x) => set('date', x)} />
        </View>
      )}

      <View className="section">
        <Text className="section-title">案例经过</Text>
        <Area label="企业遇到的困难" className="case-difficulty" maxlength={MAX_DIFFICULTY} value={v.difficulty} error={err('narrative.difficulty')} onInput={(x) => set('difficulty', x)} />
        <Area label="采取的举措" className="case-action" maxlength={MAX_ACTION} value={v.action} error={err('narrative.action')} onInput={(x) => set('action', x)} />
      </View>

      {Object.keys(errors).length ? <Text className="field-error form-has-errors">请修改标红的内容后再保存</Text> : null}
      <TapButton className="case-save" busy={busy} onClick={() => onSubmit(v)}>
        {submitLabel}
      </TapButton>
    </View>
  );
}
