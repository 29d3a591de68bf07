/**
 * Co-building cases (银企/税企共建): drafted by a bank's or the tax bureau's liaison — by hand, or
 * in one step from a resolved request or a succeeded financing match — confirmed by every
 * enterprise they name, closed by the department; and the figures of the confirmed ones.
 */
import {
  CaseFromMatchInput,
  CaseFromRequestInput,
  CaseListQuery,
  CaseSummaryQuery,
  CaseVersionInput,
  CreateCaseInput,
  Id,
  UpdateCaseInput,
  type CaseList,
  type CaseSummary,
} from '@parklink/contract';
import { DomainError, notFound } from '../domain/errors';
import {
  assertCanViewCase,
  canViewCase,
  caseDate,
  caseView,
  closeCase,
  confirmCase,
  draftCase,
  draftingDepartment,
  editCase,
  fromInput,
  type CaseRecord,
  type NewCase,
} from '../domain/cases/case';
import { draftFromMatch, draftFromRequest } from '../domain/cases/prefill';
import { sideOf } from '../domain/market/match';
import { summarise } from '../domain/cases/summary';
import { assertCanView } from '../domain/request';
import { hasRole, type User } from '../domain/user';
import { caseStore } from '../store/cases';
import { directory } from '../store/directory';
import { marketStore } from '../store/market';
import { requestStore } from '../store/requests';
import type { Deps } from './deps';
import { caseAttachmentRoutes } from './caseAttachments';
import { json, lambdaHandler, route, type Context } from './middleware';

