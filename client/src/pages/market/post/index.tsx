import '../market.css';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Need, Resource } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { chinaDate } from '../money';
import { OneOf, SomeOf, asOptions } from '../Choices';
import { detailUrl, kindOptions, type PostType } from '../text';
import { Field, TextBox, TextInput } from './Field';
import { buildNeed, buildResource, emptyValues, needValues, resourceValues, type FormValues } from './values';

/**
 * Post a need (enterprises) or a resource (departments, enterprises), or edit one (`id`): the change
 * goes with the version read; when someone else changed it meanwhile (409) the form reloads and says so.
 */
export default function MarketPostPage() {
  useMe();
  const params = useRouter().params;
  const type: PostType = params.type === 'resource' ? 'resource' : 'need';
  const id = params.id ?? '';
  const [values, setValues] = useState<FormValues>(emptyValues);
  const [version, setVersion] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const busy = useRef(false);
  const park = useLoader(() => api.market.park());

  const fill = (post: Need | Resource) => {
    setValues(type === 'need' ? needValues(post as Need) : resourceValues(post as Resource));
    setVersion(post.version);
  };
  const loadPost = async () => {
    try {
      fill(type === 'need' ? await api.market.getNeed(id) : await api.market.getResource(id));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorText(err));
    }
  };
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${id ? '修改' : '发布'}${type === 'need' ? '需求' : '资源'}` });
    if (id) void loadPost();
  }, [id, type]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors({});
  };

  const submit = async () => {
    if (busy.current) return;
    const built = type === 'need' ? buildNeed(values) : buildResource(values);
    if (!built.ok) {
      setErrors(built.errors);
      setError('请检查标红的内容');
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    setNotice(null);
    setErrors({});
    try {
      const saved: Need | Resource = id
        ? type === 'need'
          ? await api.market.updateNeed(id, { ...(built.input as Parameters<typeof api.market.createNeed>[0]), version })
          : await api.market.updateResource(id, { ...(built.input as Parameters<typeof api.market.createResource>[0]), version })
        : type === 'need'
          ? await api.market.createNeed(built.input as Parameters<typeof api.market.createNeed>[0])
          : await api.market.createResource(built.input as Parameters<typeof api.market.createResource>[0]);
      void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' });
      // A new post opens its page (with suggestions); an edit goes back to it.
      if (id) void Taro.navigateBack();
      else void Taro.redirectTo({ url: detailUrl(type, saved.id) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setNotice('内容已被他人修改，已重新载入最新内容，请确认后再保存');
        await loadPost();
      } else {
        setError(errorText(err));
        if (err instanceof ApiError) setErrors(err.fieldMap());
      }
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  const industries = park.data?.industries ?? [];
  const zones = park.data?.zones ?? [];
  const today = chinaDate();
  const e = (key: string) => errors[key];
  const anyError = (prefix: string) => Object.entries(errors).find(([k]) => k.startsWith(prefix))?.[1];

  return (
    <View className={`page post-form post-form-${type}`}>
      <ErrorMessage message={loadError ?? notice} />
      <Field name="kind" label="类型" required error={e('kind')}>
        <OneOf options={kindOptions} value={values.kind} className="post-kind-option" onChange={(k) => set('kind', k)} />
      </Field>
      <Field name="title" label="标题" required error={e('title')}>
        <TextInput value={values.title} onInput={(v) => set('title', v)} placeholder={type === 'need' ? '如：购置贴片设备需贷款' : '如：小微企业信用贷款'} />
      </Field>
      <Field name="description" label="说明" required error={e('description')}>
        <TextBox value={values.description} onInput={(v) => set('description', v)} placeholder="至少 10 个字：用途、要求、时间等" />
      </Field>

      {type === 'need' ? (
        <>
          <Field name="amount" label="金额" error={e('amountFen')} hint="融资、订单等填写，可不填">
            <TextInput digit value={values.amount} onInput={(v) => set('amount', v)} unit="万元" placeholder="如 300" />
          </Field>
          <Field name="industry" label="行业" error={e('industry')}>
            <OneOf options={asOptions(industries)} value={values.industry} className="post-industry-option" allLabel="本企业所属" onChange={(v) => set('industry', v)} />
          </Field>
          <Field name="zone" label="片区" error={e('zone')}>
            <OneOf options={asOptions(zones)} value={values.zone} className="post-zone-option" allLabel="本企业所在" onChange={(v) => set('zone', v)} />
          </Field>
        </>
      ) : (
        <>
          <Field name="product" label="产品名称" error={e('terms.product')}>
            <TextInput value={values.product} onInput={(v) => set('product', v)} maxlength={40} placeholder="如：小微易贷" />
          </Field>
          <Field name="amount-range" label="额度范围" error={e('terms.amountMinFen') ?? e('terms.amountMaxFen')}>
            <View className="range-row">
              <View className="post-amount-min">
                <TextInput digit value={values.amountMin} onInput={(v) => set('amountMin', v)} unit="万元起" placeholder="最低" />
              </View>
              <View className="post-amount-max">
                <TextInput digit value={values.amountMax} onInput={(v) => set('amountMax', v)} unit="万元止" placeholder="最高" />
              </View>
            </View>
          </Field>
          <Field name="rate-range" label="年利率" error={e('terms.rateMinBp') ?? e('terms.rateMaxBp')}>
            <View className="range-row">
              <View className="post-rate-min">
                <TextInput digit value={values.rateMin} onInput={(v) => set('rateMin', v)} unit="% 起" placeholder="最低" />
              </View>
              <View className="post-rate-max">
                <TextInput digit value={values.rateMax} onInput={(v) => set('rateMax', v)} unit="% 止" placeholder="最高" />
              </View>
            </View>
          </Field>
          <Field name="term" label="最长期限" error={e('terms.termMonthsMax')}>
            <TextInput digit value={values.termMonths} onInput={(v) => set('termMonths', v)} unit="个月" />
          </Field>
          <Field name="note" label="条件说明" error={e('terms.note') ?? anyError('terms')}>
            <TextInput value={values.note} onInput={(v) => set('note', v)} maxlength={200} placeholder="如：需纳税满一年" />
          </Field>
          <Field name="industries" label="面向行业" error={anyError('industries')} hint="不选：所有行业">
            <SomeOf options={industries} selected={values.industries} className="post-industries-option" onChange={(v) => set('industries', v)} />
          </Field>
          <Field name="zones" label="服务片区" error={anyError('zones')} hint="不选：所有片区">
            <SomeOf options={zones} selected={values.zones} className="post-zones-option" onChange={(v) => set('zones', v)} />
          </Field>
        </>
      )}

      <Field name="tags" label="标签" error={anyError('tags')} hint="用空格或逗号分隔，最多 8 个">
        <TextInput value={values.tags} onInput={(v) => set('tags', v)} maxlength={120} placeholder="如：设备 贷款" />
      </Field>
      <Field name="expiry" label="截止日期" required error={e('expiresAt')}>
        <Picker mode="date" value={values.expiry} start={chinaDate(Date.now(), 1)} end={chinaDate(Date.now(), 365)} onChange={(ev) => set('expiry', String(ev.detail.value))}>
          <View className="picker post-expiry-picker">{values.expiry}</View>
        </Picker>
        {values.expiry <= today ? <Text className="hint">截止日期应晚于今天</Text> : null}
      </Field>

      <ErrorMessage message={error} />
      <TapButton className="post-submit" busy={sending} onClick={() => void submit()}>
        {id ? '保存修改' : '发布'}
      </TapButton>
    </View>
  );
}
