/**
 * Co-building cases against DynamoDB Local: drafted by hand, from a resolved financing request and
 * from a succeeded match (prefilled), confirmed by the enterprises they name, counted in the
 * figures only then — and seen or changed by nobody else, in no other park.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, CaseList, CaseSummary, CoBuildingCase, Match, Need, ServiceRequest } from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, otherParkUser, type TestApp } from '../support/app';

let app: TestApp;
const clock = manualClock('2026-11-23T02:00:00.000Z');
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const call = <T = any>(who: string, method: string, url: string, body?: unknown) => app.call<Or<T>>(method, url, { token: token[who], ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  for (const [name, id] of Object.entries({ ...demoUsers, kangyuan: 'u-ent-kangyuan', taxHead: 'u-tax-head' })) token[name] = await app.login(id);
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));
  token.otherBank = await app.login(otherParkUser(demoUsers.psbc));
});
afterAll(() => app.close());

const loanCase = {
  kind: 'bank',
  title: '普惠贷款支持贴片产线',
  enterpriseIds: ['ent-xinrui'],
  bank: { instrument: 'loan', amountFen: 300_000_000, rateBp: 385, termMonths: 36, grantedOn: '2026-11-20', purpose: '设备购置', preferential: true },
  narrative: { difficulty: '新增产线缺少设备购置资金', action: '三个工作日完成授信并放款' },
};
const taxCase = {
  kind: 'tax',
  title: '留抵退税辅导',
  enterpriseIds: ['ent-hengtong', 'ent-kangyuan'],
  tax: { service: 'refund', savedFen: 61_234_567, policies: ['增值税留抵退税'], date: '2026-11-05' },
  narrative: { difficulty: '不了解留抵退税条件', action: '专管员上门辅导并协助申报' },
};
const summary = (who: string, query = 'from=2026-11-01&to=2026-11-30') => call<CaseSummary>(who, 'GET', `/v1/cases/summary?${query}`);

describe('recording and confirming cases', () => {
  it('counts a case in the figures only once every named enterprise confirmed it', async () => {
    const before = (await summary('admin')).body;
    const bank = await call<CoBuildingCase>('psbc', 'POST', '/v1/cases', loanCase);
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    expect(bank.body).toMatchObject({ status: 'draft', department: { id: 'dept-psbc' }, enterprises: [{ id: 'ent-xinrui', name: '鑫锐电子科技有限公司' }], allowedActions: ['edit'] });
    const tax = await call<CoBuildingCase>('tax', 'POST', '/v1/cases', taxCase);
    expect(tax.status).toBe(201);
    expect((await summary('admin')).body).toMatchObject({ cases: before.cases, bank: { amountFen: before.bank.amountFen } });

    expect((await call<CoBuildingCase>('enterprise', 'GET', `/v1/cases/${bank.body.id}`)).body.allowedActions).toEqual(['confirm']);
    const confirmed = await call<CoBuildingCase>('enterprise', 'POST', `/v1/cases/${bank.body.id}/confirm`, { version: 1 });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', enterprises: [{ confirmedBy: '张经理' }] });
    await call('otherEnterprise', 'POST', `/v1/cases/${tax.body.id}/confirm`, { version: 1 });
    expect((await call<CoBuildingCase>('tax', 'GET', `/v1/cases/${tax.body.id}`)).body.status).toBe('draft');
    await call('kangyuan', 'POST', `/v1/cases/${tax.body.id}/confirm`, { version: 2 });

    const after = (await summary('admin')).body;
    expect(after.cases).toBe(before.cases + 2);
    expect(after.bank.amountFen).toBe(before.bank.amountFen + 300_000_000);
    expect(after.tax.savedFen).toBe(before.tax.savedFen + 61_234_567);
    expect(after.byMonth).toEqual([{ month: '2026-11', cases: after.cases, amountFen: after.bank.amountFen, savedFen: after.tax.savedFen }]);
    // A department sees its own figures only.
    expect((await summary('tax')).body).toMatchObject({ bank: { cases: 0 }, tax: { savedFen: after.tax.savedFen } });

    expect((await call<CoBuildingCase>('psbc', 'POST', `/v1/cases/${bank.body.id}/close`, { version: 2 })).body.status).toBe('closed');
    expect((await summary('admin')).body.cases).toBe(after.cases);
  });

  it('refuses figures that do not fit the kind, a department of the wrong kind, and unknown enterprises', async () => {
    expect((await call('psbc', 'POST', '/v1/cases', { ...loanCase, bank: undefined })).body.error.fields?.[0]?.field).toBe('bank');
    expect((await call('psbc', 'POST', '/v1/cases', { ...loanCase, bank: { ...loanCase.bank, amountFen: 12.5 } })).status).toBe(400);
    expect((await call('psbc', 'POST', '/v1/cases', taxCase)).status).toBe(403);
    expect((await call('approvals', 'POST', '/v1/cases', loanCase)).status).toBe(403);
    expect((await call('enterprise', 'POST', '/v1/cases', loanCase)).status).toBe(403);
    const foreign = await call('psbc', 'POST', '/v1/cases', { ...loanCase, enterpriseIds: ['park-other-ent-xinrui'] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('enterpriseIds');
  });

  it('takes one of two racing confirmations of the same version, and editing withdraws confirmations', async () => {
    const c = (await call<CoBuildingCase>('tax', 'POST', '/v1/cases', taxCase)).body;
    const [a, b] = await Promise.all([call('otherEnterprise', 'POST', `/v1/cases/${c.id}/confirm`, { version: 1 }), call('kangyuan', 'POST', `/v1/cases/${c.id}/confirm`, { version: 1 })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const current = (await call<CoBuildingCase>('tax', 'GET', `/v1/cases/${c.id}`)).body;
    const edited = await call<CoBuildingCase>('taxHead', 'PUT', `/v1/cases/${c.id}`, { version: current.version, tax: { ...taxCase.tax, savedFen: 99_000_000 } });
    expect(edited.status).toBe(200);
    expect(edited.body.enterprises.every((e) => !e.confirmedAt)).toBe(true);
    expect((await call('kangyuan', 'PUT', `/v1/cases/${c.id}`, { version: edited.body.version, title: '企业改标题' })).status).toBe(403);
  });
});

describe('one step from the work', () => {
  it('drafts a bank case from a resolved financing request, with enterprise, department, story and amount', async () => {
    const request = (await call<ServiceRequest>('enterprise', 'POST', '/v1/requests', { categoryId: 'cat-finance', title: '流动资金贷款需求', description: '订单增加，需要流动资金周转，希望申请普惠贷款。', fields: { amount: 300, purpose: 'working_capital', term: 12 } })).body;
    expect((await call('psbc', 'POST', '/v1/cases/from-request', { requestId: request.id })).status).toBe(409);
    await call('psbc', 'POST', `/v1/requests/${request.id}/claim`);
    await call('psbc', 'POST', `/v1/requests/${request.id}/replies`, { message: '已为贵司匹配小微易贷产品，请准备财务报表。' });
    await call('psbc', 'POST', `/v1/requests/${request.id}/resolve`, { message: '授信 300 万元已审批通过并放款。' });
    // The other bank of the category sees the request but did not handle it.
    expect((await call('adbc', 'POST', '/v1/cases/from-request', { requestId: request.id })).status).toBe(403);
    expect((await call('tax', 'POST', '/v1/cases/from-request', { requestId: request.id })).status).toBe(404);

    const draft = await call<CoBuildingCase>('psbc', 'POST', '/v1/cases/from-request', { requestId: request.id });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({
      kind: 'bank',
      status: 'draft',
      title: '流动资金贷款需求',
      department: { id: 'dept-psbc' },
      enterprises: [{ id: 'ent-xinrui', name: '鑫锐电子科技有限公司' }],
      bank: { instrument: 'loan', amountFen: 300_000_000, termMonths: 12, grantedOn: '2026-11-23', purpose: '流动资金', preferential: false },
      requestIds: [request.id],
    });
    expect(draft.body.narrative.difficulty).toContain('订单增加');
    expect(draft.body.narrative.action).toBe('已为贵司匹配小微易贷产品，请准备财务报表。\n授信 300 万元已审批通过并放款。');
    expect(draft.body.timeline[0]).toMatchObject({ type: 'drafted', message: '由诉求生成' });
    // A second tap opens the same draft; the list finds it by its request.
    const again = await call<CoBuildingCase>('psbc', 'POST', '/v1/cases/from-request', { requestId: request.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(draft.body.id);
    expect((await call<CaseList>('psbc', 'GET', `/v1/cases?requestId=${request.id}`)).body.items.map((c) => c.id)).toEqual([draft.body.id]);
    expect((await call('psbc', 'GET', '/v1/me')).body).toMatchObject({ departmentKind: 'bank' });
  });

  it('drafts a tax case from a resolved tax request', async () => {
    const request = (await call<ServiceRequest>('otherEnterprise', 'POST', '/v1/requests', { categoryId: 'cat-tax', title: '研发费用加计扣除', description: '想了解研发费用加计扣除的政策和申报方法。' })).body;
    await call('tax', 'POST', `/v1/requests/${request.id}/claim`);
    await call('tax', 'POST', `/v1/requests/${request.id}/replies`, { message: '可以享受加计扣除，下周上门辅导。' });
    const resolved = await call('tax', 'POST', `/v1/requests/${request.id}/resolve`, { message: '已上门辅导申报。' });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const draft = await call<CoBuildingCase>('tax', 'POST', '/v1/cases/from-request', { requestId: request.id });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ kind: 'tax', enterprises: [{ id: 'ent-hengtong' }], tax: { service: 'policy_consulting', savedFen: 0, date: '2026-11-23' } });
  });

  it('drafts a bank case from a succeeded financing match, with the outcome’s amount and date', async () => {
    const need = (await call<Need>('enterprise', 'POST', '/v1/needs', { kind: 'financing', title: '购置贴片设备需贷款', description: '新增两条贴片生产线，设备购置需要贷款 300 万元。', amountFen: 300_000_000, expiresAt: '2027-03-01T00:00:00.000Z' })).body;
    const match = (await call<Match>('enterprise', 'POST', '/v1/matches', { needId: need.id, resourceId: 'res-psbc-micro' })).body;
    expect((await call('psbc', 'POST', '/v1/cases/from-match', { matchId: match.id })).status).toBe(409);
    await call('psbc', 'POST', `/v1/matches/${match.id}/accept`, {});
    await call('psbc', 'POST', `/v1/matches/${match.id}/success`, { amountFen: 280_000_000, date: '2026-11-28', note: '放款 280 万元' });
    expect((await call('enterprise', 'POST', '/v1/cases/from-match', { matchId: match.id })).status).toBe(403);
    const draft = await call<CoBuildingCase>('psbc', 'POST', '/v1/cases/from-match', { matchId: match.id });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ kind: 'bank', matchId: match.id, enterprises: [{ id: 'ent-xinrui' }], bank: { amountFen: 280_000_000, grantedOn: '2026-11-28' } });
    expect(draft.body.narrative.action).toContain('放款 280 万元');
  });
});

describe('the enterprises a case can name', () => {
  it('are listed for the park’s members by name, without credit codes, and only the park’s own', async () => {
    const list = (await call<{ enterprises: { id: string; name: string }[] }>('psbc', 'GET', '/v1/enterprises')).body.enterprises;
    expect(list.map((e) => e.id)).toEqual(expect.arrayContaining(['ent-xinrui', 'ent-hengtong']));
    expect(JSON.stringify(list)).not.toMatch(/creditCode|91510100/);
    // One registered in this park only: listed here, not in the other park.
    const first17 = '91210500MA0Y7K3R9';
    const { creditCodeCheckCharacter } = await import('../../src/domain/creditCode');
    const created = await call('admin', 'POST', '/v1/admin/enterprises', { name: '只在本园区的公司', creditCode: first17 + creditCodeCheckCharacter(first17), industry: '电商', zone: '东区' });
    expect(created.status).toBe(201);
    expect((await call<{ enterprises: { name: string }[] }>('psbc', 'GET', '/v1/enterprises')).body.enterprises.map((e) => e.name)).toContain('只在本园区的公司');
    expect((await call<{ enterprises: { name: string }[] }>('otherAdmin', 'GET', '/v1/enterprises')).body.enterprises.map((e) => e.name)).not.toContain('只在本园区的公司');
    expect((await app.call('GET', '/v1/enterprises')).status).toBe(401);
  });
});

describe('who sees cases', () => {
  it('shows a case to its department, its enterprises and the admin; to others and other parks it does not exist', async () => {
    const c = (await call<CoBuildingCase>('psbc', 'POST', '/v1/cases', loanCase)).body;
    for (const who of ['psbc', 'psbcHead', 'enterprise', 'admin']) expect((await call(who, 'GET', `/v1/cases/${c.id}`)).status, who).toBe(200);
    for (const who of ['adbc', 'tax', 'otherEnterprise', 'approvals', 'otherAdmin', 'otherBank']) {
      expect((await call(who, 'GET', `/v1/cases/${c.id}`)).status, who).toBe(404);
      // Only enterprises confirm (others are refused by role, 403, before the case is read).
      expect((await call(who, 'POST', `/v1/cases/${c.id}/confirm`, { version: 1 })).status, who).toBe(who === 'otherEnterprise' ? 404 : 403);
      expect((await call<CaseList>(who, 'GET', '/v1/cases')).body.items.map((i) => i.id), who).not.toContain(c.id);
    }
    expect((await call<CaseSummary>('otherAdmin', 'GET', '/v1/cases/summary?from=2026-01-01&to=2026-12-31')).body.cases).toBe(0);
    expect((await call<CaseList>('enterprise', 'GET', '/v1/cases?kind=bank&status=draft')).body.items.map((i) => i.id)).toContain(c.id);
    expect((await app.call('GET', '/v1/cases')).status).toBe(401);
  });
});
