import type { StationSummary } from '@parklink/contract';
import { chinaClock } from './chinaTime';

export const CLOSED_REASON_LABELS: Record<NonNullable<StationSummary['closedReason']>, string> = {
  hours: '不在开放时间',
  holiday: '节假日休息',
  closure: '临时闭站',
};

/** '开放中 · 至 20:00' or '已关闭 · 节假日休息'. */
export function openText(s: Pick<StationSummary, 'openNow' | 'closesAt' | 'closedReason'>): string {
  if (s.openNow) return s.closesAt ? `开放中 · 至 ${chinaClock(s.closesAt)}` : '开放中';
  return `已关闭 · ${CLOSED_REASON_LABELS[s.closedReason ?? 'hours']}`;
}

/** Rows Monday first for display; the data is Sunday first (index 0 = 周日). */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** One day's intervals in words: '08:00–12:00、22:00–次日06:00', '休息' or '全天'. */
export function dayHoursText(intervals: { open: string; close: string }[]): string {
  if (intervals.length === 0) return '休息';
  if (intervals.length === 1 && intervals[0]!.open === '00:00' && ['00:00', '24:00'].includes(intervals[0]!.close)) return '全天';
  return intervals.map((i) => `${i.open}–${i.close <= i.open ? '次日' : ''}${i.close}`).join('、');
}
