/**
 * Deadline clocks (时限). A clock has a length (calendar hours or working days), a start, time spent
 * paused (waiting on the enterprise) and maybe a stop. Its deadline is always recomputed from those,
 * so a pause is kept exactly however often the request is transferred or reopened.
 */
import type { SlaClockView, SlaSpec } from '@parklink/contract';
import { addWorkingTime, workingTimeBetween, type WorkCalendar } from './calendar';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SlaClock {
  spec: SlaSpec;
  startedAt: string;
  /** Paused time already banked, in the clock's own time (calendar or working). */
  pausedMs: number;
  pausedAt?: string;
  stoppedAt?: string;
  deadlineAt: string;
}

export function startClock(spec: SlaSpec, at: string, calendar: WorkCalendar): SlaClock {
  return withDeadline({ spec, startedAt: at, pausedMs: 0 }, calendar);
}

export function pauseClock(clock: SlaClock, at: string): SlaClock {
  if (clock.pausedAt || clock.stoppedAt) return clock;
  return { ...clock, pausedAt: at };
}

/** Banks the pause and moves the deadline by exactly the paused (clock) time. */
export function resumeClock(clock: SlaClock, at: string, calendar: WorkCalendar): SlaClock {
  if (!clock.pausedAt) return clock;
  const paused = elapsed(clock.spec, clock.pausedAt, at, calendar);
  const { pausedAt, ...rest } = clock;
  void pausedAt;
  return withDeadline({ ...rest, pausedMs: clock.pausedMs + paused }, calendar);
}

export function stopClock(clock: SlaClock, at: string): SlaClock {
  if (clock.stoppedAt) return clock;
  return { ...clock, stoppedAt: at };
}

/** Met or missed once stopped; missed as soon as a running clock passes its deadline. */
export function clockView(clock: SlaClock, now: string): SlaClockView {
  if (clock.stoppedAt) {
    const met = Date.parse(clock.stoppedAt) <= Date.parse(clock.deadlineAt);
    return { deadlineAt: clock.deadlineAt, state: met ? 'met' : 'missed', stoppedAt: clock.stoppedAt };
  }
  // A paused clock is judged at the moment it paused: the enterprise's wait is not the department's.
  const judgedAt = clock.pausedAt ?? now;
  if (Date.parse(judgedAt) > Date.parse(clock.deadlineAt)) return { deadlineAt: clock.deadlineAt, state: 'missed' };
  return { deadlineAt: clock.deadlineAt, state: clock.pausedAt ? 'paused' : 'running' };
}

export const isMissed = (clock: SlaClock, now: string) => clockView(clock, now).state === 'missed';

function withDeadline(clock: Omit<SlaClock, 'deadlineAt'>, calendar: WorkCalendar): SlaClock {
  const total = budget(clock.spec) + clock.pausedMs;
  const deadlineAt =
    clock.spec.unit === 'hours'
      ? new Date(Date.parse(clock.startedAt) + total).toISOString()
      : addWorkingTime(calendar, clock.startedAt, total);
  return { ...clock, deadlineAt };
}

const budget = (spec: SlaSpec) => spec.amount * (spec.unit === 'hours' ? HOUR_MS : DAY_MS);

function elapsed(spec: SlaSpec, from: string, to: string, calendar: WorkCalendar): number {
  if (spec.unit === 'hours') return Math.max(0, Date.parse(to) - Date.parse(from));
  return workingTimeBetween(calendar, from, to);
}
