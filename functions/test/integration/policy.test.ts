/**
 * Every route × every caller — anonymous, enterprise contact, liaison, department head, station
 * host, park admin — × the record's park (the caller's own, the other park) × the record (the
 * caller's own, someone else's, one they see but play no part in), each answer derived from the one
 * authorisation table (http/policy.ts) and checked on the real handlers over DynamoDB Local:
 *
 * - anonymous on a route that needs a login: 401;
 * - a role the route is not for: 403 from the middleware, whatever the id (nothing is read yet);
 * - an allowed role on the other park's record (the same enterprise and department ids there!): 404;
 * - an allowed role on someone else's record of its park: 404, as if it did not exist; lists leave
 *   it out;
 * - an allowed role on a record it sees but plays no part in the action needs (a bystander): the
 *   domain's 403 — the record is no secret to them — or the answer the fixture documents;
 * - an allowed role on its own record: 2xx; lists hold it;
 * - public records (care stations) answer anyone, of any park; dev-only routes answer nobody in prod.
 *
 * Records come from policyFixtures.ts (one entry per route, built the same way in both parks); a
 * route without an entry fails here. Refusals run first and change nothing; then each caller's own
 * record, one after the other, each on a record of its own.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { routeKey, routePath, routes, type RouteName } from '@parklink/contract';
import { allRoutes } from '../../src/http/all';
import { policy } from '../../src/http/policy';
import { createTestApp, manualClock, type TestApp, type TestResponse } from '../support/app';
import { callers, fixtures, freshIp, people, World, type Caller, type Fixture, type Target, type Targets } from '../support/policyFixtures';

const routeNames = Object.keys(routes) as RouteName[];
const byRoute = new Map(fixtures.map((f) => [f.route, f]));

let app: TestApp;
let prod: TestApp;
const worlds = {} as Record<'own' | 'other', World>;
const tokens = new Map<string, string>();
const clock = manualClock('2026-12-02T02:00:00.000Z');
let checks = 0;
/** Checks by what they expected, for the count at the end. */
const tally = new Map<string, number>();
const started = Date.now();

beforeAll(async () => {
  app = await createTestApp({
    deps: { clock, wechat: { code2Session: async (code) => ({ openid: `openid-${code}` }) } },
    config: { tokenTtlSeconds: 400 * 24 * 3600 },
  });
  prod = app.withConfig({ stage: 'prod' });
  const ids = Object.values(people).flatMap((id) => [id, `park-other-${id}`]);
  await Promise.all(ids.map(async (id) => tokens.set(id, await app.login(id))));
  worlds.own = new World(app, 'own', tokens);
  worlds.other = new World(app, 'other', tokens);
});
afterAll(async () => {
  // The ledger exports' jobs run in this process: let them finish before the table goes.
  await (app.deps.jobs as { settled?: () => Promise<void> }).settled?.();
  await app.close();
});

describe('the routes', () => {
  it('are the same in the contract, the router and serverless.yml, once each', () => {
    const contract = routeNames.map(routeKey).sort();
    const router = allRoutes.map((r) => routeKey(r.name)).sort();
    const yml = parse(readFileSync(resolve(__dirname, '../../../serverless.yml'), 'utf8'), { logLevel: 'error' }) as {
      functions: Record<string, { events?: { httpApi?: { method: string; path: string } }[] }>;
    };
    const deployed = Object.values(yml.functions)
      .flatMap((fn) => fn.events ?? [])
      .flatMap((event) => (event.httpApi ? [`${event.httpApi.method} ${event.httpApi.path}`] : []))
      .sort();
    expect(new Set(contract).size).toBe(contract.length);
    expect(router).toEqual(contract);
    expect(deployed).toEqual(contract);
  });

  it.each(routeNames)('%s has a policy entry and a fixture here', (name) => {
    expect(policy[name], `no policy entry for ${name}`).toBeDefined();
    if (!byRoute.has(name)) throw new Error(`no fixture for ${name}: add one to functions/test/support/policyFixtures.ts`);
    const fx = byRoute.get(name)!;
    expect(!!fx.call !== !!fx.records, `${name}: a fixture has either a call (no record) or records`).toBe(true);
  });

  it('has one fixture per route and none for a route that does not exist', () => {
    expect(fixtures.map((f) => f.route).sort()).toEqual([...routeNames].sort());
  });
});

// ---------------------------------------------------------------------------------------------

type Park = 'own' | 'other';
type Which = 'own' | 'others' | 'bystander';
type Expected = { status: number; code: string; messageEn?: string } | { ok: true; listed?: boolean };

interface Check {
  caller: Caller;
  park: Park | '-';
  record: Which | '-';
  target: Target;
  expected: Expected;
  prod?: boolean;
}

const allowed = (name: RouteName, caller: Caller) => {
  const { roles } = policy[name];
  return roles === 'anyone' || (caller !== 'anonymous' && roles.includes(caller));
};

/** What the policy table says this caller gets on this record. */
function expectation(fx: Fixture, caller: Caller, park: Park | '-', record: Which | '-'): Expected {
  const name = fx.route;
  const p = policy[name];
  if (p.roles !== 'anyone') {
    if (caller === 'anonymous') return { status: 401, code: 'UNAUTHENTICATED' };
    // The middleware's refusal, before any record is read: its message names the route.
    if (!allowed(name, caller)) return { status: 403, code: 'FORBIDDEN', messageEn: `your roles may not call ${name}` };
  }
  const listed = fx.items ? { listed: record === 'own' && park === 'own' } : {};
  // Nothing of anyone's, or a public record of any park.
  if (record === '-' || p.record === 'none' || p.record === 'public') return { ok: true, ...listed };
  if (park === 'other' || record === 'others') return fx.items ? { ok: true, listed: false } : { status: 404, code: 'NOT_FOUND' };
  if (record === 'bystander') {
    const status = fx.bystander?.status ?? 403;
    return { status, code: status === 403 ? 'FORBIDDEN' : status === 409 ? 'CONFLICT' : 'VALIDATION_FAILED' };
  }
  return { ok: true, ...listed };
}

