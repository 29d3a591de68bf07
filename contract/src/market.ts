import * as z from './zod';
import { Actor, ChinaDate, Id, IsoTime } from './common';
import { MatchStatus } from './states';
import { MARKET_KINDS, MATCH_STATUSES, marketKindLabels, matchStatusLabels, POST_STATUSES, postStatusLabels } from './values/market';
/** Defined in states.ts, so that a module needing only them stays small. */
export { MatchStatus };
/** Plain lists and labels, schema-free (values/market.ts): a screen that only shows them needs no zod. */
export { MARKET_KINDS, MATCH_STATUSES, marketKindLabels, matchStatusLabels, POST_STATUSES, postStatusLabels };

/**
 * The supply-demand market (供需对接): enterprises post needs (需求); departments, banks, the tax
 * bureau, law firms, mentors — or enterprises — post resources (资源); either side proposes a match
 * (对接), the other accepts or declines, and an accepted match is followed to an outcome.
 */
export const MarketKind = z.enum(MARKET_KINDS, {
  error: '类型无效 / kind: unknown kind',
});
export type MarketKind = z.infer<typeof MarketKind>;

export const PostStatus = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatus>;

/** Money in fen (分): whole numbers only, at most 100 billion yuan. */
export const Fen = z.number({ error: '金额应为整数（分）/ amount: whole fen' }).check(
  z.int({ error: '金额应为整数（分）/ amount: whole fen' }),
  z.minimum(1, { error: '金额应大于 0 / amount must be positive' }),
  z.maximum(10_000_000_000_000, { error: '金额过大 / amount too large' }),
);

/** Annual rates in basis points (1 bp = 0.01%). */
export const BasisPoints = z.number({ error: '利率应为基点整数 / rate: whole basis points' }).check(
  z.int({ error: '利率应为基点整数 / rate: whole basis points' }),
  z.minimum(0),
  z.maximum(10_000),
);

const title = z.string().check(
  z.trim(),
  z.minLength(4, { error: '标题至少 4 个字 / title: at least 4 characters' }),
  z.maxLength(60, { error: '标题最多 60 个字 / title: at most 60 characters' }),
);
const description = z.string().check(
  z.trim(),
  z.minLength(10, { error: '说明至少 10 个字 / description: at least 10 characters' }),
  z.maxLength(2000, { error: '说明最多 2000 字 / description: at most 2000 characters' }),
);
const tags = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(12, { error: '每个标签最多 12 个字 / tag: at most 12 characters' }))).check(
  z.maxLength(8, { error: '最多 8 个标签 / at most 8 tags' }),
);
const expiresAt = IsoTime;
const shortText = (max: number, zh: string) => z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(max, { error: `${zh}最多 ${max} 个字 / at most ${max} characters` }),
);

/** Who posted it: an enterprise, or a department (bank, tax bureau, law firm, mentors…). */
export const PostOwner = z.object({
  kind: z.enum(['enterprise', 'department']),
  id: Id,
  name: z.string(),
});
export type PostOwner = z.infer<typeof PostOwner>;

export const CreateNeedInput = z.object({
  kind: MarketKind,
  title,
  description,
  /** Where it applies (financing, orders): how much, in fen. */
  amountFen: z.optional(Fen),
  /** Defaults to the enterprise's own industry and zone. */
  industry: z.optional(shortText(20, '行业')),
  zone: z.optional(shortText(20, '片区')),
  tags: z._default(tags, []),
  expiresAt,
});
export type CreateNeedInput = z.infer<typeof CreateNeedInput>;

/** A resource's terms: for loan products the range it lends in; anything else as words. */
export const ResourceTerms = z.object({
  product: z.optional(shortText(40, '产品名称')),
  amountMinFen: z.optional(Fen),
  amountMaxFen: z.optional(Fen),
  rateMinBp: z.optional(BasisPoints),
  rateMaxBp: z.optional(BasisPoints),
  termMonthsMax: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(600))),
  note: z.optional(shortText(200, '条件说明')),
}).check(
  z.refine((t) => t.amountMinFen === undefined || t.amountMaxFen === undefined || t.amountMinFen <= t.amountMaxFen, {
    error: '最低额度应不高于最高额度 / amountMinFen must not exceed amountMaxFen',
    path: ['amountMaxFen'],
  }),
  z.refine((t) => t.rateMinBp === undefined || t.rateMaxBp === undefined || t.rateMinBp <= t.rateMaxBp, {
    error: '最低利率应不高于最高利率 / rateMinBp must not exceed rateMaxBp',
    path: ['rateMaxBp'],
  }),
);
export type ResourceTerms = z.infer<typeof ResourceTerms>;

