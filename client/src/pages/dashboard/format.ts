/**
 * Pure formatting for the dashboard and the ledger: periods as China dates, per-mille rates,
 * minutes in words, fen in 万元, bar widths. No Taro here, so any test runner can load it.
 */
import type { Rate } from '@parklink/contract';

const CHINA_MS = 8 * 3_600_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Today's date in China, 'YYYY-MM-DD', whatever the device's timezone. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + CHINA_MS).toISOString().slice(0, 10);
}

export interface Period {
  from: string;
  to: string;
}

export type Preset = 'month' | 'lastMonth' | 'quarter' | 'year';
export const PRESETS: Preset[] = ['month', 'lastMonth', 'quarter', 'year'];
export const presetLabels: Record<Preset, string> = { month: '本月', lastMonth: '上月', quarter: '本季度', year: '本年' };

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A preset's dates as of `today`: the running month, quarter and year end today; 上月 is whole. */
export function presetPeriod(preset: Preset, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (preset === 'month') return { from: `${today.slice(0, 7)}-01`, to: today };
  if (preset === 'quarter') return { from: `${year}-${pad(month - ((month - 1) % 3))}-01`, to: today };
  if (preset === 'year') return { from: `${year}-01-01`, to: today };
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
}

/** The preset a period equals, so dates picked by hand that happen to match light its chip. */
export function presetOf(period: Period, today: string): Preset | undefined {
  return PRESETS.find((p) => {
    const q = presetPeriod(p, today);
    return q.from === period.from && q.to === period.to;
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A period from page parameters when both are dates in order, else undefined. */
export function periodFrom(from?: string, to?: string): Period | undefined {
  return from && to && DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : undefined;
}

/** 875 ‰ → '87.5%', 1000 → '100%'; '—' when nothing was there to count. */
export function rateText(rate: Rate): string {
  if (rate.permille === undefined) return '—';
  return `${(rate.permille / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

/** What a rate was computed from: '35 / 40', or '暂无' without a base. */
export function rateBase(rate: Rate): string {
  return rate.of > 0 ? `${rate.met} / ${rate.of}` : '暂无';
}

/** Minutes in words: '45 分钟', '3 小时 20 分', '2 天', '2 天 3 小时'; '—' when absent. */
export function durationText(minutes: number | undefined): string {
  if (minutes === undefined) return '—';
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return '不到 1 分钟';
  if (m < 60) return `${m} 分钟`;
  if (m < 1440) return `${Math.floor(m / 60)} 小时${m % 60 ? ` ${m % 60} 分` : ''}`;
  const hours = Math.floor((m % 1440) / 60);
  return `${Math.floor(m / 1440)} 天${hours ? ` ${hours} 小时` : ''}`;
}

/** How long ago a deadline passed, in minutes (0 when it has not). */
export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** How long past its deadline: '已超时 1 小时 5 分'; '刚超时' in its first minute. */
export function overdueText(minutes: number): string {
  return minutes < 1 ? '刚超时' : `已超时 ${durationText(minutes)}`;
}

/** Fen → 万元 with at most 2 decimals: 300000000 → '300', 1250000 → '1.25'. */
export function wanText(fen: number): string {
  return String(Number((fen / 1_000_000).toFixed(2)));
}

/** A bar's CSS width: its share of `max`, never so thin that a non-zero value disappears. */
export function barWidth(value: number, max: number): string {
  if (!(max > 0) || !(value > 0)) return '0%';
  return `${Math.max(2, Math.min(100, Math.round((value / max) * 1000) / 10))}%`;
}

/** '2026-11-01 至 2026-11-23'. */
export function periodText(period: Period): string {
  return period.from === period.to ? period.from : `${period.from} 至 ${period.to}`;
}
