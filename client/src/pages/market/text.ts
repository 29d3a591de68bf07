import { marketKindLabels, postStatusLabels, type MarketKind, type Need, type Resource } from '@parklink/contract';
import { fenRangeText, fenText, bpToPercent } from './money';

export type PostType = 'need' | 'resource';

export const kindOptions = (Object.keys(marketKindLabels) as MarketKind[]).map((k) => ({ key: k, label: marketKindLabels[k] }));

/** The status shown on a post: 已过期 when it closed by its date. */
export function postStatusText(p: Need | Resource): string {
  if (p.status === 'closed' && p.closedReason === 'expired') return '已过期';
  return postStatusLabels[p.status];
}

/** A need's amount, a resource's range (and rates, term) in one line; '' when there is none. */
export function amountText(type: PostType, p: Need | Resource): string {
  if (type === 'need') {
    const n = p as Need;
    return n.amountFen !== undefined ? fenText(n.amountFen) : '';
  }
  const t = (p as Resource).terms;
  const parts = [fenRangeText(t.amountMinFen, t.amountMaxFen)];
  if (t.rateMinBp !== undefined || t.rateMaxBp !== undefined) {
    const lo = bpToPercent(t.rateMinBp);
    const hi = bpToPercent(t.rateMaxBp);
    parts.push(`年利率 ${lo && hi ? `${lo}%–${hi}%` : `${lo || hi}%`}`);
  }
  if (t.termMonthsMax !== undefined) parts.push(`最长 ${t.termMonthsMax} 个月`);
  return parts.filter(Boolean).join(' · ');
}

/** Where a post applies: a need's industry and zone; a resource's lists (empty: 不限). */
export function scopeText(type: PostType, p: Need | Resource): string {
  if (type === 'need') {
    const n = p as Need;
    return [n.industry, n.zone].filter(Boolean).join(' · ');
  }
  const r = p as Resource;
  return `${r.industries.length ? r.industries.join('、') : '行业不限'} · ${r.zones.length ? r.zones.join('、') : '片区不限'}`;
}

export const dateOf = (iso: string): string => {
  const d = new Date(iso);
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return Number.isNaN(d.getTime()) ? iso : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function detailUrl(type: PostType, id: string): string {
  return `/pages/market/detail/index?type=${type}&id=${encodeURIComponent(id)}`;
}