export const caseRoutes = [
  route('listCases', async (ctx) => {
    const q = ctx.query(CaseListQuery);
    const { deps, user } = ctx;
    const keep = (c: CaseRecord) =>
      canViewCase(user, c) &&
      (!q.kind || c.kind === q.kind) &&
      (!q.requestId || c.requestIds.includes(q.requestId)) &&
      (!q.departmentId || c.department.id === q.departmentId) &&
      (!q.status || c.status === q.status) &&
      (!q.from || caseDate(c) >= q.from) &&
      (!q.to || caseDate(c) <= q.to);
    const page = await caseStore.page(deps.db, user.parkId, keep, q.limit, q.cursor);
    const body: CaseList = { items: page.items.map((c) => caseView(c, user)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return json(200, body);
  }),

  route('createCase', async (ctx) => {
    const input = ctx.body(CreateCaseInput);
    const department = await departmentFor(ctx.deps, ctx.user, input.kind);
    const enterprises = await namedEnterprises(ctx.deps, ctx.user.parkId, input.enterpriseIds);
    return saveDraft(ctx, fromInput(input, enterprises), department);
  }),

  route('caseFromRequest', async (ctx) => {
    const { requestId } = ctx.body(CaseFromRequestInput);
    const { deps, user } = ctx;
    const request = await requestStore.get(deps.db, user.parkId, requestId);
    if (!request) throw new DomainError('NOT_FOUND', '诉求不存在或无权查看', 'request not found', 'requestId');
    assertCanView(request, user);
    const draft = draftFromRequest(request, await departmentKind(deps, user), user);
    // One case per request: a second tap opens the case already made.
    const existing = (await caseStore.all(deps.db, user.parkId)).find((c) => c.requestIds.includes(request.id) && c.department.id === user.departmentId);
    if (existing) return json(200, caseView(existing, user));
    return saveDraft(ctx, draft, await departmentFor(deps, user, draft.kind), '由诉求生成');
  }),

  route('caseFromMatch', async (ctx) => {
    const { matchId } = ctx.body(CaseFromMatchInput);
    const { deps, user } = ctx;
    const match = await marketStore.getMatch(deps.db, user.parkId, matchId);
    // A match the caller is on neither side of does not exist for them (policy: matchSide), as on every match route.
    if (!match || !sideOf(user, match)) throw new DomainError('NOT_FOUND', '对接不存在或无权查看', 'match not found', 'matchId');
    const draft = draftFromMatch(match, await departmentKind(deps, user), user);
    const existing = (await caseStore.all(deps.db, user.parkId)).find((c) => c.matchId === match.id);
    if (existing) return json(200, caseView(existing, user));
    return saveDraft(ctx, draft, await departmentFor(deps, user, 'bank'), '由供需对接生成');
  }),

  route('caseSummary', async (ctx) => {
    const query = ctx.query(CaseSummaryQuery);
    const { deps, user } = ctx;
    // The park's figures are for the admin; a department sees its own, an enterprise its own cases.
    const all = (await caseStore.all(deps.db, user.parkId)).filter((c) => canViewCase(user, c));
    const scoped = hasRole(user, 'admin') || !user.departmentId ? query : { ...query, departmentId: user.departmentId };
    const body: CaseSummary = summarise(all, scoped);
    return json(200, body);
  }),

  route('getCase', async (ctx) => json(200, caseView(await loadCase(ctx), ctx.user))),

  route('updateCase', async (ctx) => {
    const input = ctx.body(UpdateCaseInput);
    const current = await loadCase(ctx);
    const enterprises = input.enterpriseIds ? await namedEnterprises(ctx.deps, ctx.user.parkId, input.enterpriseIds) : undefined;
    const next = editCase(current, input, enterprises, ctx.user, ctx.deps.newId(), ctx.deps.clock.now().toISOString());
    return saveStep(ctx, next, current.version);
  }),

  route('confirmCase', async (ctx) => {
    const { version } = ctx.body(CaseVersionInput);
    const current = await loadCase(ctx);
    return saveStep(ctx, confirmCase(current, version, ctx.user, ctx.deps.newId(), ctx.deps.clock.now().toISOString()), current.version);
  }),

  route('closeCase', async (ctx) => {
    const { version, message } = ctx.body(CaseVersionInput);
    const current = await loadCase(ctx);
    return saveStep(ctx, closeCase(current, version, ctx.user, ctx.deps.newId(), ctx.deps.clock.now().toISOString(), message), current.version);
  }),
];

// Files on cases are served by the same function (http/caseAttachments.ts).
export const handler = lambdaHandler([...caseRoutes, ...caseAttachmentRoutes]);

async function loadCase(ctx: Context): Promise<CaseRecord> {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('共建案例', 'case');
  return assertCanViewCase(ctx.user, await caseStore.get(ctx.deps.db, ctx.user.parkId, id.data));
}

async function saveDraft(ctx: Context, draft: NewCase, department: { id: string; name: string }, message?: string) {
  const { deps, user } = ctx;
  const record = draftCase(draft, department, user, deps.newId(), deps.newId(), deps.clock.now().toISOString(), message);
  await caseStore.create(deps.db, record);
  return json(201, caseView(record, user));
}

/** Each step names the version it was made on; a second writer on the same version hears 409. */
async function saveStep(ctx: Context, next: CaseRecord, previousVersion: number) {
  if (!(await caseStore.save(ctx.deps.db, next, previousVersion))) {
    throw new DomainError('CONFLICT', '案例已被修改，请刷新后再操作', 'case changed meanwhile', 'version');
  }
  return json(200, caseView(next, ctx.user));
}

async function departmentKind(deps: Deps, user: User) {
  return user.departmentId ? (await directory.getDepartment(deps.db, user.parkId, user.departmentId))?.kind : undefined;
}

async function departmentFor(deps: Deps, user: User, kind: CaseRecord['kind']) {
  return draftingDepartment(user, kind, await departmentKind(deps, user));
}

/** The enterprises a case names, all of this park (an unknown one is a 400 naming it). */
async function namedEnterprises(deps: Deps, parkId: string, ids: string[]) {
  const found = await Promise.all(ids.map((id) => directory.getEnterprise(deps.db, parkId, id)));
  const missing = ids.find((_, i) => !found[i]);
  if (missing) throw new DomainError('VALIDATION_FAILED', `企业 ${missing} 不在本园区`, `enterpriseIds: ${missing} is not an enterprise of this park`, 'enterpriseIds');
  return found.map((e) => ({ id: e!.id, name: e!.name }));
}
