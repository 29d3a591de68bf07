/**
 * The records the route × caller test (integration/policy.test.ts) calls every route on. For each
 * route: each caller's own record (the relation of http/policy.ts holds), someone else's record of
 * the same park (the relation excludes it), and — where the domain tells the two apart — a record
 * the caller sees but plays no part in that the action needs (a bystander). The same builder runs
 * in both parks, by the same people (the other park's ids are prefixed), so "the other park" is the
 * caller's counterpart's record there: same enterprise and department ids, another park.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Role, RouteName } from '@parklink/contract';
import { creditCodeCheckCharacter } from '../../src/domain/creditCode';
import { notificationItem } from '../../src/store/inbox';
import { OTHER_PARK, otherParkUser, type TestApp, type TestResponse } from './app';

export type Caller = 'anonymous' | Role;
export const callers: Caller[] = ['anonymous', 'enterprise', 'liaison', 'dept_head', 'station_host', 'admin'];

/** Who plays each part, by their demo-park id. The five roles' callers are named after their role. */
export const people = {
  /** 鑫锐 (ent-xinrui). */
  enterprise: 'u-ent-xinrui',
  /** 邮储银行 (dept-psbc, a bank: it records bank cases and lends through the market). */
  liaison: 'u-psbc-1',
  dept_head: 'u-psbc-head',
  /** Hosts st-service-center and st-night. */
  station_host: 'u-host-center',
  admin: 'u-admin',
  /** Someone else: 恒通 (ent-hengtong). */
  otherEnterprise: 'u-ent-hengtong',
  /** Someone else: 农发行 (dept-adbc), the other bank of 融资信贷, whose requests psbc also sees. */
  adbc: 'u-adbc-1',
  /** Someone else: the tax bureau, whose requests psbc never sees. */
  tax: 'u-tax-1',
} as const;
export type Person = keyof typeof people;

/** One record as a call names it: path parameters, query, body. */
export interface Target {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  /** Lists: the id the answer must hold (own record) or must not hold (anyone else's). */
  listed?: string;
  /** The caller's token for this call instead of their role's person: a fresh account (DELETE /v1/me erases it). */
  token?: string;
}

/** Targets by caller; `all` for every caller. A caller the route refuses is sent the first one. */
export type Targets = Partial<Record<Caller | 'all', Target>>;

export interface Records {
  /** Each caller's own record: the relation holds. */
  own: Targets;
  /** A record of the same park the relation excludes for the caller: 404, as if it did not exist. */
  others?: Targets;
  /**
   * A record the caller may see but the action is not theirs to take on: a part the action needs
   * that they do not play (the domain's 403), or the answer the fixture documents.
   */
  bystander?: Targets;
}

export interface Fixture {
  route: RouteName;
  /** Sent by every call of the route unless its target says otherwise (a function: fresh per call). */
  body?: unknown;
  query?: Record<string, string | number>;
  /** Routes without a record: what each caller sends. */
  call?: (w: World, caller: Caller) => Target | Promise<Target>;
  /** The route's records in one park (run once in each). */
  records?: (w: World) => Promise<Records>;
  /** Lists: the ids of the answer. */
  items?: (body: any) => string[];
  /** The documented answer to a bystander when it is not 403, and why. */
  bystander?: { status: number; why: string };
}

let seq = 0;
const n = () => ++seq;
/** Public routes are rate-limited per address: every call comes from its own. */
export const freshIp = () => {
  const i = n();
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
};
const freshDevice = () => `policy-device-${String(n()).padStart(10, '0')}`;
/** A valid unified social credit code nobody has registered yet. */
const freshCreditCode = () => {
  const first17 = `91510100MA${String(1_000_000 + n()).slice(-7)}`;
  return first17 + creditCodeCheckCharacter(first17)!;
};
/** Sorts after every ULID: a message the inbox lists first, however many others arrive. */
const topMessageId = () => `7ZZZZZZZZZpolicy${String(n()).padStart(8, '0')}`;

/** A word only this file's list records carry, so lists can be searched for them. */
export const MARK = 'policymark';
const LATER = '2027-03-01T00:00:00.000Z';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

type Until = 'submitted' | 'claimed' | 'answered' | 'needs_info' | 'resolved';
type StationId = 'st-service-center' | 'st-postal' | 'st-tax' | 'st-night' | 'st-24h' | 'st-library';

