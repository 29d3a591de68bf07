/**
 * Missed deadlines climb: at the deadline the department's head is told (level 1); a day later,
 * if still missed, the park administrator (level 2). Each step is recorded on the request under a
 * key naming the clock, the deadline and the level, so no step is ever taken twice for the same
 * deadline — however often, or however concurrently, the sweep runs.
 */
import type { RequestState } from './request';
import type { SlaClock } from './sla';

/** How long after the deadline a still-missed clock goes up to the park administrator. */
export const ADMIN_AFTER_MS = 24 * 3_600_000;

export type ClockName = 'claim' | 'resolve';
export interface Escalation {
  clock: ClockName;
  level: 1 | 2;
  deadlineAt: string;
  key: string;
}

const CLOCKS: ClockName[] = ['claim', 'resolve'];
const escalationKey = (clock: ClockName, deadlineAt: string, level: 1 | 2) => `${clock}@${deadlineAt}#${level}`;
const ticking = (clock: SlaClock) => !clock.stoppedAt && !clock.pausedAt;

function steps(state: RequestState): (Escalation & { dueAt: number })[] {
  if (state.status === 'withdrawn' || state.status === 'rated') return [];
  return CLOCKS.flatMap((name) => {
    const clock = state.clocks[name];
    if (!ticking(clock)) return [];
    const deadline = Date.parse(clock.deadlineAt);
    return ([1, 2] as const).map((level) => ({
      clock: name,
      level,
      deadlineAt: clock.deadlineAt,
      key: escalationKey(name, clock.deadlineAt, level),
      dueAt: level === 1 ? deadline : deadline + ADMIN_AFTER_MS,
    }));
  }).filter((step) => !(state.escalations ?? []).includes(step.key));
}

/** Escalations due now and not yet taken, lowest level first. */
export function dueEscalations(state: RequestState, now: string): Escalation[] {
  const at = Date.parse(now);
  return steps(state)
    .filter((step) => step.dueAt <= at)
    .sort((a, b) => a.level - b.level || a.clock.localeCompare(b.clock))
    .map(({ dueAt, ...step }) => (void dueAt, step));
}

/** When the sweep should next look at this request, if ever. */
export function nextEscalationAt(state: RequestState): string | undefined {
  const times = steps(state).map((step) => step.dueAt);
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}
