/**
 * China's public holidays and make-up working days (调休), as published each year by the General
 * Office of the State Council (国务院办公厅关于…年部分节假日安排的通知). Seed data only: the park admin
 * keeps the calendar up to date, and a year that is not listed counts weekends only.
 */
import type { WorkCalendar } from '../domain/calendar';

const range = (from: string, days: number) =>
  Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

export const chinaHolidays: Record<number, WorkCalendar> = {
  2025: {
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', 8), // 春节
      ...range('2025-04-04', 3), // 清明
      ...range('2025-05-01', 5), // 劳动节
      ...range('2025-05-31', 3), // 端午
      ...range('2025-10-01', 8), // 国庆、中秋
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...range('2026-01-01', 3), // 元旦
      ...range('2026-02-15', 9), // 春节
      ...range('2026-04-04', 3), // 清明
      ...range('2026-05-01', 5), // 劳动节
      ...range('2026-06-19', 3), // 端午
      ...range('2026-09-25', 3), // 中秋
      ...range('2026-10-01', 7), // 国庆
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

export function calendarFor(years: number[]): WorkCalendar {
  return {
    holidays: years.flatMap((year) => chinaHolidays[year]?.holidays ?? []),
    workdays: years.flatMap((year) => chinaHolidays[year]?.workdays ?? []),
  };
}
