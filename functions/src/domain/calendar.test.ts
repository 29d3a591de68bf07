import { describe, expect, it } from 'vitest';
import { addWorkingTime, isWorkingDay, workingTimeBetween, type WorkCalendar } from './calendar';

const DAY = 86_400_000;
// 2026 as published by the State Council (excerpt): National Day 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat) on.
const cal2026: WorkCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
};
const day = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

describe('the working calendar', () => {
  it('knows weekends, holidays and make-up working days, in China time', () => {
    expect(isWorkingDay(cal2026, day('2026-11-23'))).toBe(true); // Monday
    expect(isWorkingDay(cal2026, day('2026-11-22'))).toBe(false); // Sunday
    expect(isWorkingDay(cal2026, day('2026-10-05'))).toBe(false); // National Day (a Monday)
    expect(isWorkingDay(cal2026, day('2026-10-10'))).toBe(true); // make-up Saturday
    expect(isWorkingDay(cal2026, day('2026-09-20'))).toBe(true); // make-up Sunday
  });

  it('adds working days across a weekend, keeping the time of day', () => {
    // Friday 15:00 China time + 3 working days → Wednesday 15:00.
    expect(addWorkingTime(cal2026, '2026-11-20T07:00:00.000Z', 3 * DAY)).toBe('2026-11-25T07:00:00.000Z');
  });

  it('starts counting on the next working day when submitted on a day off', () => {
    // Saturday 10:00 → Monday 00:00 starts the clock → 1 working day later is Tuesday 00:00 (China time).
    expect(addWorkingTime(cal2026, '2026-11-21T02:00:00.000Z', DAY)).toBe('2026-11-23T16:00:00.000Z');
  });

  it('jumps the National Day week and stops on the make-up Saturday', () => {
    // Wed 2026-09-30 09:00 + 2 working days: Sep 30 (rest of day), Oct 1–7 off, Oct 8 (Thu) on → Oct 9 09:00.
    expect(addWorkingTime(cal2026, '2026-09-30T01:00:00.000Z', 2 * DAY)).toBe('2026-10-09T01:00:00.000Z');
    // Fri 2026-10-09 09:00 + 1 working day → Sat 10-10 is a working day → 10-10 09:00.
    expect(addWorkingTime(cal2026, '2026-10-09T01:00:00.000Z', DAY)).toBe('2026-10-10T01:00:00.000Z');
  });

  it('measures working time between instants, the inverse of adding it', () => {
    const from = '2026-09-29T03:00:00.000Z';
    const to = addWorkingTime(cal2026, from, 4 * DAY + 5 * 3_600_000);
    expect(workingTimeBetween(cal2026, from, to)).toBe(4 * DAY + 5 * 3_600_000);
    expect(workingTimeBetween(cal2026, to, from)).toBe(0);
    // A whole weekend is worth nothing.
    expect(workingTimeBetween(cal2026, '2026-11-20T16:00:00.000Z', '2026-11-22T16:00:00.000Z')).toBe(0);
  });
});