/** One park, its people and how to make records there. */
export class World {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    readonly app: TestApp,
    readonly park: 'own' | 'other',
    private readonly tokens: Map<string, string>,
  ) {}

  get parkId() {
    return this.park === 'own' ? 'park-demo' : OTHER_PARK;
  }
  userId(who: Person) {
    return this.park === 'own' ? people[who] : otherParkUser(people[who]);
  }
  station(id: StationId) {
    return this.park === 'own' ? id : `${OTHER_PARK}-${id}`;
  }

  call<T = any>(who: Person | undefined, method: string, url: string, body?: unknown): Promise<TestResponse<T>> {
    const token = who ? this.tokens.get(this.userId(who)) : undefined;
    return this.app.call<T>(method, url, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}), sourceIp: freshIp() });
  }

  /** A setup step that must work. */
  async ok<T = any>(who: Person | undefined, method: string, url: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(who, method, url, body);
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`setup in the ${this.park} park: ${who ?? 'anonymous'} ${method} ${url} → ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  /** Made once per park, shared by the fixtures that only read it. */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as Promise<T>;
  }

  // Requests --------------------------------------------------------------------------------

  /** A request by `by`, taken as far as `until` by `handler` (psbc's liaison unless said). */
  async request(by: Person = 'enterprise', o: { category?: 'cat-finance' | 'cat-tax'; until?: Until; handler?: Person; title?: string } = {}) {
    const category = o.category ?? 'cat-finance';
    const created = await this.ok(by, 'POST', '/v1/requests', {
      categoryId: category,
      title: o.title ?? `授权核对诉求 ${n()}`,
      description: '用于核对每个接口按角色和记录的访问控制。',
      ...(category === 'cat-finance' ? { fields: { amount: 300, purpose: 'working_capital' } } : {}),
    });
    const until = o.until ?? 'submitted';
    if (until === 'submitted') return created;
    const handler = o.handler ?? (category === 'cat-tax' ? 'tax' : 'liaison');
    const at = (step: string) => `/v1/requests/${created.id}/${step}`;
    const claimed = await this.ok(handler, 'POST', at('claim'));
    if (until === 'claimed') return claimed;
    if (until === 'needs_info') return this.ok(handler, 'POST', at('info-requests'), { message: '请补充近三年的财务报表。' });
    const answered = await this.ok(handler, 'POST', at('replies'), { message: '已收到，正在办理。' });
    if (until === 'answered') return answered;
    return this.ok(handler, 'POST', at('resolve'), { message: '已办结，授信已审批。' });
  }

  /** 恒通's tax request: none of the callers but the admin may see it (not their enterprise, not psbc's category). */
  stranger() {
    return this.once('stranger', () => this.request('otherEnterprise', { category: 'cat-tax' }));
  }

  /** 恒通's financing request claimed by the other bank: psbc's members see it (its category was theirs too) but play no part. */
  bystander() {
    return this.once('bystander', () => this.request('otherEnterprise', { until: 'claimed', handler: 'adbc' }));
  }

  bystanderResolved() {
    return this.once('bystanderResolved', () => this.request('otherEnterprise', { until: 'resolved', handler: 'adbc' }));
  }

  /** The id of `who`'s own reply on a request they handle. */
  async reply(who: Person, requestId: string): Promise<string> {
    const replied = await this.ok(who, 'POST', `/v1/requests/${requestId}/replies`, { message: '这是我的答复。' });
    return replied.timeline.at(-1).id;
  }

  // Files -----------------------------------------------------------------------------------

  /** Asks for an upload ticket and sends the bytes: the id of a file waiting to be confirmed. */
  async upload(who: Person, url: string, declared: Record<string, unknown>, bytes: Buffer): Promise<string> {
    const ticket = await this.ok(who, 'POST', url, { ...declared, size: bytes.length });
    const put = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: bytes });
    if (put.status !== 200) throw new Error(`upload to ${url}: ${put.status}`);
    return ticket.attachmentId;
  }

  async requestFile(who: Person, requestId: string, o: { eventId?: string; confirm?: boolean } = {}) {
    const id = await this.upload(who, `/v1/requests/${requestId}/attachments/uploads`, { fileName: '材料.pdf', contentType: 'application/pdf', ...(o.eventId ? { eventId: o.eventId } : {}) }, PDF);
    if (o.confirm !== false) await this.ok(who, 'POST', `/v1/requests/${requestId}/attachments`, { attachmentId: id });
    return id;
  }

  async caseFile(who: Person, caseId: string, o: { confirm?: boolean } = {}) {
    const id = await this.upload(who, `/v1/cases/${caseId}/attachments/uploads`, { fileName: '合同.pdf', contentType: 'application/pdf' }, PDF);
    if (o.confirm !== false) await this.ok(who, 'POST', `/v1/cases/${caseId}/attachments`, { attachmentId: id });
    return id;
  }

  async stationPhoto(who: Person, stationId: string, o: { confirm?: boolean } = {}) {
    const id = await this.upload(who, `/v1/managed-stations/${stationId}/photos/uploads`, { contentType: 'image/jpeg' }, JPEG);
    if (o.confirm !== false) await this.ok(who, 'POST', `/v1/managed-stations/${stationId}/photos`, { photoId: id });
    return id;
  }

  // The market ------------------------------------------------------------------------------

  async need(by: Person = 'enterprise', o: { paused?: boolean; title?: string } = {}) {
    const need = await this.ok(by, 'POST', '/v1/needs', {
      kind: 'financing',
      title: o.title ?? `设备贷款需求 ${n()}`,
      description: '新增产线需要设备购置贷款，用于核对访问控制。',
      amountFen: 300_000_000,
      expiresAt: LATER,
    });
    return o.paused ? this.ok(by, 'PUT', `/v1/needs/${need.id}`, { version: need.version, status: 'paused' }) : need;
  }

  async resource(by: Person = 'liaison', o: { paused?: boolean; title?: string } = {}) {
    const resource = await this.ok(by, 'POST', '/v1/resources', {
      kind: 'financing',
      title: o.title ?? `普惠信用贷款 ${n()}`,
      description: '面向园区企业的信用贷款产品，用于核对访问控制。',
      expiresAt: LATER,
    });
    return o.paused ? this.ok(by, 'PUT', `/v1/resources/${resource.id}`, { version: resource.version, status: 'paused' }) : resource;
  }

  /** A financing match of a fresh need and a fresh resource, proposed by one side and taken to `until`. */
  async match(o: { need?: Person; resource?: Person; proposer?: 'need' | 'resource'; until?: 'proposed' | 'in_progress' | 'succeeded' } = {}) {
    const needBy = o.need ?? 'enterprise';
    const resourceBy = o.resource ?? 'liaison';
    const [need, resource] = await Promise.all([this.need(needBy), this.resource(resourceBy)]);
    const [proposer, other] = o.proposer === 'resource' ? [resourceBy, needBy] : [needBy, resourceBy];
    const proposed = await this.ok(proposer, 'POST', '/v1/matches', { needId: need.id, resourceId: resource.id });
    if ((o.until ?? 'proposed') === 'proposed') return proposed;
    const accepted = await this.ok(other, 'POST', `/v1/matches/${proposed.id}/accept`, {});
    if (o.until === 'in_progress') return accepted;
    return this.ok(other, 'POST', `/v1/matches/${proposed.id}/success`, { amountFen: 280_000_000, date: '2026-12-01' });
  }

  /** 恒通's need and the other bank's resource: none of the callers is on it. */
  strangerMatch(until: 'proposed' | 'in_progress' | 'succeeded' = 'proposed') {
    return this.once(`strangerMatch:${until}`, () => this.match({ need: 'otherEnterprise', resource: 'adbc', until }));
  }

  // Co-building cases -----------------------------------------------------------------------

  /** A bank case by `by`'s bank naming `enterprises`; confirmed by `confirmedBy` when given. */
  async bankCase(by: Person = 'liaison', o: { enterprises?: string[]; grantedOn?: string; confirmedBy?: Person } = {}) {
    let c = await this.ok(by, 'POST', '/v1/cases', {
      kind: 'bank',
      title: `银企共建核对案例 ${n()}`,
      enterpriseIds: o.enterprises ?? ['ent-xinrui'],
      bank: { instrument: 'loan', amountFen: 100_000_000, grantedOn: o.grantedOn ?? '2026-11-20', preferential: false },
      narrative: { difficulty: '企业缺少设备购置资金', action: '银行完成授信并放款' },
    });
    if (o.confirmedBy) c = await this.ok(o.confirmedBy, 'POST', `/v1/cases/${c.id}/confirm`, { version: c.version });
    return c;
  }

  /** The other bank's case naming 恒通: none of the callers but the admin may see it. */
  strangerCase(o: { confirmed?: boolean; grantedOn?: string } = {}) {
    return this.bankCase('adbc', { enterprises: ['ent-hengtong'], ...(o.grantedOn ? { grantedOn: o.grantedOn } : {}), ...(o.confirmed ? { confirmedBy: 'otherEnterprise' as const } : {}) });
  }

  // Inbox, stations, the admin's desk -------------------------------------------------------

  /** A message in `who`'s inbox (nothing sends the station host or the admin one this early: written directly). */
  async message(who: Person, id = this.app.deps.newId()): Promise<string> {
    const { db } = this.app.deps;
    const record = { id, parkId: this.parkId, userId: this.userId(who), kind: 'claimed' as const, title: '授权核对消息', body: '用于核对收件箱的访问控制', at: this.app.deps.clock.now().toISOString() };
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: notificationItem(record) }));
    return id;
  }

  topMessage(who: Person) {
    return this.message(who, topMessageId());
  }

  /** A rider's report on a station: its id. */
  async report(stationId: string): Promise<string> {
    return (await this.ok(undefined, 'POST', `/v1/stations/${stationId}/reports`, { deviceId: freshDevice(), kind: 'dirty', note: '授权核对' })).id;
  }

  async enterprise(): Promise<string> {
    return (await this.ok('admin', 'POST', '/v1/admin/enterprises', { name: `核对企业${n()}`, creditCode: freshCreditCode(), industry: '电商', zone: '东区' })).id;
  }
  async department(): Promise<string> {
    return (await this.ok('admin', 'POST', '/v1/admin/departments', { name: `核对部门${n()}`, kind: 'government' })).id;
  }
  async category(): Promise<string> {
    return (
      await this.ok('admin', 'POST', '/v1/admin/categories', {
        name: `核对类别${n()}`,
        claimSla: { unit: 'hours', amount: 4 },
        resolveSla: { unit: 'working_days', amount: 3 },
        departmentIds: ['dept-service'],
      })
    ).id;
  }
  /** An invited member (not yet bound to a WeChat account). */
  async invitation(): Promise<{ id: string; version: number; inviteCode: string }> {
    const invited = await this.ok('admin', 'POST', '/v1/admin/invitations', { name: `新成员${n()}`, role: 'enterprise', enterpriseId: 'ent-yunshang' });
    return { id: invited.member.id, version: invited.member.version, inviteCode: invited.inviteCode };
  }
  /** A new member of this role who joined with WeChat just now: their token (for erasing one per call). */
  async freshMember(role: Role): Promise<string> {
    const unit = role === 'enterprise' ? { enterpriseId: 'ent-yunshang' } : role === 'liaison' || role === 'dept_head' ? { departmentId: 'dept-service' } : {};
    const invited = await this.ok('admin', 'POST', '/v1/admin/invitations', { name: `新成员${n()}`, role, ...unit });
    return (await this.ok(undefined, 'POST', '/v1/auth/wechat', { code: `policy-fresh-${n()}`, inviteCode: invited.inviteCode })).token;
  }
  async ledgerExport(): Promise<string> {
    return (await this.ok('admin', 'POST', '/v1/ledger-exports', { from: '2026-11-01', to: '2026-11-30' })).id;
  }
}

// The table ---------------------------------------------------------------------------------

const id = (value: string, extra: Omit<Target, 'params'> = {}): Target => ({ params: { id: value }, ...extra });
const same = (list: Caller[], target: Target): Targets => Object.fromEntries(list.map((caller) => [caller, target]));
/** A record for each caller, made side by side. */
async function each<C extends Caller>(list: C[], make: (caller: C) => Promise<Target>): Promise<Targets> {
  return Object.fromEntries(await Promise.all(list.map(async (caller) => [caller, await make(caller)] as const)));
}

const ENTERPRISE: ['enterprise'] = ['enterprise'];
const DEPARTMENT: ('liaison' | 'dept_head')[] = ['liaison', 'dept_head'];
const SIDES: ('enterprise' | 'liaison' | 'dept_head')[] = ['enterprise', 'liaison', 'dept_head'];
const ALLIANCE: ('enterprise' | 'liaison' | 'dept_head' | 'admin')[] = [...SIDES, 'admin'];
const ROLES: Role[] = ['enterprise', 'liaison', 'dept_head', 'station_host', 'admin'];
const NOT_ADMIN: Role[] = ['enterprise', 'liaison', 'dept_head', 'station_host'];

const ids = (list: { id: string }[]) => list.map((item) => item.id);

const request = {
  /** A request step with a body: own records per caller, and the stranger (404) and bystander for psbc. */
  step(route: RouteName, body: unknown, own: (w: World, caller: 'liaison' | 'dept_head') => Promise<string>, extra: Partial<Fixture> = {}): Fixture {
    return {
      route,
      body,
      records: async (w) => {
        const [stranger, bystander] = await Promise.all([w.stranger(), w.bystander()]);
        return {
          own: await each(DEPARTMENT, async (caller) => id(await own(w, caller))),
          others: same(DEPARTMENT, id(stranger.id)),
          bystander: same(DEPARTMENT, id(bystander.id)),
        };
      },
      ...extra,
    };
  },
  /** An enterprise's step: its own request in the state the step needs; 恒通's is not its to see (404). */
  owner(route: RouteName, body: unknown, until: Until): Fixture {
    return {
      route,
      body,
      records: async (w) => ({ own: { enterprise: id((await w.request('enterprise', { until })).id) }, others: { enterprise: id((await w.stranger()).id) } }),
    };
  },
};

const claimedByLiaison = async (w: World) => (await w.request('enterprise', { until: 'claimed' })).id;
const answeredByLiaison = async (w: World) => (await w.request('enterprise', { until: 'answered' })).id;

const station = {
  /** Read-only routes on one managed station: the host's own, any of the park for the admin; the host's someone else's: st-postal. */
  read(route: RouteName, query?: Record<string, string | number>): Fixture {
    return {
      route,
      ...(query ? { query } : {}),
      records: async (w) => ({
        own: { station_host: id(w.station('st-service-center')), admin: id(w.station('st-postal')) },
        others: { station_host: id(w.station('st-postal')) },
      }),
    };
  },
};

const market = {
  /** Reading one post: open posts for everyone, a paused one for its owner and the admin only. */
  read(route: RouteName, kind: 'need' | 'resource'): Fixture {
    return {
      route,
      records: async (w) => {
        const post = (by: Person, paused = false) => (kind === 'need' ? w.need(by, { paused }) : w.resource(by, { paused }));
        const [open, paused, mine] = await Promise.all([
          post(kind === 'need' ? 'otherEnterprise' : 'adbc'),
          post(kind === 'need' ? 'otherEnterprise' : 'adbc', true),
          // The caller's own paused post: need by the enterprise, resource by psbc (liaison and head alike).
          post(kind === 'need' ? 'enterprise' : 'liaison', true),
        ]);
        const own: Targets = { ...same(ROLES, id(open.id)), admin: id(paused.id), ...(kind === 'need' ? { enterprise: id(mine.id) } : { liaison: id(mine.id), dept_head: id(mine.id) }) };
        return { own, others: same(NOT_ADMIN, id(paused.id)) };
      },
    };
  },
  /** The park's open posts, found by a word: another owner's paused one is not listed, nor another park's. */
  list(route: RouteName, kind: 'need' | 'resource'): Fixture {
    return {
      route,
      query: { q: MARK, limit: 50 },
      items: (body) => ids(body.items),
      records: async (w) => {
        const by = kind === 'need' ? 'otherEnterprise' : 'adbc';
        const title = `${kind === 'need' ? '设备贷款需求' : '普惠信用贷款'} ${MARK}`;
        const make = (paused: boolean) => (kind === 'need' ? w.need(by, { paused, title }) : w.resource(by, { paused, title }));
        const [open, paused] = await Promise.all([make(false), make(true)]);
        // The admin may see paused posts (one at a time), so another owner's paused post is not "someone else's" for it.
        return { own: same(ROLES, { listed: open.id }), others: same(NOT_ADMIN, { listed: paused.id }) };
      },
    };
  },
  /** An owner's change: its own fresh post; another owner's open post is visible but not theirs (403); a paused one is not visible (404). */
  update(route: RouteName, kind: 'need' | 'resource', owners: ('enterprise' | 'liaison' | 'dept_head')[]): Fixture {
    return {
      route,
      body: { version: 1, title: '修改后的标题内容' },
      bystander: { status: 403, why: 'the market is open to the whole park: the caller sees the post, so refusing the change says nothing new' },
      records: async (w) => {
        const post = (by: Person, paused = false) => (kind === 'need' ? w.need(by, { paused }) : w.resource(by, { paused }));
        const someone = kind === 'need' ? 'otherEnterprise' : 'adbc';
        const [open, paused] = await Promise.all([post(someone), post(someone, true)]);
        // A department's resource is its members' alike: the head changes the one its liaison posted.
        return { own: await each(owners, async (caller) => id((await post(caller === 'dept_head' ? 'liaison' : caller)).id)), bystander: same(owners, id(open.id)), others: same(owners, id(paused.id)) };
      },
    };
  },
  /** A step on a match by one of its sides: each caller's own match; the stranger match is no side's of theirs (404). */
  step(route: RouteName, body: unknown, own: (w: World, caller: 'enterprise' | 'liaison' | 'dept_head') => Promise<{ id: string }>, strangerUntil: 'proposed' | 'in_progress' = 'proposed'): Fixture {
    return {
      route,
      body,
      records: async (w) => ({ own: await each(SIDES, async (caller) => id((await own(w, caller)).id)), others: same(SIDES, id((await w.strangerMatch(strangerUntil)).id)) }),
    };
  },
};

const cases = {
  /** Reading one case: psbc's case naming 鑫锐 is every alliance caller's; the other bank's naming 恒通 is none of theirs. */
  read(route: RouteName, callers: Caller[] = ALLIANCE, o: { withFile?: boolean; body?: unknown } = {}): Fixture {
    const withFile = !!o.withFile;
    return {
      route,
      ...(o.body ? { body: o.body } : {}),
      records: async (w) => {
        const [mine, theirs] = await Promise.all([w.bankCase(), w.strangerCase()]);
        if (!withFile) return { own: same(callers, id(mine.id)), others: same(callers.filter((c) => c !== 'admin'), id(theirs.id)) };
        const [file, theirFile] = await Promise.all([w.caseFile('liaison', mine.id), w.caseFile('adbc', theirs.id)]);
        return {
          own: same(callers, { params: { id: mine.id, attachmentId: file } }),
          others: same(callers.filter((c) => c !== 'admin'), { params: { id: theirs.id, attachmentId: theirFile } }),
        };
      },
    };
  },
};

export const fixtures: Fixture[] = [
  // Open: no record of anyone. --------------------------------------------------------------
  { route: 'health', call: () => ({}) },
  { route: 'devUsers', call: () => ({}) },
  { route: 'devLogin', call: () => ({ body: { userId: 'u-ent-yunshang' } }) },
  { route: 'devClock', call: () => ({ body: { offsetMinutes: 0 } }) },
  { route: 'devSweep', call: () => ({}) },
  {
    route: 'wechatLogin',
    // The first call binds the invitation to this code's WeChat account; the others log in by it.
    call: async (w) => ({ body: { code: 'policy-wechat-code', inviteCode: (await w.once('invite', () => w.invitation())).inviteCode } }),
  },

  // Self: the caller's own account and inbox. -----------------------------------------------
  { route: 'me', call: () => ({}) },
  { route: 'subscribe', call: () => ({ body: { accepted: ['progress'] } }) },
  { route: 'myData', call: () => ({}) },
  // Erasing oneself, each caller a fresh account of their role (the role's person stays for the other routes).
  { route: 'deleteMe', call: async (w, caller) => ({ body: { confirm: '注销' }, ...(caller === 'anonymous' ? {} : { token: await w.freshMember(caller) }) }) },
  {
    route: 'inbox',
    query: { limit: 50 },
    items: (body) => ids(body.items),
    records: async (w) => ({ own: await each(ROLES, async (caller) => ({ listed: await w.topMessage(caller) })), others: same(ROLES, { listed: await w.topMessage('otherEnterprise') }) }),
  },
  {
    route: 'markRead',
    records: async (w) => ({ own: await each(ROLES, async (caller) => id(await w.message(caller))), others: same(ROLES, id(await w.message('otherEnterprise'))) }),
  },
  { route: 'markAllRead', call: () => ({}) },

  // The park's reference data: the caller's own park's, never another's. -------------------
  { route: 'listCategories', items: (body) => ids(body.categories), records: async (w) => ({ own: same(ROLES, { listed: await w.once('category', () => w.category()) }) }) },
  { route: 'listDepartments', items: (body) => ids(body.departments), records: async (w) => ({ own: same(ROLES, { listed: await w.once('department', () => w.department()) }) }) },
  { route: 'listEnterprises', items: (body) => ids(body.enterprises), records: async (w) => ({ own: same(ROLES, { listed: await w.once('enterprise', () => w.enterprise()) }) }) },
  { route: 'getCalendar', call: () => ({}) },
  {
    route: 'putCalendar',
    call: async (w) => ({ body: await w.once('calendar', () => w.ok('admin', 'GET', '/v1/calendar')) }),
  },
  { route: 'getPark', call: () => ({}) },
  { route: 'updatePark', call: async (w) => ({ body: { version: (await w.once('park', () => w.ok('admin', 'GET', '/v1/park'))).version } }) },

  // Requests. -------------------------------------------------------------------------------
  { route: 'createRequest', call: () => ({ body: { categoryId: 'cat-approval', title: '新厂房环评审批进度', description: '新厂房的环评审批材料已提交两周，想了解进度。' } }) },
  {
    // Lists hold the caller's enterprise's requests, or its department's pool.
    route: 'listRequests',
    items: (body) => ids(body.items),
    records: async (w) => {
      const title = `名单核对 ${MARK}`;
      const [mine, theirs, tax] = await Promise.all([
        w.request('enterprise', { title }),
        w.request('otherEnterprise', { title }),
        w.request('enterprise', { category: 'cat-tax', title }),
      ]);
      const mineQuery = { scope: 'mine', q: MARK, limit: 50 };
      const poolQuery = { scope: 'pool', q: MARK, limit: 50 };
      return {
        own: { enterprise: { query: mineQuery, listed: mine.id }, ...same(DEPARTMENT, { query: poolQuery, listed: mine.id }) },
        others: { enterprise: { query: mineQuery, listed: theirs.id }, ...same(DEPARTMENT, { query: poolQuery, listed: tax.id }) },
      };
    },
  },
  {
    route: 'getRequest',
    records: async (w) => {
      const [mine, stranger] = await Promise.all([w.request('enterprise', { until: 'claimed' }), w.stranger()]);
      return { own: same(ALLIANCE, id(mine.id)), others: same(SIDES, id(stranger.id)) };
    },
  },
  request.step('claimRequest', undefined, async (w) => (await w.request()).id, {
    bystander: { status: 409, why: 'a liaison whose department could have claimed it hears who was faster (domain/request.ts claim), a conflict, not a refusal' },
  }),
  request.step('replyRequest', { message: '这是对企业的答复。' }, claimedByLiaison),
  {
    ...request.step('noteRequest', { message: '内部备注内容' }, claimedByLiaison),
    records: async (w) => {
      const [stranger, bystander] = await Promise.all([w.stranger(), w.bystander()]);
      return {
        own: await each(['liaison', 'dept_head', 'admin'] as const, async (caller) => id(caller === 'admin' ? (await w.request('otherEnterprise', { category: 'cat-tax' })).id : await claimedByLiaison(w))),
        others: same(DEPARTMENT, id(stranger.id)),
        bystander: same(DEPARTMENT, id(bystander.id)),
      };
    },
  },
  request.step('startRequest', { message: '开始办理' }, claimedByLiaison),
  request.step('requestInfo', { message: '请补充近三年的财务报表。' }, claimedByLiaison),
  request.owner('provideInfo', { message: '已补充财务报表。' }, 'needs_info'),
  request.step('resolveRequest', { message: '已办结，授信已审批。' }, answeredByLiaison),
  request.owner('rateRequest', { satisfied: true, score: 5 }, 'answered'),
  request.owner('reopenRequest', { reason: '问题还没有解决' }, 'resolved'),
  {
    ...request.step('transferRequest', { departmentId: 'dept-tax', reason: '更适合税务部门办理' }, async (w) => (await w.request()).id),
    records: async (w) => {
      const [stranger, bystander] = await Promise.all([w.stranger(), w.bystander()]);
      // psbc's members transfer from their pool; the admin any request of the park.
      return {
        own: await each(['liaison', 'dept_head', 'admin'] as const, async () => id((await w.request()).id)),
        others: same(DEPARTMENT, id(stranger.id)),
        bystander: same(DEPARTMENT, id(bystander.id)),
      };
    },
  },
  request.owner('withdrawRequest', { reason: '问题已自行解决' }, 'submitted'),
  {
    route: 'createAttachmentUpload',
    body: { fileName: '材料.pdf', contentType: 'application/pdf', size: 1000 },
    records: async (w) => {
      const [stranger, bystander] = await Promise.all([w.stranger(), w.bystander()]);
      const own = await each(SIDES, async (caller): Promise<Target> => {
        if (caller === 'enterprise') return id((await w.request()).id);
        // A liaison attaches to one of their own replies; the head replies on its liaison's request.
        const requestId = await claimedByLiaison(w);
        return id(requestId, { body: { fileName: '答复附件.pdf', contentType: 'application/pdf', size: 1000, eventId: await w.reply(caller, requestId) } });
      });
      return { own, others: same(SIDES, id(stranger.id)), bystander: same(DEPARTMENT, id(bystander.id)) };
    },
  },
  {
    route: 'confirmAttachment',
    body: { attachmentId: '01KPOLICYNOSUCHUPLOAD00000' },
    records: async (w) => {
      const [stranger, bystander] = await Promise.all([w.stranger(), w.bystander()]);
      const own = await each(SIDES, async (caller): Promise<Target> => {
        if (caller === 'enterprise') {
          const requestId = (await w.request()).id;
          return id(requestId, { body: { attachmentId: await w.requestFile('enterprise', requestId, { confirm: false }) } });
        }
        const requestId = await claimedByLiaison(w);
        const eventId = await w.reply(caller, requestId);
        return id(requestId, { body: { attachmentId: await w.requestFile(caller, requestId, { eventId, confirm: false }) } });
      });
      return { own, others: same(SIDES, id(stranger.id)), bystander: same(DEPARTMENT, id(bystander.id)) };
    },
  },
  {
    route: 'attachmentUrl',
    records: async (w) => {
      const mine = await w.request('enterprise', { until: 'claimed' });
      const stranger = await w.stranger();
      const [file, theirFile] = await Promise.all([w.requestFile('enterprise', mine.id), w.once('strangerFile', () => w.requestFile('otherEnterprise', stranger.id))]);
      return { own: same(ALLIANCE, { params: { id: mine.id, attachmentId: file } }), others: same(SIDES, { params: { id: stranger.id, attachmentId: theirFile } }) };
    },
  },

  // Care stations: public pages for riders. -------------------------------------------------
  { route: 'nearbyStations', call: () => ({ query: { lat: 41.2945, lng: 123.7662 } }) },
  { route: 'stationDistricts', call: () => ({}) },
  // A public record of any park: the other park's stations answer too.
  { route: 'getStation', records: async (w) => ({ own: { all: id(w.station('st-service-center')) } }) },
  { route: 'checkIn', body: () => ({ deviceId: freshDevice() }), records: async (w) => ({ own: { all: id(w.station('st-24h')) } }) },
  { route: 'reportStation', body: () => ({ deviceId: freshDevice(), kind: 'no_water' }), records: async (w) => ({ own: { all: id(w.station('st-tax')) } }) },

  // Keeping stations: the host's own, any of the park's for its admin. ---------------------
  {
    route: 'listManagedStations',
    items: (body) => ids(body.items),
    records: async (w) => ({
      own: { station_host: { listed: w.station('st-service-center') }, admin: { listed: w.station('st-postal') } },
      others: { station_host: { listed: w.station('st-postal') } },
    }),
  },
  {
    route: 'createStation',
    call: () => ({
      body: {
        name: '核对新开驿站',
        address: '园区路 1 号',
        district: '本溪市平山区',
        location: { lat: 41.29, lng: 123.77 },
        amenities: ['water'],
        weekly: Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]),
      },
    }),
  },
  station.read('getManagedStation'),
  {
    route: 'updateStation',
    body: { version: 1, notice: '核对公告' },
    // Stations no other fixture changes, so the version read here is the one saved on.
    records: async (w) => {
      const version = async (stationId: string) => (await w.ok('admin', 'GET', `/v1/managed-stations/${stationId}`)).version;
      const target = async (stationId: string) => id(stationId, { body: { version: await version(stationId), notice: '核对公告' } });
      return {
        own: { station_host: await target(w.station('st-night')), admin: await target(w.station('st-library')) },
        others: { station_host: id(w.station('st-postal')) },
      };
    },
  },
  station.read('stationCheckIns', { days: 7 }),
  station.read('stationReports'),
  {
    route: 'resolveStationReport',
    body: { resolution: '已补充热水' },
    bystander: { status: 409, why: 'a report is addressed under its station: another station’s report is not on this one, and is answered like one already resolved (不存在或已处理), which tells nothing' },
    records: async (w) => {
      const stations: StationId[] = ['st-service-center', 'st-postal', 'st-postal', 'st-tax'];
      const [center, postal, theirs, tax] = await Promise.all(stations.map((s) => w.report(w.station(s))));
      const at = (stationId: StationId, reportId: string) => ({ params: { id: w.station(stationId), reportId } });
      return {
        own: { station_host: at('st-service-center', center!), admin: at('st-postal', postal!) },
        others: { station_host: at('st-postal', theirs!) },
        bystander: { station_host: at('st-service-center', theirs!), admin: at('st-postal', tax!) },
      };
    },
  },
  {
    route: 'createStationPhotoUpload',
    body: { contentType: 'image/jpeg', size: 1000 },
    records: async (w) => ({ own: { station_host: id(w.station('st-service-center')), admin: id(w.station('st-24h')) }, others: { station_host: id(w.station('st-postal')) } }),
  },
  {
    route: 'confirmStationPhoto',
    body: { photoId: '01KPOLICYNOSUCHPHOTO000000' },
    records: async (w) => {
      const pending = async (who: Person, stationId: string) => id(stationId, { body: { photoId: await w.stationPhoto(who, stationId, { confirm: false }) } });
      return {
        own: { station_host: await pending('station_host', w.station('st-service-center')), admin: await pending('admin', w.station('st-24h')) },
        others: { station_host: id(w.station('st-postal')) },
      };
    },
  },
  {
    route: 'deleteStationPhoto',
    records: async (w) => {
      const photo = async (who: Person, stationId: string) => ({ params: { id: stationId, photoId: await w.stationPhoto(who, stationId) } });
      return {
        own: { station_host: await photo('station_host', w.station('st-service-center')), admin: await photo('admin', w.station('st-24h')) },
        others: { station_host: await photo('admin', w.station('st-postal')) },
      };
    },
  },
  { route: 'stationHosts', call: () => ({}) },
  { route: 'stationStats', call: () => ({ query: { from: '2026-11', to: '2026-12' } }) },

  // The market. -----------------------------------------------------------------------------
  market.list('listNeeds', 'need'),
  {
    route: 'createNeed',
    call: () => ({ body: { kind: 'financing', title: '购置贴片设备需贷款', description: '新增两条贴片生产线，设备购置需要贷款 300 万元。', amountFen: 300_000_000, expiresAt: LATER } }),
  },
  market.read('getNeed', 'need'),
  market.update('updateNeed', 'need', ENTERPRISE),
  market.read('needSuggestions', 'need'),
  market.list('listResources', 'resource'),
  { route: 'createResource', call: () => ({ body: { kind: 'financing', title: '科技型企业知识产权质押贷', description: '以专利、商标等知识产权质押发放贷款。', expiresAt: LATER } }) },
  market.read('getResource', 'resource'),
  market.update('updateResource', 'resource', SIDES),
  market.read('resourceSuggestions', 'resource'),
  {
    route: 'proposeMatch',
    bystander: { status: 403, why: 'both posts are open to the whole park: the caller sees them, so refusing a proposal for others says nothing new' },
    records: async (w) => {
      // The caller's side and a fresh post of the other side, so no two proposals share a pair.
      const own = await each(SIDES, async (caller) => {
        const [need, resource] = caller === 'enterprise' ? await Promise.all([w.need('enterprise'), w.resource('adbc')]) : await Promise.all([w.need('otherEnterprise'), w.resource('liaison')]);
        return { body: { needId: need.id, resourceId: resource.id, message: '想对接' } };
      });
      const [need, resource, pausedNeed, pausedResource, myNeed, myResource] = await Promise.all([
        w.need('otherEnterprise'),
        w.resource('adbc'),
        w.need('otherEnterprise', { paused: true }),
        w.resource('adbc', { paused: true }),
        w.need('enterprise'),
        w.resource('liaison'),
      ]);
      return {
        own,
        // Another owner's paused post, which its GET answers 404 for: proposing to it is no way to learn it exists.
        others: { enterprise: { body: { needId: myNeed.id, resourceId: pausedResource.id } }, ...same(DEPARTMENT, { body: { needId: pausedNeed.id, resourceId: myResource.id } }) },
        bystander: same(SIDES, { body: { needId: need.id, resourceId: resource.id } }),
      };
    },
  },
  {
    route: 'listMatches',
    items: (body) => ids(body.items),
    records: async (w) => {
      const [mine, theirs] = await Promise.all([w.match(), w.strangerMatch()]);
      return { own: same(ALLIANCE, { query: { needId: mine.need.id }, listed: mine.id }), others: same(SIDES, { query: { needId: theirs.need.id }, listed: theirs.id }) };
    },
  },
  {
    route: 'getMatch',
    records: async (w) => {
      const [mine, theirs] = await Promise.all([w.match(), w.strangerMatch()]);
      return { own: same(ALLIANCE, id(mine.id)), others: same(SIDES, id(theirs.id)) };
    },
  },
  // Matches of 鑫锐's need and a resource psbc's liaison posted (its head acts for the same bank):
  // the side that did not propose accepts or declines; the proposer withdraws.
  market.step('acceptMatch', {}, (w, caller) => w.match({ proposer: caller === 'enterprise' ? 'resource' : 'need' })),
  market.step('declineMatch', { message: '暂不需要' }, (w, caller) => w.match({ proposer: caller === 'enterprise' ? 'resource' : 'need' })),
  market.step('withdrawMatch', {}, (w, caller) => w.match({ proposer: caller === 'enterprise' ? 'need' : 'resource' })),
  market.step('noteMatch', { message: '已约定面谈时间' }, (w) => w.match({ until: 'in_progress' }), 'in_progress'),
  market.step('succeedMatch', { amountFen: 280_000_000, date: '2026-12-01', note: '放款 280 万元' }, (w) => w.match({ until: 'in_progress' }), 'in_progress'),
  market.step('failMatch', { date: '2026-12-01', note: '未能达成' }, (w) => w.match({ until: 'in_progress' }), 'in_progress'),

  // Co-building cases. ----------------------------------------------------------------------
  {
    route: 'listCases',
    // Cases dated one day nobody else uses: the list holds only these.
    query: { from: '2026-01-07', to: '2026-01-07' },
    items: (body) => ids(body.items),
    records: async (w) => {
      const [mine, theirs] = await Promise.all([w.bankCase('liaison', { grantedOn: '2026-01-07' }), w.strangerCase({ grantedOn: '2026-01-07' })]);
      return { own: same(ALLIANCE, { listed: mine.id }), others: same(SIDES, { listed: theirs.id }) };
    },
  },
  {
    route: 'createCase',
    call: () => ({
      body: {
        kind: 'bank',
        title: '普惠贷款支持贴片产线',
        enterpriseIds: ['ent-xinrui'],
        bank: { instrument: 'loan', amountFen: 300_000_000, grantedOn: '2026-11-20', preferential: true },
        narrative: { difficulty: '新增产线缺少设备购置资金', action: '三个工作日完成授信并放款' },
      },
    }),
  },
  {
    route: 'caseFromRequest',
    bystander: { status: 403, why: 'psbc sees a financing request the other bank handled (its category was theirs too) but did not handle it (domain/cases/prefill.ts)' },
    records: async (w) => {
      const [stranger, bystander] = await Promise.all([w.stranger(), w.bystanderResolved()]);
      return {
        own: await each(DEPARTMENT, async () => ({ body: { requestId: (await w.request('enterprise', { until: 'resolved' })).id } })),
        others: same(DEPARTMENT, { body: { requestId: stranger.id } }),
        bystander: same(DEPARTMENT, { body: { requestId: bystander.id } }),
      };
    },
  },
  {
    route: 'caseFromMatch',
    records: async (w) => ({
      own: await each(DEPARTMENT, async () => ({ body: { matchId: (await w.match({ until: 'succeeded' })).id } })),
      others: same(DEPARTMENT, { body: { matchId: (await w.strangerMatch('succeeded')).id } }),
    }),
  },
  { route: 'caseSummary', call: () => ({ query: { from: '2026-01-01', to: '2026-12-31' } }) },
  cases.read('getCase'),
  {
    route: 'updateCase',
    body: { version: 1, title: '修改后的案例标题' },
    records: async (w) => ({ own: await each(DEPARTMENT, async (caller) => id((await w.bankCase(caller)).id)), others: same(DEPARTMENT, id((await w.strangerCase()).id)) }),
  },
  {
    route: 'confirmCase',
    body: { version: 1 },
    records: async (w) => ({ own: { enterprise: id((await w.bankCase()).id) }, others: { enterprise: id((await w.strangerCase()).id) } }),
  },
  {
    route: 'closeCase',
    body: { version: 2 },
    records: async (w) => ({
      own: await each(DEPARTMENT, async (caller) => id((await w.bankCase(caller, { confirmedBy: 'enterprise' })).id)),
      others: same(DEPARTMENT, id((await w.strangerCase({ confirmed: true })).id)),
    }),
  },
  cases.read('createCaseAttachmentUpload', SIDES, { body: { fileName: '合同.pdf', contentType: 'application/pdf', size: 1000 } }),
  {
    route: 'confirmCaseAttachment',
    body: { attachmentId: '01KPOLICYNOSUCHUPLOAD00000' },
    records: async (w) => {
      const [mine, theirs] = await Promise.all([w.bankCase(), w.strangerCase()]);
      const own: Targets = {};
      // One case, one caller after the other: each confirms the file it sent.
      for (const caller of SIDES) own[caller] = id(mine.id, { body: { attachmentId: await w.caseFile(caller, mine.id, { confirm: false }) } });
      return { own, others: same(SIDES, id(theirs.id)) };
    },
  },
  cases.read('caseAttachmentUrl', ALLIANCE, { withFile: true }),
  {
    route: 'deleteCaseAttachment',
    bystander: { status: 403, why: 'a named enterprise sees the bank’s file but only its uploader or the bank takes it off (domain/cases/attachments.ts detachFromCase)' },
    records: async (w) => {
      const [mine, theirs] = await Promise.all([w.bankCase(), w.strangerCase()]);
      const file = async (who: Person) => ({ params: { id: mine.id, attachmentId: await w.caseFile(who, mine.id) } });
      // The head takes off a file its liaison attached: the department's, not only the uploader's.
      const own: Targets = { enterprise: await file('enterprise'), liaison: await file('liaison'), dept_head: await file('liaison') };
      const bystander: Targets = { enterprise: await file('liaison') };
      const theirFile = await w.caseFile('adbc', theirs.id);
      return { own, bystander, others: same(SIDES, { params: { id: theirs.id, attachmentId: theirFile } }) };
    },
  },

  // The park admin's desk: any record of its own park, none of another's. --------------------
  { route: 'adminEnterprises', items: (body) => ids(body.items), records: async (w) => ({ own: { admin: { listed: await w.once('enterprise', () => w.enterprise()) } } }) },
  {
    route: 'createEnterprise',
    call: () => {
      const first17 = `91510100MA${String(9_000_000 + n()).slice(-7)}`;
      return { body: { name: '核对新登记企业', creditCode: first17 + creditCodeCheckCharacter(first17)!, industry: '电商', zone: '东区' } };
    },
  },
  { route: 'updateEnterprise', body: { version: 1, name: '改名后的核对企业' }, records: async (w) => ({ own: { admin: id(await w.enterprise()) } }) },
  {
    route: 'importEnterprises',
    call: () => {
      const first17 = `91510100MA${String(8_000_000 + n()).slice(-7)}`;
      return { body: { format: 'csv', content: `企业名称,统一社会信用代码,行业,片区\n核对导入公司,${first17 + creditCodeCheckCharacter(first17)!},电商,东区\n`, dryRun: true } };
    },
  },
  { route: 'adminDepartments', items: (body) => ids(body.items), records: async (w) => ({ own: { admin: { listed: await w.once('department', () => w.department()) } } }) },
  { route: 'createDepartment', call: () => ({ body: { name: '核对新部门', kind: 'government' } }) },
  { route: 'updateDepartment', body: { version: 1, name: '改名后的核对部门' }, records: async (w) => ({ own: { admin: id(await w.department()) } }) },
  { route: 'adminCategories', items: (body) => ids(body.items), records: async (w) => ({ own: { admin: { listed: await w.once('category', () => w.category()) } } }) },
  {
    route: 'createCategory',
    call: () => ({ body: { name: '核对新类别', claimSla: { unit: 'hours', amount: 4 }, resolveSla: { unit: 'working_days', amount: 3 }, departmentIds: ['dept-service'] } }),
  },
  { route: 'updateCategory', body: { version: 1, name: '改名核对类别' }, records: async (w) => ({ own: { admin: id(await w.category()) } }) },
  { route: 'listMembers', items: (body) => ids(body.items), records: async (w) => ({ own: { admin: { listed: (await w.invitation()).id } } }) },
  { route: 'createInvitation', call: () => ({ body: { name: '新成员', role: 'enterprise', enterpriseId: 'ent-yunshang' } }) },
  {
    route: 'suspendMember',
    records: async (w) => {
      const member = await w.invitation();
      return { own: { admin: id(member.id, { body: { version: member.version } }) } };
    },
  },
  {
    route: 'reinstateMember',
    records: async (w) => {
      const member = await w.invitation();
      const suspended = await w.ok('admin', 'POST', `/v1/admin/members/${member.id}/suspend`, { version: member.version });
      return { own: { admin: id(member.id, { body: { version: suspended.version } }) } };
    },
  },
  { route: 'auditLog', call: () => ({}) },
  { route: 'dashboard', call: () => ({ query: { from: '2026-11-01', to: '2026-12-31' } }) },
  { route: 'createLedgerExport', call: () => ({ body: { from: '2026-11-01', to: '2026-11-30' } }) },
  { route: 'listLedgerExports', items: (body) => ids(body.items), records: async (w) => ({ own: { admin: { listed: await w.once('export', () => w.ledgerExport()) } } }) },
  { route: 'getLedgerExport', records: async (w) => ({ own: { admin: id(await w.once('export', () => w.ledgerExport())) } }) },
];
