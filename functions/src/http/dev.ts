/**
 * Development and test hooks: the demo logins (pick a seeded person, no WeChat), moving the stack's
 * clock and running the overdue sweep now, for browser tests. Never in prod, twice over: the
 * `dev` function is packaged for the local `dev` stage only (serverless.yml `devOnly`,
 * scripts/deploy/devOnlyFunctions.cjs), and the middleware refuses every `devOnly` route of the
 * policy when the stage is prod (http/policy.ts).
 */
import { DevClockInput, DevLoginInput, type DevUserList } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { sweepOverdue } from '../jobs/overdueSweep';
import { writeClockOffset } from '../store/devClock';
import { directory, type UserRecord } from '../store/directory';
import { sessionFor } from './auth';
import type { Deps } from './deps';
import { json, lambdaHandler, route } from './middleware';

export const devRoutes = [
  route('devUsers', async ({ deps }) => {
    const users = (await directory.listDemoUsers(deps.db)).sort(byRoleThenUnit);
    const parkNames = await parkNamesOf(deps, users);
    const body: DevUserList = {
      users: users.map((u) => ({
        id: u.id,
        name: u.name,
        parkId: u.parkId,
        parkName: parkNames.get(u.parkId) ?? u.parkId,
        roles: u.roles,
        ...(u.departmentName ? { departmentName: u.departmentName } : {}),
        ...(u.enterpriseName ? { enterpriseName: u.enterpriseName } : {}),
      })),
    };
    return json(200, body);
  }),

  route('devLogin', async (ctx) => {
    const { userId } = ctx.body(DevLoginInput);
    const user = await directory.findUserById(ctx.deps.db, userId);
    if (!user?.demo) throw notFound('演示用户', 'demo user');
    return json(200, await sessionFor(ctx.deps, user));
  }),

  route('devClock', async (ctx) => {
    const { offsetMinutes } = ctx.body(DevClockInput);
    await writeClockOffset(ctx.deps.db, offsetMinutes * 60_000);
    // The clock of this call was read before the change: report the new time.
    const now = new Date(Date.now() + offsetMinutes * 60_000);
    return json(200, { offsetMinutes, now: now.toISOString() });
  }),

  route('devSweep', async (ctx) => json(200, await sweepOverdue(ctx.deps))),
];

export const handler = lambdaHandler(devRoutes);

const ROLE_ORDER = ['enterprise', 'liaison', 'dept_head', 'station_host', 'admin'];
const unitOf = (u: UserRecord) => u.enterpriseName ?? u.departmentName ?? '';

/** Enterprises first, then liaisons and heads grouped by department: the order a tester looks for them. */
function byRoleThenUnit(a: UserRecord, b: UserRecord): number {
  const role = (u: UserRecord) => ROLE_ORDER.indexOf(u.roles[0] ?? 'admin');
  return role(a) - role(b) || unitOf(a).localeCompare(unitOf(b), 'zh-CN') || a.id.localeCompare(b.id);
}

async function parkNamesOf(deps: Deps, users: UserRecord[]): Promise<Map<string, string>> {
  const parkIds = [...new Set(users.map((u) => u.parkId))];
  const parks = await Promise.all(parkIds.map((id) => directory.getPark(deps.db, id)));
  return new Map(parks.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
}
