/**
 * The supply-demand market against DynamoDB Local: posts, lists and words, suggestions with their
 * reasons, two-way claiming to an outcome, races on one pair and one match, expiry, and nobody
 * outside the park — or off the match — seeing or changing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, Inbox, Match, Need, NeedList, Resource, ResourceList, ResourceSuggestions } from '@parklink/contract';
import { sweepOverdue } from '../../src/jobs/overdueSweep';
import { createTestApp, demoUsers, manualClock, otherParkUser, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-12-02T02:00:00.000Z');
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const wan = (n: number) => n * 1_000_000;
const LATER = '2027-03-01T00:00:00.000Z';

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  for (const [name, id] of Object.entries({ ...demoUsers, hr: 'u-hr-1', hengtong: 'u-ent-hengtong', qiche: 'u-ent-qiche' })) token[name] = await app.login(id);
  token.otherPark = await app.login(otherParkUser(demoUsers.enterprise));
  token.otherBank = await app.login(otherParkUser(demoUsers.psbc));
});
afterAll(() => app.close());

const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<Or<T>>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });
const loanNeed = { kind: 'financing', title: '购置贴片设备需贷款', description: '新增两条贴片生产线，设备购置需要贷款 300 万元，希望无抵押信用贷款。', amountFen: wan(300), expiresAt: LATER };
const postNeed = async (who = 'enterprise', input: Record<string, unknown> = loanNeed) => {
  const answer = await call<Need>(who, 'POST', '/v1/needs', input);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const proposeLoan = (who: string, needId: string, message = '想了解小微易贷') => call<Match>(who, 'POST', '/v1/matches', { needId, resourceId: 'res-psbc-micro', message });

describe('posting and listing', () => {
  it('takes an enterprise’s need with its industry and zone, and lists it for the park', async () => {
    const need = await postNeed();
    expect(need).toMatchObject({ kind: 'financing', industry: '电子信息', zone: '东区', status: 'open', version: 1, mine: true, owner: { kind: 'enterprise', id: 'ent-xinrui', name: '鑫锐电子科技有限公司' } });
    const seen = await call<NeedList>('psbc', 'GET', '/v1/needs?kind=financing');
    expect(seen.body.items.find((n) => n.id === need.id)).toMatchObject({ mine: false });
    expect((await call<NeedList>('psbc', 'GET', '/v1/needs?kind=hiring')).body.items.find((n) => n.id === need.id)).toBeUndefined();
    expect((await call<NeedList>('psbc', 'GET', `/v1/needs?industry=${encodeURIComponent('电子信息')}&zone=${encodeURIComponent('东区')}`)).body.items.map((n) => n.id)).toContain(need.id);
  });

  it('searches Chinese text as words', async () => {
    const q = (text: string) => call<ResourceList>('enterprise', 'GET', `/v1/resources?q=${encodeURIComponent(text)}`).then((r) => r.body.items.map((i) => i.id));
    expect(await q('信用贷款')).toEqual(['res-psbc-micro']);
    expect(await q('数控 加工')).toEqual(['res-hengtong-cnc']);
    expect(await q('知识产权')).toEqual(['res-law-ip']);
    expect(await q('邮储')).toEqual(['res-psbc-micro']); // the owner's name counts too
    expect(await q('火箭发动机')).toEqual([]);
  });

  it('pages by an opaque cursor that only continues the same list', async () => {
    for (let i = 0; i < 4; i++) await postNeed('otherEnterprise', { kind: 'orders', title: `承接冲压件订单 ${i}`, description: '冲压车间有富余产能，希望承接汽车零部件冲压件配套订单。', expiresAt: LATER });
    const first = await call<NeedList>('otherEnterprise', 'GET', '/v1/needs?scope=mine&limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await call<NeedList>('otherEnterprise', 'GET', `/v1/needs?scope=mine&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect(new Set([...first.body.items, ...second.body.items].map((n) => n.title)).size).toBe(4);
    // The same cursor on someone else's list is refused, not followed.
    expect((await call('enterprise', 'GET', `/v1/needs?scope=mine&cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('lets resources come from departments and enterprises, with terms checked', async () => {
    const product = { kind: 'financing', title: '科技型企业知识产权质押贷', description: '以专利、商标等知识产权质押发放贷款，支持科技型中小企业。', terms: { amountMinFen: wan(50), amountMaxFen: wan(2000), rateMinBp: 380, rateMaxBp: 420 }, expiresAt: LATER };
    const created = await call<Resource>('adbc', 'POST', '/v1/resources', product);
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({ kind: 'department', id: 'dept-adbc', name: expect.any(String) });
    const backwards = await call('adbc', 'POST', '/v1/resources', { ...product, terms: { amountMinFen: wan(500), amountMaxFen: wan(50) } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.field).toBe('terms.amountMaxFen');
  });

  it('refuses bad input with the field, writing nothing', async () => {
    for (const [body, field] of [
      [{ ...loanNeed, amountFen: '300万' }, 'amountFen'],
      [{ ...loanNeed, amountFen: -5 }, 'amountFen'],
      [{ ...loanNeed, amountFen: 1.5 }, 'amountFen'],
      [{ ...loanNeed, kind: 'crypto' }, 'kind'],
      [{ ...loanNeed, title: '短' }, 'title'],
      [{ ...loanNeed, expiresAt: '2026-01-01T00:00:00.000Z' }, 'expiresAt'],
      [{ ...loanNeed, expiresAt: 'tomorrow' }, 'expiresAt'],
    ] as const) {
      const answer = await call('enterprise', 'POST', '/v1/needs', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.field ?? answer.body.error.fields?.[0]?.field).toBe(field);
    }
    expect((await call('psbc', 'POST', '/v1/needs', loanNeed)).status).toBe(403);
    expect((await call('admin', 'POST', '/v1/resources', { kind: 'other', title: '管理员资源', description: '管理员不代表任何成员单位发布资源。', expiresAt: LATER })).status).toBe(403);
  });
});

describe('the owner keeps a post', () => {
  it('edits on the version read; nobody else edits; pausing hides it from the others', async () => {
    const need = await postNeed();
    expect((await call('otherEnterprise', 'PUT', `/v1/needs/${need.id}`, { version: 1, title: '被别人改了标题' })).status).toBe(403);
    expect((await call('psbc', 'PUT', `/v1/needs/${need.id}`, { version: 1, title: '被银行改了标题' })).status).toBe(403);
    const edited = await call<Need>('enterprise', 'PUT', `/v1/needs/${need.id}`, { version: 1, amountFen: wan(350) });
    expect(edited.body).toMatchObject({ version: 2, amountFen: wan(350) });
    const stale = await call('enterprise', 'PUT', `/v1/needs/${need.id}`, { version: 1, amountFen: wan(400) });
    expect(stale.status).toBe(409);
    const [a, b] = await Promise.all([1, 2].map((n) => call('enterprise', 'PUT', `/v1/needs/${need.id}`, { version: 2, tags: [`标签${n}`] })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);

    await call('enterprise', 'PUT', `/v1/needs/${need.id}`, { version: 3, status: 'paused' });
    expect((await call('psbc', 'GET', `/v1/needs/${need.id}`)).status).toBe(404);
    expect((await call<NeedList>('psbc', 'GET', '/v1/needs')).body.items.map((n) => n.id)).not.toContain(need.id);
    expect((await call<NeedList>('enterprise', 'GET', '/v1/needs?scope=mine')).body.items.find((n) => n.id === need.id)?.status).toBe('paused');
    const closed = await call<Need>('enterprise', 'PUT', `/v1/needs/${need.id}`, { version: 4, status: 'closed' });
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: 'owner' });
    expect((await call('enterprise', 'PUT', `/v1/needs/${need.id}`, { version: 5, status: 'open' })).status).toBe(409);
  });
});

describe('suggestions', () => {
  it('put the seeded micro-loan product first for a financing need, with reasons in words', async () => {
    const need = await postNeed();
    const answer = await call<ResourceSuggestions>('enterprise', 'GET', `/v1/needs/${need.id}/suggestions`);
    expect(answer.status).toBe(200);
    const [top] = answer.body.items;
    expect(top?.resource.id).toBe('res-psbc-micro');
    expect(top?.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(['同为融资类', '300 万元在额度 10 万元–1000 万元 内']));
    // …and for the bank, that need among the needs its product fits.
    const back = await call('psbc', 'GET', '/v1/resources/res-psbc-micro/suggestions');
    expect(back.body.items.map((s: { need: Need }) => s.need.id)).toContain(need.id);
  });
});

describe('two-way claiming (双向认领)', () => {
  it('takes a proposal to success: the bank hears, accepts, records the outcome; the product gains a success', async () => {
    const need = await postNeed();
    const proposed = await proposeLoan('enterprise', need.id);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedBy: 'need', viewerSide: 'need', allowedActions: ['withdraw'] });

    const inbox = (await call<Inbox>('psbcHead', 'GET', '/v1/inbox')).body;
    expect(inbox.items[0]).toMatchObject({ kind: 'match_proposed', matchId: proposed.body.id, title: '有新的对接请求' });
    expect((await call<Inbox>('enterprise', 'GET', '/v1/inbox')).body.items.some((n) => n.matchId === proposed.body.id)).toBe(false);

    expect((await call('enterprise', 'POST', `/v1/matches/${proposed.body.id}/accept`, {})).status).toBe(409);
    const accepted = await call<Match>('psbc', 'POST', `/v1/matches/${proposed.body.id}/accept`, { message: '请准备近一年财务报表' });
    expect(accepted.body).toMatchObject({ status: 'in_progress', allowedActions: ['note', 'succeed', 'fail'] });
    await call('enterprise', 'POST', `/v1/matches/${proposed.body.id}/notes`, { message: '报表已提交' });
    const done = await call<Match>('psbc', 'POST', `/v1/matches/${proposed.body.id}/success`, { amountFen: wan(300), date: '2026-12-20', note: '已放款 300 万元' });
    expect(done.body).toMatchObject({ status: 'succeeded', outcome: { amountFen: wan(300), date: '2026-12-20', note: '已放款 300 万元' }, allowedActions: [] });
    expect(done.body.timeline.map((e) => [e.type, e.side])).toEqual([
      ['proposed', 'need'],
      ['accepted', 'resource'],
      ['noted', 'need'],
      ['succeeded', 'resource'],
    ]);
    expect((await call<Inbox>('enterprise', 'GET', '/v1/inbox')).body.items.filter((n) => n.matchId === proposed.body.id).map((n) => n.kind)).toEqual(['match_succeeded', 'match_accepted']);
    expect((await call<Resource>('enterprise', 'GET', '/v1/resources/res-psbc-micro')).body.succeededMatches).toBe(1);
    const again = await call<ResourceSuggestions>('enterprise', 'GET', `/v1/needs/${(await postNeed()).id}/suggestions`);
    expect(again.body.items[0]?.reasons.map((r) => r.text)).toContain('已成功对接 1 次');

    const listed = await call('enterprise', 'GET', `/v1/matches?needId=${need.id}`);
    expect(listed.body.items.map((m: Match) => m.id)).toEqual([proposed.body.id]);
    expect((await call('psbc', 'GET', '/v1/matches')).body.items.map((m: Match) => m.id)).toContain(proposed.body.id);
  });

  it('lets the resource side propose too, and either side decline or withdraw', async () => {
    const need = await postNeed();
    const fromBank = await proposeLoan('psbc', need.id, '我行产品适合贵司');
    expect(fromBank.body).toMatchObject({ proposedBy: 'resource', viewerSide: 'resource' });
    const declined = await call<Match>('enterprise', 'POST', `/v1/matches/${fromBank.body.id}/decline`, { message: '已获其他融资' });
    expect(declined.body.status).toBe('declined');
    // Declined: the pair is free for a new proposal.
    const second = await proposeLoan('enterprise', need.id);
    expect(second.status).toBe(201);
    expect((await call<Match>('enterprise', 'POST', `/v1/matches/${second.body.id}/withdraw`, {})).body.status).toBe('withdrawn');
  });

  it('creates exactly one match from many racing proposals of one pair, and takes one of racing answers', async () => {
    const need = await postNeed();
    const proposals = await Promise.all(Array.from({ length: 8 }, (_, i) => proposeLoan(i % 2 ? 'enterprise' : 'psbc', need.id)));
    const won = proposals.filter((p) => p.status === 201);
    expect(won).toHaveLength(1);
    expect(proposals.filter((p) => p.status === 409)).toHaveLength(7);
    const matchId = won[0]!.body.id;
    const other = won[0]!.body.proposedBy === 'need' ? ['psbc', 'psbcHead'] : ['enterprise', 'enterprise'];
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => call(other[i % 2]!, 'POST', `/v1/matches/${matchId}/${i % 3 === 0 ? 'decline' : 'accept'}`, {})));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(5);
    const final = (await call<Match>('admin', 'GET', `/v1/matches/${matchId}`)).body;
    expect(final.timeline.filter((e) => e.type !== 'proposed')).toHaveLength(1);
    expect(final.version).toBe(2);
    // Several matches per need are fine, one per pair.
    const another = await call('enterprise', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-adbc-agri' });
    expect(another.status).toBe(201);
  });

  it('refuses matches on closed or expired posts and between one’s own posts', async () => {
    const need = await postNeed('enterprise', { ...loanNeed, expiresAt: '2026-12-05T00:00:00.000Z' });
    clock.advanceHours(24 * 4);
    expect((await call<Need>('enterprise', 'GET', `/v1/needs/${need.id}`)).body).toMatchObject({ status: 'closed', closedReason: 'expired' });
    expect((await call<NeedList>('psbc', 'GET', '/v1/needs')).body.items.map((n) => n.id)).not.toContain(need.id);
    expect((await proposeLoan('enterprise', need.id)).body.error).toMatchObject({ code: 'INVALID_TRANSITION', field: 'needId' });
    const own = await call<Resource>('hengtong', 'POST', '/v1/resources', { kind: 'orders', title: '冲压产能共享', description: '冲压车间有富余产能，可承接冲压件订单。', expiresAt: LATER });
    const ownNeed = await postNeed('hengtong', { kind: 'orders', title: '采购冲压模具', description: '需要采购一套汽车零部件冲压模具。', expiresAt: LATER });
    expect((await call('hengtong', 'POST', '/v1/matches', { needId: ownNeed.id, resourceId: own.body.id })).status).toBe(400);
    clock.advanceHours(-24 * 4);
  });
});

describe('expiry', () => {
  it('is closed by the sweep once, however often and overlapping it runs; owners’ open posts stay', async () => {
    const soon = await postNeed('enterprise', { ...loanNeed, title: '短期需求到期关闭', expiresAt: '2026-12-03T00:00:00.000Z' });
    const resource = (await call<Resource>('hr', 'POST', '/v1/resources', { kind: 'hiring', title: '冬季招聘会', description: '十二月专场招聘会，欢迎企业报名参加。', expiresAt: '2026-12-03T00:00:00.000Z' })).body;
    const lasting = await postNeed();
    clock.advanceHours(48);
    const runs = await Promise.all([sweepOverdue(app.deps), sweepOverdue(app.deps), sweepOverdue(app.deps)]);
    expect(runs.reduce((n, r) => n + r.postsClosed, 0)).toBe(2);
    expect((await sweepOverdue(app.deps)).postsClosed).toBe(0);
    expect((await call<Need>('enterprise', 'GET', `/v1/needs/${soon.id}`)).body).toMatchObject({ status: 'closed', closedReason: 'expired', version: 2 });
    expect((await call<Resource>('hr', 'GET', `/v1/resources/${resource.id}`)).body).toMatchObject({ status: 'closed', closedReason: 'expired' });
    expect((await call<Need>('enterprise', 'GET', `/v1/needs/${lasting.id}`)).body).toMatchObject({ status: 'open', version: 1 });
    clock.advanceHours(-48);
  });
});

describe('who sees the market and its matches', () => {
  it('keeps every park’s market to itself, and a match to its two sides and the admin', async () => {
    const need = await postNeed();
    const match = (await proposeLoan('enterprise', need.id)).body;
    // Another park: the same ids answer 404, its lists hold none of ours.
    expect((await call('otherPark', 'GET', `/v1/needs/${need.id}`)).status).toBe(404);
    expect((await call('otherPark', 'GET', `/v1/needs/${need.id}/suggestions`)).status).toBe(404);
    expect((await call('otherPark', 'PUT', `/v1/needs/${need.id}`, { version: 1, title: '跨园区修改' })).status).toBe(404);
    expect((await call('otherBank', 'GET', `/v1/matches/${match.id}`)).status).toBe(404);
    expect((await call('otherBank', 'POST', `/v1/matches/${match.id}/accept`, {})).status).toBe(404);
    expect((await call<NeedList>('otherPark', 'GET', '/v1/needs')).body.items.map((n) => n.id)).not.toContain(need.id);
    const crossPark = await call('otherPark', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro' });
    expect(crossPark.status).toBe(404);
    // Same park, not on the match: it does not exist for them.
    for (const who of ['otherEnterprise', 'tax', 'hr']) {
      expect((await call(who, 'GET', `/v1/matches/${match.id}`)).status, who).toBe(404);
      expect((await call(who, 'POST', `/v1/matches/${match.id}/accept`, {})).status, who).toBe(404);
      expect((await call(who, 'GET', `/v1/matches?needId=${need.id}`)).body.items, who).toEqual([]);
    }
    expect((await call('admin', 'GET', `/v1/matches/${match.id}`)).body).toMatchObject({ allowedActions: [] });
    expect((await call('admin', 'POST', `/v1/matches/${match.id}/accept`, {})).status).toBe(403);
    expect((await app.call('GET', '/v1/needs')).status).toBe(401);
  });
});
