import { DevClockInput } from '@parklink/contract';
import { DomainError } from '../domain/errors';
import { sweepOverdue } from '../jobs/overdueSweep';
import { writeClockOffset } from '../store/devClock';
import type { Deps } from './deps';
import { json, lambdaHandler, route } from './middleware';

/** Test hooks for browser tests, refused in prod: move the stack's clock, run the overdue sweep now. */
export const devRoutes = [
  route('devClock', async (ctx) => {
    refuseInProd(ctx.deps);
    const { offsetMinutes } = ctx.body(DevClockInput);
    await writeClockOffset(ctx.deps.db, offsetMinutes * 60_000);
    // The clock of this call was read before the change: report the new time.
    const now = new Date(Date.now() + offsetMinutes * 60_000);
    return json(200, { offsetMinutes, now: now.toISOString() });
  }),

  route('devSweep', async (ctx) => {
    refuseInProd(ctx.deps);
    return json(200, await sweepOverdue(ctx.deps));
  }),
];

export const handler = lambdaHandler(devRoutes);

function refuseInProd(deps: Deps) {
  if (deps.config.stage === 'prod') {
    throw new DomainError('NOT_AVAILABLE_IN_PROD', '生产环境不提供测试接口', 'test hooks are disabled in prod');
  }
}
