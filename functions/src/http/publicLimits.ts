/** The public routes' guard: counts the call against its rules and refuses it (429) over a limit. */
import { createHash } from 'node:crypto';
import { overLimit, windowStart, type RateRule } from '../domain/rateLimits';
import { rateLimitStore } from '../store/rateLimits';
import type { Context } from './middleware';

/** The caller's address as API Gateway saw it (never a header a client could set). */
export const sourceIp = (ctx: Context) => ctx.event.requestContext?.http?.sourceIp ?? 'unknown';

/** Devices are stored and counted by a hash: the raw id never reaches the table. */
export const deviceHash = (deviceId: string) => createHash('sha256').update(deviceId).digest('base64url').slice(0, 22);

export async function enforceLimits(ctx: Context, checks: [RateRule, string][]): Promise<void> {
  const now = ctx.deps.clock.now().getTime();
  const hits = await Promise.all(checks.map(([rule, caller]) => rateLimitStore.hit(ctx.deps.db, rule.name, caller, windowStart(now, rule), rule.windowMs)));
  for (const [i, [rule]] of checks.entries()) {
    const refusal = overLimit(rule, hits[i]!, now, ctx.deps.config.rateLimitFactor);
    if (refusal) throw refusal;
  }
}
