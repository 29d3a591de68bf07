import {
  CreateRequestInput,
  IDEMPOTENCY_HEADER,
  Id,
  ListRequestsQuery,
  NoteInput,
  ProvideInfoInput,
  RatingInput,
  ReopenInput,
  ReplyInput,
  RequestInfoInput,
  ResolveInput,
  StartInput,
  TransferInput,
  WithdrawInput,
  type RequestList,
} from '@parklink/contract';
import type { ListRequestsQuery as ListQuery } from '@parklink/contract';
import * as z from 'zod/mini';
import { DomainError, notFound } from '../domain/errors';
import * as lifecycle from '../domain/request';
import { actsForDepartment, actsForEnterprise, type User } from '../domain/user';
import { directory } from '../store/directory';
import { applyChange, type Known, type Target } from '../services/requestChanges';
import { listPage, listSources, type ListSpec } from '../store/requestLists';
import { requestStore } from '../store/requests';
import { categoryView } from './categories';
import type { Deps } from './deps';
import { json, lambdaHandler, route, type Context } from './middleware';

const IdempotencyKey = z.string().check(z.trim(), z.minLength(8), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/));

type Command = (state: lifecycle.RequestState, moment: lifecycle.Moment) => lifecycle.RequestState;

export const requestRoutes = [
  route('createRequest', async (ctx) => {
    const input = ctx.body(CreateRequestInput);
    const idempotencyKey = readIdempotencyKey(ctx);
    const { deps, user } = ctx;
    // The category and the calendar in one BatchGetItem, the departments (their names) beside it.
    const [{ category, calendar }, departments] = await Promise.all([
      directory.getCategoryWithCalendar(deps.db, user.parkId, input.categoryId),
      directory.listDepartments(deps.db, user.parkId),
    ]);
    if (!category) throw new DomainError('VALIDATION_FAILED', '诉求类别：不存在', 'categoryId: unknown category', 'categoryId');
    const now = deps.clock.now();
    const moment = { now: now.toISOString(), eventId: deps.newId(), calendar };
    const state = lifecycle.submit(user, input, categoryView(category, departments), deps.newId(), moment);
    const { created, state: saved } = await requestStore.create(
      deps.db,
      state,
      idempotencyKey ? { userId: user.id, key: idempotencyKey } : undefined,
      Math.floor(now.getTime() / 1000),
    );
    return json(created ? 201 : 200, lifecycle.toView(saved, user, now.toISOString()));
  }),

  route('listRequests', async (ctx) => {
    const query = ctx.query(ListRequestsQuery);
    const now = ctx.deps.clock.now().toISOString();
    const spec = await listSpecFor(ctx.deps, ctx.user, query, now);
    const page = await listPage(ctx.deps.db, spec, query.limit, query.cursor);
    const body: RequestList = {
      items: page.items.map((s) => lifecycle.toSummary(s, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
    return json(200, body);
  }),

  route('getRequest', async (ctx) => {
    const state = await loadVisible(ctx);
    return json(200, lifecycle.toView(state, ctx.user, ctx.deps.clock.now().toISOString()));
  }),

  route('claimRequest', (ctx) => change(ctx, (state, m) => lifecycle.claim(state, ctx.user, m))),
  route('replyRequest', withInput(ReplyInput, lifecycle.reply)),
  route('noteRequest', withInput(NoteInput, lifecycle.note)),
  route('startRequest', withInput(StartInput, lifecycle.start)),
  route('requestInfo', withInput(RequestInfoInput, lifecycle.requestInfo)),
  route('provideInfo', withInput(ProvideInfoInput, lifecycle.provideInfo)),
  route('resolveRequest', withInput(ResolveInput, lifecycle.resolve)),
  route('rateRequest', withInput(RatingInput, lifecycle.rate)),
  route('reopenRequest', withInput(ReopenInput, lifecycle.reopen)),
  route('withdrawRequest', withInput(WithdrawInput, lifecycle.withdraw)),

  route('transferRequest', async (ctx) => {
    const input = ctx.body(TransferInput);
    const target = await directory.getDepartment(ctx.deps.db, ctx.user.parkId, input.departmentId);
    if (!target) throw new DomainError('VALIDATION_FAILED', '转派部门：不存在', 'departmentId: unknown department', 'departmentId');
    // The new department's heads hear of it: their ids are on the record just read.
    return change(ctx, (state, m) => lifecycle.transfer(state, ctx.user, input, { id: target.id, name: target.name }, m), { departments: [target] });
  }),
];

export const handler = lambdaHandler(requestRoutes);

/** A route whose body is parsed with `schema` and handed to a lifecycle command. */
function withInput<T extends z.ZodMiniType>(
  schema: T,
  command: (state: lifecycle.RequestState, user: User, input: z.infer<T>, moment: lifecycle.Moment) => lifecycle.RequestState,
) {
  return (ctx: Context) => {
    const input = ctx.body(schema);
    return change(ctx, (state, moment) => command(state, ctx.user, input, moment));
  };
}

function readIdempotencyKey(ctx: Context): string | undefined {
  const raw = ctx.header(IDEMPOTENCY_HEADER);
  if (raw === undefined) return undefined;
  const parsed = IdempotencyKey.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Idempotency-Key：应为 8–128 位字母、数字、- 或 _',
      'Idempotency-Key: 8–128 letters, digits, - or _',
      'Idempotency-Key',
    );
  }
  return parsed.data;
}

/** The request the path names, as long as the caller may see it (404 otherwise, as if it did not exist). */
function visibleTarget(ctx: Context): Target {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('诉求', 'request');
  return { requestId: id.data, check: (state) => lifecycle.assertCanView(state, ctx.user) };
}

async function loadVisible(ctx: Context): Promise<lifecycle.RequestState> {
  const { requestId, check } = visibleTarget(ctx);
  return check(await requestStore.get(ctx.deps.db, ctx.user.parkId, requestId));
}

/** Read → decide (pure domain) → save with a version check and the inbox messages it causes. */
async function change(ctx: Context, command: Command, known?: Known) {
  const { state, now } = await applyChange(ctx.deps, ctx.user.parkId, visibleTarget(ctx), command, known);
  return json(200, lifecycle.toView(state, ctx.user, now));
}

/** Which index ranges make up the caller's list, and what to keep of them. */
async function listSpecFor(deps: Deps, user: User, query: ListQuery, now: string): Promise<ListSpec> {
  const keep = matches(query);
  if (actsForEnterprise(user)) {
    if (query.scope !== 'mine') throw new DomainError('FORBIDDEN', '该列表仅对联络员开放，企业请查看“我的诉求”', 'enterprises list their own requests');
    return { sources: listSources.enterprise(user.parkId, user.enterpriseId), ascending: false, keep };
  }
  if (!actsForDepartment(user)) throw new DomainError('FORBIDDEN', '只有企业和联络员有诉求列表', 'no request lists for this role');
  switch (query.scope) {
    case 'mine':
      return { sources: listSources.assignedOpen(user.parkId, user.id), ascending: true, keep };
    case 'done':
      return { sources: listSources.assignedDone(user.parkId, user.id), ascending: false, keep };
    case 'pool':
    case 'overdue': {
      const categories = await directory.listCategories(deps.db, user.parkId);
      const mine = categories.filter((c) => c.departmentIds.includes(user.departmentId)).map((c) => c.id);
      const sources =
        query.scope === 'pool'
          ? listSources.pool(user.parkId, mine, user.departmentId)
          : listSources.overdue(user.parkId, mine, user.departmentId, now);
      // A category may have gained this department after a request was filed: show only its own.
      const ours = (s: lifecycle.RequestState) =>
        s.departments.some((d) => d.id === user.departmentId) || s.assignee?.departmentId === user.departmentId;
      return { sources, ascending: true, keep: (s) => ours(s) && keep(s) };
    }
  }
}

/** The in-memory filters: status, category, and words in the title or description. */
function matches(query: ListQuery): (state: lifecycle.RequestState) => boolean {
  const words = query.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  return (state) =>
    (!query.status || state.status === query.status) &&
    (!query.categoryId || state.categoryId === query.categoryId) &&
    words.every((w) => state.title.toLowerCase().includes(w) || state.description.toLowerCase().includes(w));
}
