/**
 * Two-way claiming (双向认领): either side proposes a match of a need and a resource, the other
 * accepts or declines, and either follows it to an outcome. One active match per pair (a racing
 * second proposal hears which one exists); every step is saved on the version read, retried on a
 * fresh read when another step landed first, and written with the other side's inbox messages.
 */
import { Id, MatchListQuery, MatchMessageInput, MatchNoteInput, MatchOutcomeInput, ProposeMatchInput, type MatchAction, type MatchList } from '@parklink/contract';
import { DomainError, notFound } from '../domain/errors';
import { assertCanViewMatch, matchView, otherSide, propose, sideOf, step, type MatchRecord, type MatchStep, type Side } from '../domain/market/match';
import { matchMessage } from '../domain/market/notify';
import { actsFor, enterpriseOwner, resourceOwner } from '../domain/market/posts';
import { hasRole, type User } from '../domain/user';
import { directory } from '../store/directory';
import type { NotificationRecord } from '../store/inbox';
import { marketStore } from '../store/market';
import type { Deps } from './deps';
import { visible } from './market';
import { json, lambdaHandler, route, type Context } from './middleware';

const MAX_ATTEMPTS = 5;

export const matchRoutes = [
  route('proposeMatch', async (ctx) => {
    const input = ctx.body(ProposeMatchInput);
    const { deps, user } = ctx;
    const { need, resource } = await marketStore.getNeedAndResource(deps.db, user.parkId, input.needId, input.resourceId);
    const now = deps.clock.now().toISOString();
    // Another owner's paused post is not there for the caller (its GET answers 404), so not here either.
    if (!need || !visible(need, user, now)) throw new DomainError('NOT_FOUND', '需求不存在', 'need not found', 'needId');
    if (!resource || !visible(resource, user, now)) throw new DomainError('NOT_FOUND', '资源不存在', 'resource not found', 'resourceId');
    const match = propose(need, resource, user, input.message, deps.newId(), deps.newId(), now);
    const messages = await messagesFor(deps, match, match.proposedBy, user, now);
    if (!(await marketStore.createMatch(deps.db, match, messages))) {
      const existing = await marketStore.activePairMatch(deps.db, user.parkId, need.id, resource.id);
      // The client finds the existing match with GET /v1/matches?needId=…
      throw new DomainError('CONFLICT', '这一需求与资源已在对接中', `an active match exists${existing ? `: ${existing}` : ''}`, 'resourceId');
    }
    return json(201, matchView(match, user));
  }),

  route('listMatches', async (ctx) => {
    const query = ctx.query(MatchListQuery);
    const { deps, user } = ctx;
    const admin = hasRole(user, 'admin');
    const mySides = [enterpriseOwner(user), resourceOwner(user)].filter((o) => !!o);
    const keep = (m: MatchRecord) => admin || !!sideOf(user, m);
    let page;
    if (query.needId || query.resourceId) page = await marketStore.pageMatches(deps.db, user.parkId, { needId: query.needId, resourceId: query.resourceId }, keep, query.limit, query.cursor);
    else if (mySides[0]) page = await marketStore.pageMatches(deps.db, user.parkId, { owner: mySides[0] }, keep, query.limit, query.cursor);
    else page = { items: [] as MatchRecord[] };
    const body: MatchList = { items: page.items.map((m) => matchView(m, user)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return json(200, body);
  }),

  route('getMatch', async (ctx) => json(200, matchView(await loadMatch(ctx), ctx.user))),

  stepRoute('acceptMatch', 'accept', (ctx) => ctx.body(MatchMessageInput)),
  stepRoute('declineMatch', 'decline', (ctx) => ctx.body(MatchMessageInput)),
  stepRoute('withdrawMatch', 'withdraw', (ctx) => ctx.body(MatchMessageInput)),
  stepRoute('noteMatch', 'note', (ctx) => ctx.body(MatchNoteInput)),
  stepRoute('succeedMatch', 'succeed', (ctx) => {
    const outcome = ctx.body(MatchOutcomeInput);
    return { outcome: { ...(outcome.amountFen !== undefined ? { amountFen: outcome.amountFen } : {}), date: outcome.date, ...(outcome.note ? { note: outcome.note } : {}) } };
  }),
  stepRoute('failMatch', 'fail', (ctx) => {
    const outcome = ctx.body(MatchOutcomeInput);
    return { outcome: { date: outcome.date, ...(outcome.note ? { note: outcome.note } : {}) } };
  }),
];

export const handler = lambdaHandler(matchRoutes);

type StepRouteName = 'acceptMatch' | 'declineMatch' | 'withdrawMatch' | 'noteMatch' | 'succeedMatch' | 'failMatch';

/** A step on a match: parse, then read → decide → save on the version, again on a lost race. */
function stepRoute(name: StepRouteName, action: MatchAction, parse: (ctx: Context) => Omit<MatchStep, 'action'>) {
  return route(name, async (ctx) => {
    const change = { action, ...parse(ctx) } as MatchStep;
    const { deps, user } = ctx;
    for (let attempt = 1; ; attempt++) {
      const current = await loadMatch(ctx);
      const now = deps.clock.now().toISOString();
      const next = step(current, user, change, deps.newId(), now);
      const messages = await messagesFor(deps, next, sideOf(user, next)!, user, now);
      if (await marketStore.saveMatch(deps.db, next, current.version, messages)) return json(200, matchView(next, user));
      if (attempt >= MAX_ATTEMPTS) throw new DomainError('CONFLICT', '对接正被对方处理，请刷新后重试', 'match is busy, retry');
    }
  });
}

async function loadMatch(ctx: Context): Promise<MatchRecord> {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('对接', 'match');
  return assertCanViewMatch(await marketStore.getMatch(ctx.deps.db, ctx.user.parkId, id.data), ctx.user);
}

/** The other side's members each get the message in their inbox (and, if they consented, in WeChat). */
async function messagesFor(deps: Deps, match: MatchRecord, actingSide: Side, actor: User, now: string): Promise<NotificationRecord[]> {
  const message = matchMessage(match, actingSide);
  if (!message) return [];
  const owner = otherSide(actingSide) === 'need' ? match.need.owner : match.resource.owner;
  const users = (await directory.listUsers(deps.db, match.parkId)).filter((u) => u.id !== actor.id && actsFor(u, owner));
  return users.map((u) => ({ id: deps.newId(), parkId: match.parkId, userId: u.id, matchId: match.id, ...message, at: now, push: 'pending' as const }));
}