/** The target this caller sends: its own; a caller the route refuses, the first there is. */
function pick(name: RouteName, targets: Targets | undefined, caller: Caller): Target | undefined {
  if (!targets) return undefined;
  const mine = targets[caller] ?? targets.all;
  if (mine || allowed(name, caller)) return mine;
  return Object.values(targets)[0];
}

async function plan(fx: Fixture): Promise<Check[]> {
  const name = fx.route;
  const list: Check[] = [];
  if (fx.call) {
    for (const caller of callers) {
      const target = await fx.call(worlds.own, caller);
      list.push({ caller, park: '-', record: '-', target, expected: expectation(fx, caller, '-', '-') });
      if (policy[name].devOnly) list.push({ caller, park: '-', record: '-', target, expected: { status: 404, code: 'NOT_AVAILABLE_IN_PROD' }, prod: true });
    }
    return list;
  }
  const [own, other] = await Promise.all([fx.records!(worlds.own), fx.records!(worlds.other)]);
  for (const caller of callers) {
    for (const [park, records] of [['own', own], ['other', other]] as const) {
      for (const record of ['own', 'others', 'bystander'] as const) {
        const target = pick(name, records[record], caller);
        if (target) list.push({ caller, park, record, target, expected: expectation(fx, caller, park, record) });
      }
    }
  }
  return list;
}

const query = (params: Record<string, string | number> | undefined) =>
  params && Object.keys(params).length ? `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}` : '';

/** Makes the call; a mismatch comes back as a line saying what happened, undefined when it fits. */
async function run(fx: Fixture, check: Check): Promise<string | undefined> {
  const { method } = routes[fx.route];
  const { target } = check;
  const url = routePath(fx.route, target.params ?? {}) + query({ ...fx.query, ...target.query });
  const body = target.body ?? (typeof fx.body === 'function' ? (fx.body as () => unknown)() : fx.body);
  const token = check.caller === 'anonymous' ? undefined : (target.token ?? tokens.get(people[check.caller]));
  const answer: TestResponse = await (check.prod ? prod : app).call(method, url, {
    ...(token ? { token } : {}),
    ...(body !== undefined && method !== 'GET' ? { body } : {}),
    sourceIp: freshIp(),
  });
  checks++;
  tally.set(kindOf(check), (tally.get(kindOf(check)) ?? 0) + 1);
  const where = `${check.prod ? '[prod] ' : ''}${check.caller} × ${check.park} park × ${check.record} record: ${method} ${url}`;
  const got = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
  const { expected } = check;
  if ('ok' in expected) {
    if (answer.status < 200 || answer.status > 299) return `${where} → expected 2xx, got ${got}`;
    if (expected.listed !== undefined) {
      const found = fx.items!(answer.body).includes(target.listed!);
      if (found !== expected.listed) return `${where} → expected ${target.listed} ${expected.listed ? 'listed' : 'not listed'}, got ${got}`;
    }
    return undefined;
  }
  const error = answer.body?.error;
  if (answer.status !== expected.status || error?.code !== expected.code || (expected.messageEn && error?.messageEn !== expected.messageEn)) {
    return `${where} → expected ${expected.status} ${expected.code}${expected.messageEn ? ` (${expected.messageEn})` : ''}, got ${got}`;
  }
  return undefined;
}

function kindOf({ expected, record, park, prod: inProd }: Check): string {
  if (inProd) return 'dev-only route in prod: 404';
  if (!('ok' in expected)) {
    if (expected.status === 401) return 'anonymous: 401';
    if (expected.messageEn) return 'role not in the policy: 403';
    if (park === 'other') return 'the other park’s record: 404';
    return record === 'bystander' ? `a record seen but not theirs to act on: ${expected.status}` : 'someone else’s record: 404';
  }
  if (expected.listed === false) return park === 'other' ? 'the other park’s record: not listed' : 'someone else’s record: not listed';
  if (expected.listed) return 'own record: 2xx, listed';
  return record === '-' ? 'no record: 2xx' : park === 'other' ? 'public record of the other park: 2xx' : 'own record: 2xx';
}

/** Refusals change nothing and go side by side; own records (and creations) one after the other. */
const changes = (check: Check) => 'ok' in check.expected && (check.record === 'own' || check.record === '-');

describe('route × caller × park × record', () => {
  // A route's records are made in its own test, five routes at a time (vitest's maxConcurrency).
  it.concurrent.for(routeNames)('%s answers every caller as the policy says', { timeout: 60_000 }, async (name, { expect }) => {
    const fx = byRoute.get(name);
    if (!fx) throw new Error(`no fixture for ${name}`);
    const list = await plan(fx);
    const mismatches: string[] = [];
    const refusals = list.filter((c) => !changes(c));
    for (let i = 0; i < refusals.length; i += 8) {
      for (const line of await Promise.all(refusals.slice(i, i + 8).map((c) => run(fx, c)))) if (line) mismatches.push(line);
    }
    for (const check of list.filter(changes)) {
      const line = await run(fx, check);
      if (line) mismatches.push(line);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the count', () => {
  it('of route × caller × park × record checks that ran', () => {
    const kinds = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => `  ${String(count).padStart(5)}  ${kind}`);
    console.log(`policy.test.ts: ${checks} route × caller × park × record checks over ${routeNames.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s\n${kinds.join('\n')}`);
    expect(checks).toBeGreaterThan(600);
  });
});