export const CreateResourceInput = z.object({
  kind: MarketKind,
  title,
  description,
  terms: z._default(ResourceTerms, {}),
  /** Industries and zones it is meant for; empty: all of them. */
  industries: z._default(z.array(shortText(20, '行业')).check(z.maxLength(10)), []),
  zones: z._default(z.array(shortText(20, '片区')).check(z.maxLength(10)), []),
  tags: z._default(tags, []),
  expiresAt,
});
export type CreateResourceInput = z.infer<typeof CreateResourceInput>;

/** The owner's change, on the version read; `status` pauses, reopens or closes it. */
export const UpdateNeedInput = z.extend(z.partial(CreateNeedInput), { version: z.number().check(z.int(), z.positive()), status: z.optional(PostStatus) });
export type UpdateNeedInput = z.infer<typeof UpdateNeedInput>;
export const UpdateResourceInput = z.object({
  version: z.number().check(z.int(), z.positive()),
  status: z.optional(PostStatus),
  kind: z.optional(MarketKind),
  title: z.optional(title),
  description: z.optional(description),
  terms: z.optional(ResourceTerms),
  industries: z.optional(z.array(shortText(20, '行业')).check(z.maxLength(10))),
  zones: z.optional(z.array(shortText(20, '片区')).check(z.maxLength(10))),
  tags: z.optional(tags),
  expiresAt: z.optional(expiresAt),
});
export type UpdateResourceInput = z.infer<typeof UpdateResourceInput>;

const postFields = {
  id: Id,
  kind: MarketKind,
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  expiresAt: IsoTime,
  /** `closed` also when it expired (then `closedReason: 'expired'`). */
  status: PostStatus,
  closedReason: z.optional(z.enum(['owner', 'expired'])),
  owner: PostOwner,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().check(z.int(), z.positive()),
  /** Whether the viewer may edit it (its owner's side). */
  mine: z.boolean(),
};

export const Need = z.object({
  ...postFields,
  amountFen: z.optional(z.number().check(z.int())),
  industry: z.string(),
  zone: z.string(),
});
export type Need = z.infer<typeof Need>;

export const Resource = z.object({
  ...postFields,
  terms: z.object({
    product: z.optional(z.string()),
    amountMinFen: z.optional(z.number().check(z.int())),
    amountMaxFen: z.optional(z.number().check(z.int())),
    rateMinBp: z.optional(z.number().check(z.int())),
    rateMaxBp: z.optional(z.number().check(z.int())),
    termMonthsMax: z.optional(z.number().check(z.int())),
    note: z.optional(z.string()),
  }),
  industries: z.array(z.string()),
  zones: z.array(z.string()),
  /** Matches through it that succeeded: shown as a reason in suggestions. */
  succeededMatches: z.number().check(z.int(), z.nonnegative()),
});
export type Resource = z.infer<typeof Resource>;

export const MAX_MARKET_PAGE = 50;
export const MarketListQuery = z.object({
  kind: z.optional(MarketKind),
  industry: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  zone: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50, { error: '搜索词最多 50 字 / q: at most 50 characters' }))),
  /** `mine`: the caller's side's own posts, any status; otherwise open ones only. */
  scope: z._default(z.enum(['all', 'mine']), 'all'),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z._default(z.coerce.number().check(
    z.int(),
    z.minimum(1),
    z.maximum(MAX_MARKET_PAGE, { error: `每页最多 ${MAX_MARKET_PAGE} 条 / at most ${MAX_MARKET_PAGE} per page` }),
  ), 20),
});
export type MarketListQuery = z.infer<typeof MarketListQuery>;

