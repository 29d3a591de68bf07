import { describe, expect, it } from 'vitest';
import { weekendsOnly } from './calendar';
import { clockView, pauseClock, resumeClock, startClock, stopClock } from './sla';

const hours = (amount: number) => ({ unit: 'hours' as const, amount });
const workingDays = (amount: number) => ({ unit: 'working_days' as const, amount });

describe('deadline clocks', () => {
  it('runs, then misses its deadline', () => {
    const clock = startClock(hours(4), '2026-11-23T01:00:00.000Z', weekendsOnly);
    expect(clock.deadlineAt).toBe('2026-11-23T05:00:00.000Z');
    expect(clockView(clock, '2026-11-23T04:59:00.000Z').state).toBe('running');
    expect(clockView(clock, '2026-11-23T05:01:00.000Z').state).toBe('missed');
  });

  it('is met or missed for good once stopped', () => {
    const clock = startClock(hours(4), '2026-11-23T01:00:00.000Z', weekendsOnly);
    expect(clockView(stopClock(clock, '2026-11-23T03:00:00.000Z'), '2026-12-01T00:00:00.000Z').state).toBe('met');
    expect(clockView(stopClock(clock, '2026-11-23T06:00:00.000Z'), '2026-12-01T00:00:00.000Z').state).toBe('missed');
  });

  it('moves the deadline by exactly the paused time, across several pauses', () => {
    let clock = startClock(hours(72), '2026-11-23T00:00:00.000Z', weekendsOnly);
    clock = pauseClock(clock, '2026-11-23T10:00:00.000Z');
    expect(clockView(clock, '2026-12-30T00:00:00.000Z').state).toBe('paused');
    clock = resumeClock(clock, '2026-11-24T10:00:00.000Z', weekendsOnly); // 24 h paused
    clock = pauseClock(clock, '2026-11-25T00:00:00.000Z');
    clock = resumeClock(clock, '2026-11-25T06:00:00.000Z', weekendsOnly); // 6 h more
    expect(clock.pausedMs).toBe(30 * 3_600_000);
    expect(clock.deadlineAt).toBe('2026-11-27T06:00:00.000Z');
  });

  it('counts a working-day pause in working time only', () => {
    // Thu 2026-11-19 09:00 CST + 3 working days = Tue 11-24 09:00; paused Fri 09:00 → Mon 09:00 = 1 working day.
    let clock = startClock(workingDays(3), '2026-11-19T01:00:00.000Z', weekendsOnly);
    expect(clock.deadlineAt).toBe('2026-11-24T01:00:00.000Z');
    clock = resumeClock(pauseClock(clock, '2026-11-20T01:00:00.000Z'), '2026-11-23T01:00:00.000Z', weekendsOnly);
    expect(clock.deadlineAt).toBe('2026-11-25T01:00:00.000Z');
  });

  it('judges a paused clock at the moment it paused', () => {
    const clock = pauseClock(startClock(hours(1), '2026-11-23T00:00:00.000Z', weekendsOnly), '2026-11-23T00:30:00.000Z');
    expect(clockView(clock, '2026-11-30T00:00:00.000Z').state).toBe('paused');
  });
});
