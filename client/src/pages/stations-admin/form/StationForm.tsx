import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { Amenity, amenityLabels, type StationHost } from '@parklink/contract';
import { ActionButton } from '../../../components/ActionButton';
import { FieldError } from '../../../components/FieldError';
import { Chips } from './Chips';
import { ClosureEditor } from './ClosureEditor';
import { HoursEditor } from './HoursEditor';
import type { FormErrors, StationFormValues } from './values';

const AMENITIES = Amenity.options.map((a) => ({ key: a, label: amenityLabels[a] }));
const MAX_NOTICE = 100;

function TextField({ label, className, value, error, placeholder, onInput, type = 'text', maxlength }: {
  label: string;
  className: string;
  value: string;
  error?: string;
  placeholder?: string;
  type?: 'text' | 'digit';
  /** The contract's limit (stations.ts); without one, WeChat cuts input at 140 characters. */
  maxlength?: number;
  onInput: (v: string) => void;
}) {
  return (
    <View className="station-field">
      <Text className="label">{label}</Text>
      <Input className={`input ${className}`} type={type} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      <FieldError message={error} />
    </View>
  );
}

/**
 * The station form (`.station-form`), for editing (hosts and the admin) and creating (admin).
 * Only the admin gets name, address, district, location (`.form-name`, `.form-address`,
 * `.form-district`, `.form-lat`, `.form-lng`) and hosts (`.form-host`); everyone gets hours,
 * 节假日休息 (`.form-holidays`), amenities (`.form-amenity`), notice (`.form-notice`), phone
 * (`.form-phone`) and, when editing, temporary closures. `.form-submit` sends.
 */
export function StationForm({
  initial,
  admin,
  creating = false,
  hosts = [],
  errors,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial: StationFormValues;
  admin: boolean;
  creating?: boolean;
  hosts?: StationHost[];
  errors: FormErrors;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: StationFormValues) => void;
}) {
  const [v, setV] = useState(initial);
  const set = <K extends keyof StationFormValues>(key: K, value: StationFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));

  return (
    <View className="station-form">
      {admin ? (
        <View className="section">
          <Text className="section-title">基本信息</Text>
          <TextField label="名称" className="form-name" maxlength={40} value={v.name} error={errors.name} onInput={(x) => set('name', x)} />
          <TextField label="地址" className="form-address" maxlength={80} value={v.address} error={errors.address} onInput={(x) => set('address', x)} />
          <TextField label="区县" className="form-district" maxlength={20} value={v.district} placeholder="如 本溪市平山区" error={errors.district} onInput={(x) => set('district', x)} />
          <TextField label="纬度（GCJ-02）" className="form-lat" type="digit" value={v.lat} placeholder="41.2945" error={errors['location.lat'] ?? errors.location} onInput={(x) => set('lat', x)} />
          <TextField label="经度（GCJ-02）" className="form-lng" type="digit" value={v.lng} placeholder="123.7662" error={errors['location.lng']} onInput={(x) => set('lng', x)} />
          <Text className="label">驿站管理员</Text>
          {hosts.length ? (
            <Chips className="form-host" options={hosts.map((h) => ({ key: h.id, label: h.name }))} selected={v.hostIds} onChange={(x) => set('hostIds', x)} />
          ) : (
            <Text className="hint">园区还没有驿站管理员账号</Text>
          )}
          <FieldError message={errors.hostIds} />
        </View>
      ) : null}

      <View className="section">
        <Text className="section-title">开放时间</Text>
        <HoursEditor weekly={v.weekly} errors={errors} onChange={(w) => set('weekly', w)} />
        <View className="choice-list holiday-row">
          <Text className={`choice form-holidays ${v.closedOnHolidays ? 'choice-on' : ''}`} onClick={() => set('closedOnHolidays', !v.closedOnHolidays)}>
            {v.closedOnHolidays ? '✓ 法定节假日休息' : '法定节假日照常开放（点此改为休息）'}
          </Text>
        </View>
      </View>

      {!creating ? (
        <View className="section">
          <Text className="section-title">临时闭站</Text>
          <ClosureEditor closures={v.closures} errors={errors} onChange={(c) => set('closures', c)} />
        </View>
      ) : null}

      <View className="section">
        <Text className="section-title">设施</Text>
        <Chips className="form-amenity" options={AMENITIES} selected={v.amenities} onChange={(x) => set('amenities', x)} />
        <FieldError message={errors.amenities} />
      </View>

      <View className="section">
        <Text className="section-title">公告</Text>
        <Textarea className="textarea form-notice" value={v.notice} maxlength={MAX_NOTICE} placeholder="给骑手的话，如 今日热水器维修" onInput={(e) => set('notice', e.detail.value)} />
        <Text className="hint form-notice-count">
          {v.notice.length}/{MAX_NOTICE}
        </Text>
        <FieldError message={errors.notice} />
        <TextField label="联系电话（仅园区可见）" className="form-phone" value={v.contactPhone} placeholder="手机或座机，如 024-42861234" error={errors.contactPhone} onInput={(x) => set('contactPhone', x)} />
      </View>

      {Object.keys(errors).length ? <Text className="field-error form-has-errors">请修改标红的内容后再保存</Text> : null}
      <ActionButton className="form-submit" busy={busy} onClick={() => onSubmit(v)}>
        {submitLabel}
      </ActionButton>
    </View>
  );
}