export const NeedList = z.object({ items: z.array(Need), nextCursor: z.optional(z.string()) });
export type NeedList = z.infer<typeof NeedList>;
export const ResourceList = z.object({ items: z.array(Resource), nextCursor: z.optional(z.string()) });
export type ResourceList = z.infer<typeof ResourceList>;

/** Why a candidate is suggested, in words shown to the user. */
export const SuggestionReason = z.object({
  code: z.enum(['kind', 'industry', 'zone', 'words', 'amount', 'outcomes', 'rate', 'term']),
  text: z.string(),
});
export type SuggestionReason = z.infer<typeof SuggestionReason>;

export const ResourceSuggestion = z.object({ resource: Resource, score: z.number(), reasons: z.array(SuggestionReason) });
export const NeedSuggestion = z.object({ need: Need, score: z.number(), reasons: z.array(SuggestionReason) });
export const ResourceSuggestions = z.object({ items: z.array(ResourceSuggestion) });
export type ResourceSuggestions = z.infer<typeof ResourceSuggestions>;
export const NeedSuggestions = z.object({ items: z.array(NeedSuggestion) });
export type NeedSuggestions = z.infer<typeof NeedSuggestions>;

export type MatchStatus = z.infer<typeof MatchStatus>;
export const MatchEventType = z.enum(['proposed', 'accepted', 'declined', 'withdrawn', 'noted', 'succeeded', 'failed']);
export type MatchEventType = z.infer<typeof MatchEventType>;

export const MatchEvent = z.object({
  id: Id,
  type: MatchEventType,
  at: IsoTime,
  actor: Actor,
  side: z.enum(['need', 'resource']),
  message: z.optional(z.string()),
});
export type MatchEvent = z.infer<typeof MatchEvent>;

export const MatchOutcome = z.object({
  amountFen: z.optional(z.number().check(z.int())),
  /** The day it was concluded (China date, YYYY-MM-DD). */
  date: z.string(),
  note: z.optional(z.string()),
});
export type MatchOutcome = z.infer<typeof MatchOutcome>;

export const MatchAction = z.enum(['accept', 'decline', 'withdraw', 'note', 'succeed', 'fail']);
export type MatchAction = z.infer<typeof MatchAction>;

export const Match = z.object({
  id: Id,
  status: MatchStatus,
  need: z.object({ id: Id, title: z.string(), kind: MarketKind, owner: PostOwner }),
  resource: z.object({ id: Id, title: z.string(), kind: MarketKind, owner: PostOwner }),
  /** Which side proposed it: the other side accepts or declines. */
  proposedBy: z.enum(['need', 'resource']),
  outcome: z.optional(MatchOutcome),
  timeline: z.array(MatchEvent),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().check(z.int(), z.positive()),
  /** The viewer's side, if they are on one. */
  viewerSide: z.optional(z.enum(['need', 'resource'])),
  allowedActions: z.array(MatchAction),
});
export type Match = z.infer<typeof Match>;

const message = z.string().check(z.trim(), z.maxLength(500, { error: '留言最多 500 字 / message: at most 500 characters' }));

export const ProposeMatchInput = z.object({ needId: Id, resourceId: Id, message: z.optional(message) });
export type ProposeMatchInput = z.infer<typeof ProposeMatchInput>;

export const MatchMessageInput = z.object({ message: z.optional(message) });
export type MatchMessageInput = z.infer<typeof MatchMessageInput>;
export const MatchNoteInput = z.object({ message: message.check(z.minLength(1, { error: '请填写进展 / message: required' })) });
export type MatchNoteInput = z.infer<typeof MatchNoteInput>;

export const MatchOutcomeInput = z.object({
  amountFen: z.optional(Fen),
  date: ChinaDate,
  note: z.optional(message),
});
export type MatchOutcomeInput = z.infer<typeof MatchOutcomeInput>;

export const MatchListQuery = z.object({
  needId: z.optional(Id),
  resourceId: z.optional(Id),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_MARKET_PAGE)), 20),
});
export type MatchListQuery = z.infer<typeof MatchListQuery>;
export const MatchList = z.object({ items: z.array(Match), nextCursor: z.optional(z.string()) });
export type MatchList = z.infer<typeof MatchList>;
