import { describe, expect, it } from 'vitest';
import { hoursToday, openState, scheduleProblems, type Schedule } from './openingHours';

const everyDay = (...intervals: [string, string][]) => Array.from({ length: 7 }, () => intervals.map(([open, close]) => ({ open, close })));
/** An instant given in China time. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

const daytime: Schedule = { weekly: everyDay(['08:00', '12:00'], ['14:00', '20:00']), closedOnHolidays: false, closures: [] };

describe('opening hours in China time', () => {
  it('is open inside an interval and says until when, closed between and after', () => {
    expect(openState(daytime, [], cst('2026-11-23T09:30:00'))).toEqual({ open: true, closesAt: cst('2026-11-23T12:00:00') });
    expect(openState(daytime, [], cst('2026-11-23T12:00:00'))).toEqual({ open: false, reason: 'hours' });
    expect(openState(daytime, [], cst('2026-11-23T13:59:00')).open).toBe(false);
    expect(openState(daytime, [], cst('2026-11-23T20:00:00')).open).toBe(false);
  });

  it('runs an overnight interval past midnight, owned by the evening it starts', () => {
    const night: Schedule = { weekly: everyDay(['22:00', '06:00']), closedOnHolidays: false, closures: [] };
    expect(openState(night, [], cst('2026-11-23T23:00:00'))).toEqual({ open: true, closesAt: cst('2026-11-24T06:00:00') });
    expect(openState(night, [], cst('2026-11-24T05:59:00'))).toEqual({ open: true, closesAt: cst('2026-11-24T06:00:00') });
    expect(openState(night, [], cst('2026-11-24T06:00:00')).open).toBe(false);
    // Sunday night only: Monday 03:00 is still open, Monday 23:00 is not.
    const sundayNight: Schedule = { ...night, weekly: [[{ open: '22:00', close: '06:00' }], [], [], [], [], [], []] };
    expect(openState(sundayNight, [], cst('2026-11-23T03:00:00')).open).toBe(true); // 2026-11-23 is a Monday
    expect(openState(sundayNight, [], cst('2026-11-23T23:00:00')).open).toBe(false);
  });

  it('closes on holidays when the host says so, including the night that starts on one', () => {
    const holidayClosed: Schedule = { weekly: everyDay(['22:00', '06:00']), closedOnHolidays: true, closures: [] };
    expect(openState(holidayClosed, ['2026-10-01'], cst('2026-10-01T23:00:00'))).toEqual({ open: false, reason: 'holiday' });
    expect(openState(holidayClosed, ['2026-10-01'], cst('2026-10-02T03:00:00'))).toEqual({ open: false, reason: 'holiday' });
    // The night of 09-30 (a working day) runs into the holiday morning: open.
    expect(openState(holidayClosed, ['2026-10-01'], cst('2026-10-01T03:00:00')).open).toBe(true);
    expect(openState({ ...holidayClosed, closedOnHolidays: false }, ['2026-10-01'], cst('2026-10-01T23:00:00')).open).toBe(true);
  });

  it('honours a temporary closure over its exact span', () => {
    const closed: Schedule = { ...daytime, closures: [{ from: cst('2026-11-23T10:00:00'), to: cst('2026-11-23T11:00:00'), reason: '设备检修' }] };
    expect(openState(closed, [], cst('2026-11-23T09:59:00')).open).toBe(true);
    expect(openState(closed, [], cst('2026-11-23T10:30:00'))).toEqual({ open: false, reason: 'closure' });
    expect(openState(closed, [], cst('2026-11-23T11:00:00')).open).toBe(true);
  });

  it('judges by China time whatever the server’s clock zone: 01:00 UTC is 09:00 in China', () => {
    expect(openState(daytime, [], '2026-11-23T01:00:00.000Z').open).toBe(true);
    expect(openState(daytime, [], '2026-11-23T13:00:00.000Z').open).toBe(false); // 21:00 in China
  });
});

describe("today's hours in words", () => {
  it.each([
    [daytime, [], '08:00–12:00、14:00–20:00'],
    [{ ...daytime, weekly: everyDay(['22:00', '06:00']) }, [], '22:00–次日06:00'],
    [{ ...daytime, weekly: everyDay(['00:00', '24:00']) }, [], '全天开放'],
    [{ ...daytime, weekly: everyDay() }, [], '今日休息'],
    [{ ...daytime, closedOnHolidays: true }, ['2026-11-23'], '节假日休息'],
  ] as [Schedule, string[], string][])('%#: %s', (schedule, holidays, text) => {
    expect(hoursToday(schedule, holidays, cst('2026-11-23T10:00:00'))).toBe(text);
  });
});

describe('schedule checks', () => {
  it('finds malformed times and backwards closures', () => {
    expect(scheduleProblems(daytime)).toEqual([]);
    const bad: Schedule = {
      weekly: [[{ open: '25:00', close: '06:00' }], [], [], [], [], [], []],
      closedOnHolidays: false,
      closures: [{ from: cst('2026-11-23T11:00:00'), to: cst('2026-11-23T10:00:00') }],
    };
    expect(scheduleProblems(bad)).toEqual(['周日的时段格式应为 HH:MM', '临时闭站的结束时间应晚于开始时间']);
  });
});
