/**
 * Opening hours of a care station, judged in China time whatever the server's timezone: several
 * intervals a weekday, overnight ones (22:00–06:00 belongs to the evening it starts), holidays
 * closed if the host says so, and temporary closures.
 */
const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

export interface Interval {
  /** 'HH:MM'. A close at or before the open runs past midnight into the next day. */
  open: string;
  close: string;
}

export interface Schedule {
  /** Seven lists, Sunday first (like Date.getDay). */
  weekly: Interval[][];
  closedOnHolidays: boolean;
  /** Temporary closures by the host: [from, to) as ISO instants. */
  closures: { from: string; to: string; reason?: string }[];
}

export type OpenState =
  | { open: true; closesAt: string }
  | { open: false; reason: 'closure' | 'holiday' | 'hours' };

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};
const isOvernight = (i: Interval) => minutes(i.close) <= minutes(i.open);

/** The China-time day containing an instant: its start (epoch ms), date key and weekday. */
function chinaDay(ms: number) {
  const start = Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
  const local = new Date(start + CST_MS);
  return { start, key: local.toISOString().slice(0, 10), weekday: local.getUTCDay() };
}

export function openState(schedule: Schedule, holidays: string[], at: string): OpenState {
  const now = Date.parse(at);
  if (schedule.closures.some((c) => Date.parse(c.from) <= now && now < Date.parse(c.to))) return { open: false, reason: 'closure' };
  const today = chinaDay(now);
  const yesterday = chinaDay(now - DAY_MS);
  const dayOff = (day: { key: string }) => schedule.closedOnHolidays && holidays.includes(day.key);
  // Intervals that started today, and last night's that run into today.
  const candidates = [
    ...(schedule.weekly[today.weekday] ?? []).map((i) => ({ i, day: today })),
    ...(schedule.weekly[yesterday.weekday] ?? []).filter(isOvernight).map((i) => ({ i, day: yesterday })),
  ];
  let heldByHoliday = false;
  for (const { i, day } of candidates) {
    const opensAt = day.start + minutes(i.open) * 60_000;
    const closesAt = day.start + (minutes(i.close) + (isOvernight(i) ? 24 * 60 : 0)) * 60_000;
    if (now < opensAt || now >= closesAt) continue;
    if (dayOff(day)) {
      heldByHoliday = true;
      continue;
    }
    return { open: true, closesAt: new Date(closesAt).toISOString() };
  }
  return { open: false, reason: heldByHoliday ? 'holiday' : 'hours' };
}

/** Today's hours in words, e.g. '08:00–12:00、22:00–次日06:00', '今日休息' or '全天开放'. */
export function hoursToday(schedule: Schedule, holidays: string[], at: string): string {
  const today = chinaDay(Date.parse(at));
  if (schedule.closedOnHolidays && holidays.includes(today.key)) return '节假日休息';
  const intervals = schedule.weekly[today.weekday] ?? [];
  if (intervals.length === 0) return '今日休息';
  if (intervals.length === 1 && intervals[0]!.open === '00:00' && ['00:00', '24:00'].includes(intervals[0]!.close)) return '全天开放';
  return intervals.map((i) => `${i.open}–${isOvernight(i) ? '次日' : ''}${i.close}`).join('、');
}

/** Problems with a schedule, in Chinese, for the host's form; empty when it is sound. */
export function scheduleProblems(schedule: Schedule): string[] {
  const problems: string[] = [];
  if (schedule.weekly.length !== 7) problems.push('每周应有 7 天的时段');
  const valid = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  schedule.weekly.forEach((day, weekday) => {
    for (const i of day) {
      if (!valid.test(i.open) || i.open === '24:00' || !valid.test(i.close)) problems.push(`周${'日一二三四五六'[weekday]}的时段格式应为 HH:MM`);
    }
  });
  for (const c of schedule.closures) {
    if (!(Date.parse(c.from) < Date.parse(c.to))) problems.push('临时闭站的结束时间应晚于开始时间');
  }
  return problems;
}
