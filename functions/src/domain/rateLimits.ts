/**
 * Limits on the public station routes (no login, so no account to hold responsible): per address
 * for everything, per device for reports. Fixed windows: simple to count atomically, and a burst
 * at a window's edge can at most double a limit, which these generous limits absorb.
 *
 * | rule          | counts                               | limit          |
 * |---------------|--------------------------------------|----------------|
 * | read-ip       | nearby, station detail, districts    | 120 / minute   |
 * | checkin-ip    | check-ins                            | 60 / minute    |
 * | report-ip     | problem reports                      | 20 / hour      |
 * | report-device | problem reports from one device      | 5 / hour       |
 *
 * A whole depot of riders behind one carrier NAT address stays well within read-ip.
 */
import { DomainError } from './errors';

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RATE_RULES = {
  readIp: { name: 'read-ip', limit: 120, windowMs: MINUTE },
  checkInIp: { name: 'checkin-ip', limit: 60, windowMs: MINUTE },
  reportIp: { name: 'report-ip', limit: 20, windowMs: HOUR },
  reportDevice: { name: 'report-device', limit: 5, windowMs: HOUR },
} satisfies Record<string, RateRule>;

export const windowStart = (nowMs: number, rule: RateRule) => Math.floor(nowMs / rule.windowMs) * rule.windowMs;

/** The refusal when `hits` went over the rule's limit (scaled by `factor`), else undefined. */
export function overLimit(rule: RateRule, hits: number, nowMs: number, factor = 1): DomainError | undefined {
  if (hits <= rule.limit * factor) return undefined;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart(nowMs, rule) + rule.windowMs - nowMs) / 1000));
  const error = new DomainError('RATE_LIMITED', `操作太频繁，请 ${retryAfterSeconds} 秒后再试`, `rate limit ${rule.name} exceeded; retry after ${retryAfterSeconds}s`);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
}
