/**
 * The market's lists (供需清单): needs posted by enterprises, resources by departments or
 * enterprises; filtered, searched as words, paged; edited by their owner only; and the suggested
 * candidates for each, with the reasons people see. Every member of a park sees its market; no
 * one sees another park's (404).
 */
import {
  CreateNeedInput,
  CreateResourceInput,
  Id,
  MarketListQuery,
  UpdateNeedInput,
  UpdateResourceInput,
  type NeedList,
  type NeedSuggestions,
  type ResourceList,
  type ResourceSuggestions,
} from '@parklink/contract';
import { DomainError, forbidden, notFound } from '../domain/errors';
import {
  actsFor,
  effectiveStatus,
  enterpriseOwner,
  isOpen,
  needView,
  newNeed,
  newResource,
  resourceOwner,
  resourceView,
  updatePost,
  type NeedRecord,
  type ResourceRecord,
} from '../domain/market/posts';
import { needsFor, resourcesFor } from '../domain/market/ranking';
import { matchesQuery } from '../domain/market/words';
import type { User } from '../domain/user';
import { directory } from '../store/directory';
import { marketStore, type PostType } from '../store/market';
import { json, lambdaHandler, route, type Context } from './middleware';

export const marketRoutes = [
  route('listNeeds', async (ctx) => {
    const query = ctx.query(MarketListQuery);
    const page = await listPosts<NeedRecord>(ctx, 'need', query, enterpriseOwner(ctx.user));
    const now = ctx.deps.clock.now().toISOString();
    const body: NeedList = { items: page.items.map((n) => needView(n, ctx.user, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return json(200, body);
  }),

  route('createNeed', async (ctx) => {
    const input = ctx.body(CreateNeedInput);
    const { deps, user } = ctx;
    const enterprise = user.enterpriseId ? await directory.getEnterprise(deps.db, user.parkId, user.enterpriseId) : undefined;
    const now = deps.clock.now().toISOString();
    const need = newNeed(input, user, enterprise ?? { industry: '', zone: '' }, deps.newId(), now);
    await marketStore.createPost(deps.db, 'need', need);
    return json(201, needView(need, user, now));
  }),

  route('getNeed', async (ctx) => json(200, needView(await loadNeed(ctx), ctx.user, ctx.deps.clock.now().toISOString()))),

  route('updateNeed', async (ctx) => {
    const input = ctx.body(UpdateNeedInput);
    const need = await loadNeed(ctx);
    const now = ctx.deps.clock.now().toISOString();
    const next = updatePost(need, input, ctx.user, now);
    if (!(await marketStore.savePost(ctx.deps.db, 'need', next, need.version))) throw changedMeanwhile();
    return json(200, needView(next, ctx.user, now));
  }),

  route('needSuggestions', async (ctx) => {
    const need = await loadNeed(ctx);
    const now = ctx.deps.clock.now().toISOString();
    const resources = (await marketStore.allPosts<ResourceRecord>(ctx.deps.db, 'resource', need.parkId)).filter((r) => isOpen(r, now));
    const body: ResourceSuggestions = {
      items: resourcesFor(need, resources).map((s) => ({ resource: resourceView(s.candidate, ctx.user, now), score: s.score, reasons: s.reasons })),
    };
    return json(200, body);
  }),

  route('listResources', async (ctx) => {
    const query = ctx.query(MarketListQuery);
    const page = await listPosts<ResourceRecord>(ctx, 'resource', query, resourceOwner(ctx.user));
    const now = ctx.deps.clock.now().toISOString();
    const body: ResourceList = { items: page.items.map((r) => resourceView(r, ctx.user, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return json(200, body);
  }),

  route('createResource', async (ctx) => {
    const input = ctx.body(CreateResourceInput);
    const { deps, user } = ctx;
    const enterprise = user.enterpriseId ? await directory.getEnterprise(deps.db, user.parkId, user.enterpriseId) : undefined;
    const now = deps.clock.now().toISOString();
    const resource = newResource(input, user, deps.newId(), now, enterprise);
    await marketStore.createPost(deps.db, 'resource', resource);
    return json(201, resourceView(resource, user, now));
  }),

  route('getResource', async (ctx) => json(200, resourceView(await loadResource(ctx), ctx.user, ctx.deps.clock.now().toISOString()))),

  route('updateResource', async (ctx) => {
    const input = ctx.body(UpdateResourceInput);
    const resource = await loadResource(ctx);
    const now = ctx.deps.clock.now().toISOString();
    const next = updatePost(resource, input, ctx.user, now);
    if (!(await marketStore.savePost(ctx.deps.db, 'resource', next, resource.version))) throw changedMeanwhile();
    return json(200, resourceView(next, ctx.user, now));
  }),

  route('resourceSuggestions', async (ctx) => {
    const resource = await loadResource(ctx);
    const now = ctx.deps.clock.now().toISOString();
    const needs = (await marketStore.allPosts<NeedRecord>(ctx.deps.db, 'need', resource.parkId)).filter((n) => isOpen(n, now));
    const body: NeedSuggestions = {
      items: needsFor(resource, needs).map((s) => ({ need: needView(s.candidate, ctx.user, now), score: s.score, reasons: s.reasons })),
    };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(marketRoutes);

const changedMeanwhile = () => new DomainError('CONFLICT', '内容已被他人修改，请刷新后再改', 'changed meanwhile', 'version');

async function listPosts<T extends NeedRecord | ResourceRecord>(ctx: Context, type: PostType, query: MarketListQuery, ownSide: ReturnType<typeof enterpriseOwner>) {
  const now = ctx.deps.clock.now().toISOString();
  if (query.scope === 'mine' && !ownSide) throw forbidden('您的账号不能发布这类内容', `your account posts no ${type}s`);
  const keep = (p: T) =>
    (query.scope === 'mine' || effectiveStatus(p, now).status === 'open') &&
    (!query.kind || p.kind === query.kind) &&
    (!query.industry || ('industry' in p ? p.industry === query.industry : p.industries.length === 0 || p.industries.includes(query.industry))) &&
    (!query.zone || ('zone' in p ? p.zone === query.zone : p.zones.length === 0 || p.zones.includes(query.zone))) &&
    (!query.q || matchesQuery(query.q, [p.title, p.description, ...p.tags, p.owner.name].join(' ')));
  return marketStore.pagePosts<T>(ctx.deps.db, type, ctx.user.parkId, query.scope === 'mine' ? ownSide : undefined, keep, query.limit, query.cursor);
}

/** A post of the caller's park; the market is open to every member of the park (not another park). */
async function loadNeed(ctx: Context): Promise<NeedRecord> {
  const id = Id.safeParse(ctx.param('id'));
  const need = id.success ? await marketStore.getNeed(ctx.deps.db, ctx.user.parkId, id.data) : undefined;
  if (!need || !visible(need, ctx.user, ctx.deps.clock.now().toISOString())) throw notFound('需求', 'need');
  return need;
}

async function loadResource(ctx: Context): Promise<ResourceRecord> {
  const id = Id.safeParse(ctx.param('id'));
  const resource = id.success ? await marketStore.getResource(ctx.deps.db, ctx.user.parkId, id.data) : undefined;
  if (!resource || !visible(resource, ctx.user, ctx.deps.clock.now().toISOString())) throw notFound('资源', 'resource');
  return resource;
}

/** Paused and closed posts stay visible to their owner (and to those matched with them, via the match). */
export const visible = (post: NeedRecord | ResourceRecord, user: User, now: string) =>
  post.parkId === user.parkId && (effectiveStatus(post, now).status !== 'paused' || actsFor(user, post.owner) || user.roles.includes('admin'));
