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

/** '步行 3 分钟 · 骑行 1 分钟 · 兴业街 6 号': how far, on a station's card. */
export function minutesText(s: Pick<StationSummary, 'walkMinutes' | 'rideMinutes' | 'address'>): string {
  return `步行 ${s.walkMinutes} 分钟 · 骑行 ${s.rideMinutes} 分钟 · ${s.address}`;
}

/** '今日 09:00–17:00'. */
export function todayText(s: Pick<StationSummary, 'hoursToday'>): string {
  return `今日 ${s.hoursToday}`;
}

/** The stations page's words that index.html's early list shows too (early/stationsScreen.ts). */
export const STATIONS_WORDS = {
  nearMe: '我的位置附近',
  locate: '重新定位',
  chooseDistrict: '按区县找',
  navigate: '导航',
} as const;

/** The 只看开放中 chip: on, or off (then every station shows). */
export function openNowChipText(openNow: boolean): string {
  return openNow ? '✓ 只看开放中' : '显示全部';
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
