import type { CreateNeedInput, CreateResourceInput, MarketKind, Need, Resource } from '@parklink/contract';
import { bpToPercent, chinaDate, endOfChinaDay, fenToWan, monthsOf, percentToBp, tagsOf, wanToFen } from '../money';
import { dateOf } from '../text';

/** What the form holds: text as typed. */
export interface FormValues {
  kind: MarketKind | '';
  title: string;
  description: string;
  tags: string;
  expiry: string;
  // need
  amount: string;
  industry: string;
  zone: string;
  // resource
  product: string;
  amountMin: string;
  amountMax: string;
  rateMin: string;
  rateMax: string;
  termMonths: string;
  note: string;
  industries: string[];
  zones: string[];
}

export const DEFAULT_DAYS = 90;

export function emptyValues(): FormValues {
  return {
    kind: '',
    title: '',
    description: '',
    tags: '',
    expiry: chinaDate(Date.now(), DEFAULT_DAYS),
    amount: '',
    industry: '',
    zone: '',
    product: '',
    amountMin: '',
    amountMax: '',
    rateMin: '',
    rateMax: '',
    termMonths: '',
    note: '',
    industries: [],
    zones: [],
  };
}

export function needValues(n: Need): FormValues {
  return { ...emptyValues(), kind: n.kind, title: n.title, description: n.description, tags: n.tags.join(' '), expiry: dateOf(n.expiresAt), amount: fenToWan(n.amountFen), industry: n.industry, zone: n.zone };
}

export function resourceValues(r: Resource): FormValues {
  const t = r.terms;
  return {
    ...emptyValues(),
    kind: r.kind,
    title: r.title,
    description: r.description,
    tags: r.tags.join(' '),
    expiry: dateOf(r.expiresAt),
    product: t.product ?? '',
    amountMin: fenToWan(t.amountMinFen),
    amountMax: fenToWan(t.amountMaxFen),
    rateMin: bpToPercent(t.rateMinBp),
    rateMax: bpToPercent(t.rateMaxBp),
    termMonths: t.termMonthsMax === undefined ? '' : String(t.termMonthsMax),
    note: t.note ?? '',
    industries: r.industries,
    zones: r.zones,
  };
}

type Built<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

/** Form → the API's input; errors keyed like the API's fields (`amountFen`, `terms.rateMaxBp`…). */
export function buildNeed(v: FormValues): Built<CreateNeedInput> {
  const errors: Record<string, string> = {};
  if (!v.kind) errors.kind = '请选择类型';
  const amount = wanToFen(v.amount);
  if (!amount.ok) errors.amountFen = amount.message;
  if (Object.keys(errors).length || !amount.ok || !v.kind) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind: v.kind,
      title: v.title.trim(),
      description: v.description.trim(),
      ...(amount.value !== undefined ? { amountFen: amount.value } : {}),
      ...(v.industry ? { industry: v.industry } : {}),
      ...(v.zone ? { zone: v.zone } : {}),
      tags: tagsOf(v.tags),
      expiresAt: endOfChinaDay(v.expiry),
    },
  };
}

export function buildResource(v: FormValues): Built<CreateResourceInput> {
  const errors: Record<string, string> = {};
  if (!v.kind) errors.kind = '请选择类型';
  const parsed = {
    amountMinFen: wanToFen(v.amountMin),
    amountMaxFen: wanToFen(v.amountMax),
    rateMinBp: percentToBp(v.rateMin),
    rateMaxBp: percentToBp(v.rateMax),
    termMonthsMax: monthsOf(v.termMonths),
  };
  const terms: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(parsed)) {
    if (!p.ok) errors[`terms.${key}`] = p.message;
    else if (p.value !== undefined) terms[key] = p.value;
  }
  if (v.product.trim()) terms.product = v.product.trim();
  if (v.note.trim()) terms.note = v.note.trim();
  if (Object.keys(errors).length || !v.kind) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind: v.kind,
      title: v.title.trim(),
      description: v.description.trim(),
      terms: terms as CreateResourceInput['terms'],
      industries: v.industries,
      zones: v.zones,
      tags: tagsOf(v.tags),
      expiresAt: endOfChinaDay(v.expiry),
    },
  };
}
