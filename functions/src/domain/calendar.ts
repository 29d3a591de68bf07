/**
 * The park's working calendar (工作日): weekends off, China's public holidays off, and the make-up
 * working days (调休) on — as data the State Council publishes each year and an admin can update.
 * Days are counted in China Standard Time (UTC+8, no daylight saving).
 */
export interface WorkCalendar {
  /** Days off that would otherwise be working days, `YYYY-MM-DD`. */
  holidays: string[];
  /** Weekend days that are working days (调休上班), `YYYY-MM-DD`. */
  workdays: string[];
}

import { DomainError } from './errors';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export const weekendsOnly: WorkCalendar = { holidays: [], workdays: [] };

/** Start of the China-time day containing `ms`, as epoch ms. */
const dayStart = (ms: number) => Math.floor((ms + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
const dateKey = (dayStartMs: number) => new Date(dayStartMs + CST_OFFSET_MS).toISOString().slice(0, 10);

export function isWorkingDay(calendar: WorkCalendar, dayStartMs: number): boolean {
  const key = dateKey(dayStartMs);
  if (calendar.workdays.includes(key)) return true;
  if (calendar.holidays.includes(key)) return false;
  const weekday = new Date(dayStartMs + CST_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The instant when `workingMs` of working-day time has passed after `from` (every hour of a working day counts). */
export function addWorkingTime(calendar: WorkCalendar, from: string, workingMs: number): string {
  let cursor = Date.parse(from);
  let left = workingMs;
  // Bounded: even a year of holidays ends; 3,660 days is ten years of calendar.
  for (let guard = 0; guard < 3660; guard++) {
    const start = dayStart(cursor);
    const end = start + DAY_MS;
    if (isWorkingDay(calendar, start)) {
      const available = end - cursor;
      if (left <= available) return new Date(cursor + left).toISOString();
      left -= available;
    }
    cursor = end;
  }
  throw new Error('working time does not fit in ten years of calendar');
}

/** Working-day time between two instants (0 if `to` is not after `from`). */
export function workingTimeBetween(calendar: WorkCalendar, from: string, to: string): number {
  let cursor = Date.parse(from);
  const stop = Date.parse(to);
  let total = 0;
  while (cursor < stop) {
    const start = dayStart(cursor);
    const end = Math.min(start + DAY_MS, stop);
    if (isWorkingDay(calendar, start)) total += end - cursor;
    cursor = end;
  }
  return total;
}

/**
 * An admin's calendar, checked: real dates, no day both off and on, and make-up working days only
 * on weekends (that is what 调休 means). Sorted and without repeats.
 */
export function checkCalendar(input: WorkCalendar): WorkCalendar {
  // A shape like 2026-13-01 parses to no time at all, and toISOString() of that throws (a 500).
  const real = (date: string) => {
    const time = Date.parse(`${date}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
  };
  const bad = [...input.holidays, ...input.workdays].find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || !real(d));
  if (bad) throw new DomainError('VALIDATION_FAILED', `日期无效：${bad}`, `not a date: ${bad}`, 'holidays');
  const holidays = [...new Set(input.holidays)].sort();
  const workdays = [...new Set(input.workdays)].sort();
  const both = workdays.find((d) => holidays.includes(d));
  if (both) throw new DomainError('VALIDATION_FAILED', `${both} 不能既是假日又是调休工作日`, `${both} is both a holiday and a workday`, 'workdays');
  const weekday = workdays.find((d) => {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  });
  if (weekday) throw new DomainError('VALIDATION_FAILED', `${weekday} 本就是工作日，调休上班日应为周末`, `${weekday} is a weekday`, 'workdays');
  return { holidays, workdays };
}
