/**
 * Hostile input never gets a 5xx and never writes (issue 10). Every route of the contract is fed
 * random and hostile bodies, queries, path parameters, headers and callers through the real
 * middleware and handlers over DynamoDB Local (support/hostile.ts makes them). Every answer must be
 * a 2xx or a 4xx; a 4xx must carry the contract's error body in Chinese and English (a field for a
 * 400) and must write nothing: each write a call makes is recorded, and the whole table is scanned
 * before and after each route's batch and compared.
 *
 * Reproduce a failure with the seed it prints: HOSTILE_SEED=<seed>. HOSTILE_RUNS sets the runs per
 * route (12; 100 for a deep local fuzz), HOSTILE_VERBOSE=1 prints the answers per route and status,
 * HOSTILE_TRACE=1 every call.
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fc, test } from '@fast-check/vitest';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody, routes, type RouteName } from '@parklink/contract';
import { DomainError } from '../../src/domain/errors';
import { allRoutes } from '../../src/http/all';
import { BODY_LIMIT_BYTES, bodyLimitOf, dispatch } from '../../src/http/middleware';
import { policy } from '../../src/http/policy';
import { WeChatError } from '../../src/ports/wechat';
import { writeClockOffset } from '../../src/store/devClock';
import { createTestApp, demoUsers, otherParkUser, validRequest, type TestApp } from '../support/app';
import { callArb, describeCall, hostileEvent, inputs, signedInCallers, type CallerName, type HostileCall, type World } from '../support/hostile';

const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_123);
/**
 * Inputs per route that takes a body or a query (half as many for the others, whose only input is
 * the path); with ~100 routes and the edge cases below, about 1,500 calls in all. Fuzz deeper
 * locally with HOSTILE_RUNS=100.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 12);
const runsFor = (name: RouteName) => (inputs[name].body || inputs[name].query ? RUNS : Math.ceil(RUNS / 2));

const routeNames = Object.keys(routes) as RouteName[];

/**
 * Items a refused call may legitimately write, each with the reason. Nothing else.
 */
const BOOKKEEPING: { pattern: RegExp; why: string }[] = [
  {
    pattern: /^RATE#/,
    why: 'public rate-limit windows (http/publicLimits.ts): a public station call is counted before its station is looked up, so a refused probe of an unknown station costs quota too',
  },
];
const isBookkeeping = (key: string) => BOOKKEEPING.some((b) => b.pattern.test(key));

let app: TestApp;
let world: World;
/** Hand-made inputs each route's property tries first (fast-check `examples`): traps random search rarely reaches in few runs. */
let traps: Partial<Record<RouteName, HostileCall[]>> = {};
const tokens: Partial<Record<CallerName, string>> = {};
/**
 * Who signs in for DELETE /v1/me: throwaway accounts of the same roles, invited for the run. A
 * fuzzed erasure that carries the confirmation succeeds, and must not erase the callers every
 * later route is fuzzed as.
 */
const standIns: Partial<Record<CallerName, string>> = {};
let inputsTried = 0;
/** Answers by route and status, and where the time went: printed at the end. */
const statuses = new Map<RouteName, Map<number, number>>();
const spent = { calls: 0, snapshots: 0 };
/** Keys written by the call in flight (successful writes only: a refused conditional write changes nothing). */
const written: string[] = [];
/** What the handlers logged as errors during the call in flight (a 500's stack). */
const loggedErrors: string[] = [];

// ---------------------------------------------------------------------------------------------

/** Records the key of every write the handlers make through the table's client. */
function recordWrites(doc: DynamoDBDocumentClient) {
  const client = doc as unknown as { send: (command: unknown, ...rest: unknown[]) => Promise<unknown> };
  const send = client.send.bind(client);
  client.send = async (command, ...rest) => {
    const out = await send(command, ...rest);
    written.push(...keysWritten(command as { constructor: { name: string }; input: any }));
    return out;
  };
}

