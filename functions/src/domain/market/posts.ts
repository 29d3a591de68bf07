/**
 * Needs and resources: who may post which, who owns one, the owner's changes on a version, and
 * expiry (a post past its date reads as closed, whether or not a job has closed it yet).
 */
import type { CreateNeedInput, CreateResourceInput, Need, PostOwner, PostStatus, Resource, UpdateNeedInput, UpdateResourceInput } from '@parklink/contract';
import { DomainError, forbidden } from '../errors';
import { actsForDepartment, actsForEnterprise, type User } from '../user';
import { wordsOf } from './words';

interface PostRecord {
  id: string;
  parkId: string;
  kind: Need['kind'];
  title: string;
  description: string;
  tags: string[];
  expiresAt: string;
  status: PostStatus;
  closedReason?: 'owner' | 'expired';
  owner: PostOwner;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Search words of title, description and tags (words.ts), kept with the record. */
  words: string[];
}

export interface NeedRecord extends PostRecord {
  amountFen?: number;
  industry: string;
  zone: string;
}

export interface ResourceRecord extends PostRecord {
  terms: Resource['terms'];
  industries: string[];
  zones: string[];
  succeededMatches: number;
  /** An enterprise owner's own industry and zone: a neighbour or a partner in the chain is a reason. */
  ownerIndustry?: string;
  ownerZone?: string;
}

/** The enterprise a user acts for, as a post's owner. */
export function enterpriseOwner(user: User): PostOwner | undefined {
  return actsForEnterprise(user) ? { kind: 'enterprise', id: user.enterpriseId, name: user.enterpriseName } : undefined;
}

/** Resources are posted by a department's members, or by an enterprise (an order it shares, capacity it offers). */
export function resourceOwner(user: User): PostOwner | undefined {
  if (actsForDepartment(user)) return { kind: 'department', id: user.departmentId, name: user.departmentName };
  return enterpriseOwner(user);
}

/** Whether the user acts for this owner: the enterprise's contacts, the department's liaisons and heads. */
export function actsFor(user: User, owner: PostOwner): boolean {
  if (owner.kind === 'enterprise') return actsForEnterprise(user) && user.enterpriseId === owner.id;
  return actsForDepartment(user) && user.departmentId === owner.id;
}

const MAX_DAYS_AHEAD = 366;

function checkExpiry(expiresAt: string, now: string): void {
  const at = Date.parse(expiresAt);
  if (at <= Date.parse(now)) throw new DomainError('VALIDATION_FAILED', '截止日期应晚于现在', 'expiresAt: must be in the future', 'expiresAt');
  if (at > Date.parse(now) + MAX_DAYS_AHEAD * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', '截止日期最多一年以后', 'expiresAt: at most a year ahead', 'expiresAt');
  }
}

const wordsOfPost = (p: { title: string; description: string; tags: string[] }) => wordsOf([p.title, p.description, ...p.tags].join(' '));

/** What every new post starts with: open, version 1, its words. */
function newPost(input: CreateNeedInput | CreateResourceInput, owner: PostOwner, user: User, id: string, now: string): PostRecord {
  checkExpiry(input.expiresAt, now);
  const base = { kind: input.kind, title: input.title, description: input.description, tags: dedupe(input.tags) };
  return { id, parkId: user.parkId, ...base, expiresAt: input.expiresAt, status: 'open', owner, createdAt: now, updatedAt: now, version: 1, words: wordsOfPost(base) };
}

export function newNeed(input: CreateNeedInput, user: User, enterprise: { industry: string; zone: string }, id: string, now: string): NeedRecord {
  const owner = enterpriseOwner(user);
  if (!owner) throw forbidden('只有企业可以发布需求', 'only enterprises post needs');
  return {
    ...newPost(input, owner, user, id, now),
    ...(input.amountFen !== undefined ? { amountFen: input.amountFen } : {}),
    industry: input.industry ?? enterprise.industry,
    zone: input.zone ?? enterprise.zone,
  };
}

export function newResource(input: CreateResourceInput, user: User, id: string, now: string, enterprise?: { industry: string; zone: string }): ResourceRecord {
  const owner = resourceOwner(user);
  if (!owner) throw forbidden('只有成员单位或企业可以发布资源', 'only departments and enterprises post resources');
  return {
    ...newPost(input, owner, user, id, now),
    terms: input.terms,
    industries: dedupe(input.industries),
    zones: dedupe(input.zones),
    succeededMatches: 0,
    ...(owner.kind === 'enterprise' && enterprise ? { ownerIndustry: enterprise.industry, ownerZone: enterprise.zone } : {}),
  };
}

/** The owner's change to a need or a resource: same rules for both. */
export function updatePost<T extends NeedRecord | ResourceRecord>(post: T, input: UpdateNeedInput | UpdateResourceInput, user: User, now: string): T {
  if (!actsFor(user, post.owner)) throw forbidden('只有发布方可以修改', 'only the owner edits');
  if (input.version !== post.version) {
    throw new DomainError('CONFLICT', '内容已被修改，请刷新后再改', `changed meanwhile (now version ${post.version})`, 'version');
  }
  if (effectiveStatus(post, now).status === 'closed' && input.status !== undefined && input.status !== 'closed') {
    throw new DomainError('INVALID_TRANSITION', '已关闭的内容不能重新打开，请重新发布', 'a closed post stays closed', 'status');
  }
  if (input.expiresAt !== undefined) checkExpiry(input.expiresAt, now);
  const { version, status, ...fields } = input;
  void version;
  const changed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
  const next = { ...post, ...changed, version: post.version + 1, updatedAt: now } as T;
  if (status) {
    next.status = status;
    if (status === 'closed') next.closedReason = 'owner';
  }
  next.tags = dedupe(next.tags);
  next.words = wordsOfPost(next);
  return next;
}

/** Status as the reader should see it: an open or paused post past its date is closed (expired). */
export function effectiveStatus(post: { status: PostStatus; expiresAt: string; closedReason?: 'owner' | 'expired' }, now: string) {
  if (post.status !== 'closed' && Date.parse(post.expiresAt) <= Date.parse(now)) return { status: 'closed' as const, closedReason: 'expired' as const };
  return { status: post.status, ...(post.closedReason ? { closedReason: post.closedReason } : {}) };
}

export const isOpen = (post: NeedRecord | ResourceRecord, now: string) => effectiveStatus(post, now).status === 'open';

export function needView(n: NeedRecord, viewer: User, now: string): Need {
  const { parkId, words, status, closedReason, ...rest } = n;
  void [parkId, words, status, closedReason];
  return { ...rest, ...effectiveStatus(n, now), mine: actsFor(viewer, n.owner) };
}

export function resourceView(r: ResourceRecord, viewer: User, now: string): Resource {
  const { parkId, words, status, closedReason, ownerIndustry, ownerZone, ...rest } = r;
  void [parkId, words, status, closedReason, ownerIndustry, ownerZone];
  return { ...rest, ...effectiveStatus(r, now), mine: actsFor(viewer, r.owner) };
}

function dedupe(list: string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}