function keysWritten(command: { constructor: { name: string }; input: any }): string[] {
  const key = (k: { pk: string; sk: string }) => `${k.pk} | ${k.sk}`;
  const { input } = command;
  switch (command.constructor.name) {
    case 'PutCommand':
      return [key(input.Item)];
    case 'UpdateCommand':
    case 'DeleteCommand':
      return [key(input.Key)];
    case 'TransactWriteCommand':
      return input.TransactItems.flatMap((t: any) => (t.Put ? [key(t.Put.Item)] : t.Update ? [key(t.Update.Key)] : t.Delete ? [key(t.Delete.Key)] : []));
    case 'BatchWriteCommand':
      return Object.values(input.RequestItems as Record<string, any[]>).flat().map((r) => key(r.PutRequest?.Item ?? r.DeleteRequest.Key));
    default:
      return [];
  }
}

/** Every item of the table, by key, in a stable serialisation. */
async function snapshot(): Promise<Map<string, string>> {
  const started = performance.now();
  const items = new Map<string, string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await app.deps.db.doc.send(new ScanCommand({ TableName: app.deps.db.tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) items.set(`${item.pk} | ${item.sk}`, stable(item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  spent.snapshots += performance.now() - started;
  return items;
}

const stable = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    v instanceof Set ? [...v].sort() : v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string>;
}

function authorizationOf(caller: CallerName, name: RouteName): string | undefined {
  const token = (name === 'deleteMe' ? standIns[caller] : undefined) ?? tokens[caller];
  if (caller === 'garbageToken') return token;
  return token ? `Bearer ${token}` : undefined;
}

async function send(name: RouteName, call: HostileCall): Promise<{ answer: Answer; writes: string[] }> {
  inputsTried++;
  written.length = 0;
  loggedErrors.length = 0;
  const started = performance.now();
  if (process.env.HOSTILE_TRACE) console.log(describeCall(name, call).slice(0, 400));
  const result = await withinTime(dispatch(allRoutes, hostileEvent(name, call, authorizationOf(call.caller, name)), app.deps), name);
  const ms = performance.now() - started;
  spent.calls += ms;
  if (process.env.HOSTILE_TRACE) console.log(`  → ${result.statusCode} in ${Math.round(ms)} ms`);
  const writes = [...written];
  const byStatus = statuses.get(name) ?? new Map<number, number>();
  statuses.set(name, byStatus.set(result.statusCode, (byStatus.get(result.statusCode) ?? 0) + 1));
  let body: unknown;
  try {
    body = result.body ? JSON.parse(result.body) : undefined;
  } catch {
    throw new Error(`the answer (${result.statusCode}) is not JSON: ${result.body?.slice(0, 200)}`);
  }
  return { answer: { status: result.statusCode, body, headers: (result.headers ?? {}) as Record<string, string> }, writes };
}

/** Longer than any honest call takes, even on a busy machine: a hostile input that holds a handler this long is a finding. */
const CALL_TIMEOUT_MS = 15_000;

async function withinTime<T>(answer: Promise<T>, name: RouteName): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} took over ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{2}/;

/** What every answer must be: 2xx, or a 4xx in the contract's error body, Chinese and English. */
function checkAnswer(answer: Answer): void {
  const { status, body } = answer;
  if (status >= 500 || status < 200) throw new Error(`answered ${status}: ${JSON.stringify(body)}\n${loggedErrors.join('\n')}`);
  if (status < 300) return;
  const parsed = ApiErrorBody.safeParse(body);
  if (!parsed.success) throw new Error(`a ${status} without the contract's error body: ${JSON.stringify(body)?.slice(0, 500)}`);
  const { error } = parsed.data;
  if (new DomainError(error.code, '', '').status !== status) throw new Error(`code ${error.code} with status ${status}`);
  if (!HAN.test(error.message)) throw new Error(`message is not Chinese: ${error.message}`);
  if (!LATIN.test(error.messageEn)) throw new Error(`messageEn is not English: ${error.messageEn}`);
  if (status === 400 && !error.field && !error.fields?.length) throw new Error(`a 400 naming no field: ${JSON.stringify(error)}`);
  for (const f of error.fields ?? []) {
    if (!HAN.test(f.message) || !LATIN.test(f.messageEn)) throw new Error(`field error not in both languages: ${JSON.stringify(f)}`);
  }
  if (body.requestId !== answer.headers['x-request-id']) throw new Error('requestId differs from the x-request-id header');
}

/** A refused call writes nothing but the bookkeeping named above. */
function checkWrites(name: RouteName, answer: Answer, writes: string[]): void {
  if (answer.status < 400) return;
  const stray = writes.filter((k) => !isBookkeeping(k));
  if (stray.length) throw new Error(`${name} answered ${answer.status} (${answer.body?.error?.code}) but wrote ${stray.join(', ')}`);
}

/** fast-check's parameters: a fixed seed per property, printed with a short counterexample on failure. */
function parameters(label: string, seed: number, numRuns: number, describe: (value: any) => string): fc.Parameters<any> {
  return {
    seed,
    numRuns,
    asyncReporter: async (details) => {
      if (!details.failed) return;
      const example = details.counterexample ? describe(details.counterexample[0]) : '(none)';
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `${label}: failed after ${details.numRuns} runs and ${details.numShrinks} shrinks\n` +
          `  seed: ${details.seed}, path: "${details.counterexamplePath}" (rerun: HOSTILE_SEED=${SEED})\n` +
          `  input: ${example}\n  error: ${cause.slice(0, 4000)}`,
      );
    },
  };
}

/** The callers of the three test roles that the policy lets call the route. */
function allowedCallers(name: RouteName): CallerName[] {
  const roles = policy[name].roles;
  if (roles === 'anyone') return ['anonymous', ...signedInCallers];
  const roleOf: Record<(typeof signedInCallers)[number], string> = { enterprise: 'enterprise', liaison: 'liaison', admin: 'admin' };
  return signedInCallers.filter((c) => (roles as readonly string[]).includes(roleOf[c]));
}

// ---------------------------------------------------------------------------------------------

/** WeChat as it answers an unknown code (40029); codes that look like real ones get an openid. */
const fakeWeChat = {
  async code2Session(code: string) {
    if (/^[A-Za-z0-9]{1,40}$/.test(code)) return { openid: `o-hostile-${code}` };
    throw new WeChatError(40029, 'invalid code');
  },
};

beforeAll(async () => {
  app = await createTestApp({
    // Generous public limits, so hostile calls reach the handlers instead of stopping at 429.
    config: { rateLimitFactor: 100 },
    deps: {
      // Ledger exports are started but not run: the worker is no HTTP route, and its writes would
      // land during later calls.
      jobs: { start: async () => {} },
      wechat: fakeWeChat,
      log: (entry) => {
        if (entry.level === 'error') loggedErrors.push(String(entry.error));
      },
    },
  });
  tokens.enterprise = await app.login(demoUsers.enterprise);
  tokens.liaison = await app.login(demoUsers.approvals);
  tokens.admin = await app.login(demoUsers.admin);
  tokens.otherParkAdmin = await app.login(otherParkUser(demoUsers.admin));
  tokens.garbageToken = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LWFkbWluIiwicGFyayI6InBhcmstZGVtbyJ9.';
  tokens.forgedToken = await new SignJWT({ park: 'park-demo', roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(demoUsers.admin)
    .setIssuer('parklink')
    .setAudience('test')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
  world = await gatherWorld();
  if (process.env.HOSTILE_VERBOSE) console.log(Object.entries(world.ids).map(([kind, ids]) => `${kind}: ${ids.length}`).join(', '), `cursors: ${world.cursors.length}`);
  traps = trapsFor(world);
  standIns.enterprise = await throwaway('enterprise', { enterpriseId: 'ent-xinrui' });
  standIns.liaison = await throwaway('liaison', { departmentId: 'dept-approvals' });
  standIns.admin = await throwaway('admin', {});
  recordWrites(app.deps.db.doc);
}, 120_000);

afterAll(async () => {
  const total = new Map<number, number>();
  for (const byStatus of statuses.values()) for (const [status, n] of byStatus) total.set(status, (total.get(status) ?? 0) + n);
  const histogram = [...total].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
  console.log(
    `hostile inputs tried: ${inputsTried} (seed ${SEED}, ${RUNS} runs per route): ${histogram}; ` +
      `${Math.round(spent.calls / 1000)} s in calls, ${Math.round(spent.snapshots / 1000)} s in table snapshots`,
  );
  if (process.env.HOSTILE_VERBOSE) {
    for (const [name, byStatus] of statuses) console.log(`  ${name}: ${[...byStatus].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(' ')}`);
  }
  await app?.close();
});

/** A new member of the demo park with this role, invited by the admin and signed in through (fake) WeChat. */
async function throwaway(role: string, unit: Record<string, string>): Promise<string> {
  const invited = await app.call('POST', '/v1/admin/invitations', { token: tokens.admin, body: { name: '临时账号', role, ...unit } });
  const session = await app.call('POST', '/v1/auth/wechat', { body: { code: `throwaway${role}`, inviteCode: invited.body.inviteCode } });
  if (session.status !== 200) throw new Error(`throwaway ${role}: ${invited.status} ${session.status} ${JSON.stringify(session.body)}`);
  return session.body.token;
}

/** The seeded park as the API shows it, plus a request in every early state, a report, an export. */
async function gatherWorld(): Promise<World> {
  const ok = async (method: string, url: string, token: string | undefined, body?: unknown) => {
    const r = await app.call(method, url, { token, ...(body !== undefined ? { body } : {}) });
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const { enterprise, liaison, admin, otherParkAdmin } = tokens;
  const liaisonMe = await ok('GET', '/v1/me', liaison);
  // A category with every kind of extra field, numbers without bounds included.
  allFields = await ok('POST', '/v1/admin/categories', admin, {
    name: '全部字段类型',
    claimSla: { unit: 'hours', amount: 4 },
    resolveSla: { unit: 'working_days', amount: 3 },
    departmentIds: [liaisonMe.departmentId],
    fields: [
      { key: 'when', label: '日期', type: 'date', required: false },
      { key: 'count', label: '数量', type: 'number', required: false },
      { key: 'word', label: '简述', type: 'string', required: false },
      { key: 'story', label: '详述', type: 'text', required: false, maxLength: 2000 },
      { key: 'one', label: '单选', type: 'single_choice', required: false, options: [{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }] },
      { key: 'many', label: '多选', type: 'multi_choice', required: false, options: [{ value: 'x', label: '子' }, { value: 'y', label: '丑' }] },
    ],
  });
  const answered = await ok('POST', '/v1/requests', enterprise, validRequest);
  await ok('POST', `/v1/requests/${answered.id}/claim`, liaison);
  await ok('POST', `/v1/requests/${answered.id}/replies`, liaison, { message: '已收到，正在协调审批科室。' });
  const submitted = await ok('POST', '/v1/requests', enterprise, { ...validRequest, categoryId: allFields.id, title: '全部字段类型的诉求' });
  // The demo market has resources only: a need, a resource of the liaison's and a match between them, and a bank's case.
  const expiresAt = '2027-06-30T00:00:00.000Z';
  const need = await ok('POST', '/v1/needs', enterprise, { kind: 'policy', title: '环评审批政策咨询', description: '想了解新厂房环评审批的政策与办理流程。', expiresAt });
  const resource = await ok('POST', '/v1/resources', liaison, { kind: 'policy', title: '审批绿色通道服务', description: '为园区企业提供审批绿色通道与上门服务。', expiresAt });
  const match = await ok('POST', '/v1/matches', enterprise, { needId: need.id, resourceId: resource.id, message: '希望对接审批绿色通道' });
  const enterpriseId = (await ok('GET', '/v1/me', enterprise)).enterpriseId;
  await ok('POST', '/v1/cases', await app.login(demoUsers.adbc), {
    kind: 'bank',
    title: '鑫锐电子获得信用贷款',
    enterpriseIds: [enterpriseId],
    bank: { instrument: 'loan', amountFen: 300_000_000, grantedOn: '2026-10-01' },
    narrative: { difficulty: '原材料采购资金周转困难', action: '提供三年期信用贷款支持' },
  });
  const stations = (await ok('GET', '/v1/managed-stations', admin)).items.map((s: { id: string }) => s.id);
  const report = await ok('POST', `/v1/stations/${stations[0]}/reports`, undefined, { deviceId: 'hostile-device-000001', kind: 'dirty', note: '地面有水' });
  const ledger = await ok('POST', '/v1/ledger-exports', admin, { from: '2026-01-01', to: '2026-06-30' });
  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const members = (await ok('GET', '/v1/admin/members', admin)).items as { id: string; invite?: { code: string } }[];
  const callers = new Set<string>([demoUsers.enterprise, demoUsers.approvals, demoUsers.admin]);
  const categories = (await ok('GET', '/v1/categories', enterprise)).categories as { fields: { key: string; options?: { value: string }[] }[] }[];
  const otherNeeds = ids((await ok('GET', '/v1/needs', otherParkAdmin)).items);

  const cursors: string[] = [];
  for (const [url, token] of [
    ['/v1/needs?limit=1', admin],
    ['/v1/resources?limit=1', admin],
    ['/v1/inbox?limit=1', enterprise],
    ['/v1/requests?limit=1', enterprise],
    ['/v1/admin/audit?limit=1', admin],
    ['/v1/cases?limit=1', admin],
    ['/v1/matches?limit=1', admin],
  ] as const) {
    const next = (await ok('GET', url, token)).nextCursor as string | undefined;
    if (next) cursors.push(next, ...tampered(next));
  }

  return {
    ids: {
      request: [answered.id, submitted.id],
      notification: ids((await ok('GET', '/v1/inbox', enterprise)).items),
      station: stations,
      report: [report.id],
      need: [...ids((await ok('GET', '/v1/needs', admin)).items), ...otherNeeds],
      resource: ids((await ok('GET', '/v1/resources', admin)).items),
      match: [match.id],
      case: ids((await ok('GET', '/v1/cases', admin)).items),
      ledger: [ledger.id],
      // Not the fuzzer's own callers: a suspension that happens to carry the right version would lock it out.
      user: members.map((m) => m.id).filter((id) => !callers.has(id)),
      enterprise: ids((await ok('GET', '/v1/admin/enterprises', admin)).items),
      department: ids((await ok('GET', '/v1/admin/departments', admin)).items),
      category: ids((await ok('GET', '/v1/admin/categories', admin)).items),
      invite: members.flatMap((m) => (m.invite ? [m.invite.code] : [])),
    },
    fieldKeys: [...new Set(categories.flatMap((c) => c.fields.map((f) => f.key)))],
    choiceValues: [...new Set(categories.flatMap((c) => c.fields.flatMap((f) => (f.options ?? []).map((o) => o.value))))],
    cursors,
  };
}

let allFields: { id: string };

/**
 * Inputs valid in every way but one, where the one is the kind of value a handler or the table
 * chokes on after the schema let it through: a date of the right shape that is no day, a number
 * DynamoDB cannot store, a timestamp too long for an index key.
 */
function trapsFor(w: World): Partial<Record<RouteName, HostileCall[]>> {
  const call = (caller: CallerName, body: unknown, params: Record<string, string> = {}): HostileCall => ({ caller, params, body: { kind: 'json', value: body }, base64: 'no' });
  const overlongTime = `2027-01-01T00:00:00.${'0'.repeat(1100)}Z`;
  const request = (fields: Record<string, unknown>) => call('enterprise', { ...validRequest, categoryId: allFields.id, fields });
  const category = (field: Record<string, unknown>) =>
    call('admin', { name: '数值字段', claimSla: { unit: 'hours', amount: 4 }, resolveSla: { unit: 'hours', amount: 48 }, departmentIds: ['dept-approvals'], fields: [{ key: 'n', label: '数值', type: 'number', required: false, ...field }] });
  const need = (expiresAt: string) => call('enterprise', { kind: 'financing', title: '流动资金贷款需求', description: '需要一笔流动资金贷款用于采购原材料。', expiresAt });
  const resource = (expiresAt: string) => call('liaison', { kind: 'policy', title: '审批绿色通道服务', description: '为园区企业提供审批绿色通道与上门服务。', expiresAt });
  return {
    putCalendar: [call('admin', { years: [2026], holidays: ['2026-13-01'], workdays: [], version: 0 }), call('admin', { years: [2026], holidays: [], workdays: ['9999-99-99'], version: 0 })],
    createRequest: [request({ when: '2026-13-45' }), request({ when: '2026-02-30' }), request({ count: 1e308 }), request({ count: 1e-200 }), request({ count: -(2 ** 53 + 1) })],
    createCategory: [category({ min: 1e308 }), category({ max: 1e-200 }), category({ min: 2 ** 53 + 1 })],
    createNeed: [need(overlongTime), need('9999-12-31T23:59:59.999Z'), need('2026-02-30T00:00:00Z')],
    createResource: [resource(overlongTime), resource('9999-12-31T23:59:59.999Z')],
    updateStation: [call('admin', { version: 1, closures: [{ from: overlongTime, to: '2027-01-02T00:00:00Z' }] }, { id: w.ids.station![0]! })],
  };
}

/** A real cursor with one of its strings replaced: emptied, overlong, another park's, a number. */
function tampered(cursor: string): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // A plain id (cases, audit): the id of something else, and one past every id.
    return [`${cursor}0`, 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ', cursor.toLowerCase()];
  }
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') leaves.push(path);
    else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(decoded, []);
  const out: string[] = [];
  for (const path of leaves) {
    for (const replacement of ['', 'x'.repeat(1100), 'PARK#park-other', 7]) {
      const copy = JSON.parse(JSON.stringify(decoded));
      if (!path.length) continue;
      path.slice(0, -1).reduce((n: any, k) => n[k], copy)[path.at(-1)!] = replacement;
      out.push(Buffer.from(JSON.stringify(copy)).toString('base64url'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('every route, fed hostile input', () => {
  /** The table after the previous route's batch: the next batch's "before" (one Scan per batch, not two). */
  let last: Map<string, string> | undefined;
  it.each(routeNames.map((name, i) => [name, i] as const))('%s: never a 5xx, a 4xx in the contract’s words, and a 4xx writes nothing', async (name, i) => {
    const before = last ?? (await snapshot());
    last = undefined;
    const writtenBySuccess = new Set<string>();
    await fc.assert(
      fc.asyncProperty(callArb(world, name, allowedCallers(name)), async (call) => {
        const { answer, writes } = await send(name, call);
        checkAnswer(answer);
        checkWrites(name, answer, writes);
        if (answer.status < 400) writes.forEach((k) => writtenBySuccess.add(k));
      }),
      { ...parameters(name, SEED + i, runsFor(name), (call: HostileCall) => describeCall(name, call)), examples: (traps[name] ?? []).map((t) => [t] as [HostileCall]) },
    );
    const after = await snapshot();
    const unexplained = changedKeys(before, after).filter((k) => !writtenBySuccess.has(k) && !isBookkeeping(k));
    expect(unexplained, `items changed by no successful call of ${name}`).toEqual([]);
    // A fuzzed PUT /v1/dev/clock may have moved the clock: put it back for the routes after.
    if (name === 'devClock') await writeClockOffset(app.deps.db, 0);
    else last = after;
    // Room for a deeper HOSTILE_RUNS, and for shrinking a failure to its smallest input.
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------

const plain = (text: string): HostileCall => ({ caller: 'enterprise', params: {}, body: { kind: 'raw', text }, base64: 'no' });

/** A JSON body of exactly `bytes` bytes (UTF-8), its title made of `unit`. */
function bodyOfBytes(bytes: number, unit = 'x'): string {
  const head = '{"title":"';
  const tail = '"}';
  const room = bytes - Buffer.byteLength(head + tail);
  const unitBytes = Buffer.byteLength(unit);
  const text = head + unit.repeat(Math.floor(room / unitBytes)) + 'x'.repeat(room % unitBytes) + tail;
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

async function expectRefusedAsTooLarge(name: RouteName, call: HostileCall) {
  const { answer, writes } = await send(name, call);
  checkAnswer(answer);
  checkWrites(name, answer, writes);
  expect(answer.status, name).toBe(413);
  expect(answer.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body' });
}

async function expectRead(name: RouteName, call: HostileCall) {
  const { answer, writes } = await send(name, call);
  checkAnswer(answer);
  checkWrites(name, answer, writes);
  expect(answer.status, `${name}: ${JSON.stringify(answer.body).slice(0, 300)}`).not.toBe(413);
  return answer;
}

describe('bodies at the size limit', () => {
  it('every route refuses a body one byte over its limit with 413, before it looks at the caller', async () => {
    const before = await snapshot();
    for (const name of routeNames) {
      const over = bodyOfBytes(bodyLimitOf(name) + 1);
      await expectRefusedAsTooLarge(name, plain(over));
      await expectRefusedAsTooLarge(name, { ...plain(over), caller: 'anonymous' });
    }
    expect(changedKeys(before, await snapshot())).toEqual([]);
  });

  it('reads a body of exactly 64 KB (then refuses the title), refuses 64 KB and one byte', async () => {
    const exact = await expectRead('createRequest', plain(bodyOfBytes(BODY_LIMIT_BYTES)));
    expect(answerFields(exact)).toContain('title');
    await expectRefusedAsTooLarge('createRequest', plain(bodyOfBytes(BODY_LIMIT_BYTES + 1)));
  });

  it('counts bytes, not characters: 21,846 字 are over 64 KB', async () => {
    await expectRead('createRequest', plain(bodyOfBytes(BODY_LIMIT_BYTES, '字')));
    const over = bodyOfBytes(BODY_LIMIT_BYTES + 1, '字');
    expect(over.length).toBeLessThan(BODY_LIMIT_BYTES / 2);
    await expectRefusedAsTooLarge('createRequest', plain(over));
  });

  it('measures a base64 body by what it decodes to: exactly the limit is read, a byte more refused', async () => {
    // 65,536 bytes is not a multiple of 3: its base64 ends in padding, which carries no bytes.
    for (const bytes of [BODY_LIMIT_BYTES - 2, BODY_LIMIT_BYTES - 1, BODY_LIMIT_BYTES]) {
      await expectRead('createRequest', { ...plain(bodyOfBytes(bytes)), base64: 'yes' });
    }
    await expectRefusedAsTooLarge('createRequest', { ...plain(bodyOfBytes(BODY_LIMIT_BYTES + 1)), base64: 'yes' });
  });

  it('an enterprise import takes up to 3,000,000 bytes, and refuses one more', async () => {
    const limit = bodyLimitOf('importEnterprises');
    expect(limit).toBe(3_000_000);
    const sheet = (bytes: number) => {
      const head = '{"format":"csv","dryRun":true,"content":"';
      const tail = '"}';
      return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
    };
    const exact = await expectRead('importEnterprises', { ...plain(sheet(limit)), caller: 'admin' });
    expect(exact.status).toBe(400);
    expect(answerFields(exact)).toContain('content');
    await expectRefusedAsTooLarge('importEnterprises', { ...plain(sheet(limit + 1)), caller: 'admin' });
  });
});

const answerFields = (answer: Answer): string[] => [answer.body.error.field, ...(answer.body.error.fields ?? []).map((f: { field: string }) => f.field)];

// ---------------------------------------------------------------------------------------------

/** Routes whose query takes a page size. */
const hasLimit = (schema: unknown): boolean => {
  const def = (schema as { _zod?: { def: any } } | undefined)?._zod?.def;
  if (!def) return false;
  if (def.type === 'object') return 'limit' in def.shape;
  return hasLimit(def.in ?? def.innerType);
};
const pagedRoutes = routeNames.filter((name) => hasLimit(inputs[name].query));

/** What each paged route needs besides the page size, and who may call it. */
const pagedCall = (name: RouteName, query: Record<string, string>): HostileCall => ({
  caller: allowedCallers(name)[0]!,
  params: {},
  query: name === 'nearbyStations' ? { lat: '41.2945', lng: '123.7662', ...query } : query,
  body: { kind: 'none' },
  base64: 'no',
});

/** Lists without paging: small by nature (a park's categories, stations, members; the last exports). */
const unpagedLists: [RouteName, Record<string, string>?][] = [
  ['listCategories'], ['listDepartments'], ['listEnterprises'], ['listManagedStations'], ['stationHosts'], ['stationDistricts'],
  ['adminEnterprises'], ['adminDepartments'], ['adminCategories'], ['listMembers'], ['listLedgerExports'], ['stationReports', { id: 'st-service-center' }],
];

describe('page sizes', () => {
  it('the paged lists are the ones expected', () => {
    expect(pagedRoutes.sort()).toEqual(['auditLog', 'inbox', 'listCases', 'listMatches', 'listNeeds', 'listRequests', 'listResources', 'nearbyStations'].sort());
  });

  it.each(pagedRoutes)('%s answers limit=10000 with 400 on the field limit', async (name) => {
    const { answer, writes } = await send(name, pagedCall(name, { limit: '10000' }));
    checkAnswer(answer);
    checkWrites(name, answer, writes);
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe('limit');
    const fine = await send(name, pagedCall(name, { limit: '50' }));
    expect(fine.answer.status).toBe(200);
  });

  test.prop([fc.constantFrom(...pagedRoutes), fc.constantFrom('0', '-1', '51', '10000', 'abc', '1.5', 'NaN', 'Infinity', '1e3', '', ' ', '-0', '9'.repeat(400))], {
    seed: SEED,
    numRuns: 40,
  })('a page size out of 1–50 or not a whole number is a 400 on limit', async (name, limit) => {
    const { answer, writes } = await send(name, pagedCall(name, { limit }));
    checkAnswer(answer);
    checkWrites(name, answer, writes);
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe('limit');
  });

  it.each(unpagedLists)('%s takes no page size: limit=10000 is ignored', async (name, params = {}) => {
    const call = { ...pagedCall(name, {}), params };
    const plainAnswer = await send(name, call);
    const withLimit = await send(name, { ...call, query: { limit: '10000' } });
    expect(plainAnswer.answer.status).toBe(200);
    expect(withLimit.answer.body).toEqual(plainAnswer.answer.body);
  });
});

describe('cursors', () => {
  test.prop([fc.constantFrom(...pagedRoutes), fc.nat()], { seed: SEED, numRuns: 60 })(
    'a garbage, tampered or another list’s cursor is a 2xx or a 400 on cursor, never a 5xx',
    async (name, pick) => {
      const cursor = world.cursors[pick % world.cursors.length]!;
      const { answer, writes } = await send(name, pagedCall(name, { cursor }));
      checkAnswer(answer);
      checkWrites(name, answer, writes);
      if (answer.status >= 400) expect(answer.body.error.field).toBe('cursor');
    },
  );
});
