/**
 * Personal information (PIPL, 个人信息保护法) as pure functions: what of a record is the person's
 * (for `GET /v1/me/data`), and each kept record with the person's name replaced by 已注销用户
 * (for `DELETE /v1/me`; services/erasure.ts says why records are rewritten rather than masked on
 * reading). `scrub` answers undefined when a record holds nothing of the person, so the store
 * writes only what changes — and a second run over the same records writes nothing.
 */
import { ERASED_NAME, type Actor, type Attachment, type MyCase, type MyMatch, type MyRequest, type RequestPart, type Role } from '@parklink/contract';
import type { AuditRecord } from './admin/audit';
import type { CaseRecord } from './cases/case';
import { DomainError } from './errors';
import type { LedgerExportRecord } from './ledger/exports';
import type { MatchRecord } from './market/match';
import { wordsOf } from './market/words';
import type { RequestState } from './request';
import { decodeTime } from 'ulid';
import type { User } from './user';

/** The person being erased, as their records name them (the name is the one they had). */
export interface Person {
  id: string;
  name: string;
  enterpriseId?: string;
  /** Stations whose reports they could resolve (a report's `resolvedBy` holds a name only). */
  stationIds?: string[];
  /**
   * Longer names in the park that hold theirs (李明 in 李明远, 张伟 in 张伟五金店): other people's,
   * enterprises', departments' — left whole in free text (see `namesHolding`).
   */
  keep?: string[];
}

const mine = (actor: { id: string } | undefined, person: Person) => !!actor && actor.id === person.id;

// Taking a person out of a stored record (DELETE /v1/me and the full pass after it). -----------
//
// One function for every kind of record, so a record kind added later is covered without a line
// here. It walks the whole item and changes three things:
//
// - a reference to the person — an object with their id and a `name` (a timeline actor, the
//   assignee, `uploadedBy`, `requestedBy`, an audit target that is a member) — gets 已注销用户 as
//   its name; its id stays (it points at the anonymised account, which names nobody);
// - name-only fields that are theirs: a case's `confirmedBy` for their enterprise, a station
//   report's `resolvedBy` on a station they could resolve, an audit event's names of the member it
//   is about; and the lists of who may act (`hostIds`, `headUserIds`, `adminUserIds`) lose their id;
// - free text — messages, titles, descriptions, reasons, comments, file names, inbox bodies — has
//   every occurrence of their full name replaced by 已注销用户.
//
// Never touched: keys and index attributes, ids, and every other `name` / `…Name` (an enterprise's,
// a department's, another person's, even when it is the same name: references are matched by id).
// A namesake written in free text cannot be told apart and is replaced too; a longer name that
// holds theirs (another member's, an enterprise's) is left whole.

/** The item's key and index attributes. */
const KEY = /^(pk|sk|gsi\d(pk|sk))$/;
/** Attributes that are keys, ids, names of things, or bookkeeping: never free text. */
const NOT_TEXT = /^(pk|sk|gsi\d(pk|sk)|entity|ttl|version|words|ids?|.*Ids?|names?|.*Names?|confirmedBy|resolvedBy)$/;
/** Lists of who may act for something (a station's hosts, a department's heads, a park's admins). */
const WHO_ACTS = /^(hostIds|.*UserIds)$/;
/** Free text a name is looked for in: these are not names of things even though they end so. */
const TEXT_NAMED = new Set(['fileName']);

const isText = (key: string | undefined) => key === undefined || TEXT_NAMED.has(key) || !NOT_TEXT.test(key);

/**
 * The text with every occurrence of the name replaced (until none is left: a replacement can make
 * a new one), except inside the longer names of `keep`.
 */
export function withoutName(text: string, name: string, keep: string[] = []): string {
  const n = name.trim();
  // A one-character name would match everywhere; one inside 已注销用户 would never be done.
  if ([...n].length < 2 || ERASED_NAME.includes(n) || !text.includes(n)) return text;
  // The longer names are set aside under marks no text holds, then put back.
  const kept = keep.filter((k) => k.length > n.length && k.includes(n) && text.includes(k)).sort((a, b) => b.length - a.length);
  let out = kept.reduce((t, k, i) => t.split(k).join(`\u0000${i}\u0000`), text);
  for (let i = 0; i < 10 && out.includes(n); i++) out = out.split(n).join(ERASED_NAME);
  return kept.reduce((t, k, i) => t.split(`\u0000${i}\u0000`).join(k), out);
}

/** Of the park's names (people, enterprises, departments, stations), the longer ones that hold the person's: `Person.keep`. */
export const namesHolding = (name: string, names: string[]): string[] => [...new Set(names.filter((n) => n !== name && n.includes(name)))];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value with the person taken out: the same reference when nothing changed. */
function clean(value: unknown, key: string | undefined, person: Person, at: { stationId?: string }): unknown {
  if (typeof value === 'string') return isText(key) ? withoutName(value, person.name, person.keep) : value;
  if (Array.isArray(value)) {
    if (key && WHO_ACTS.test(key)) return value.includes(person.id) ? value.filter((v) => v !== person.id) : value;
    let changed = false;
    const next = value.map((v) => {
      const c = clean(v, key, person, at);
      if (c !== v) changed = true;
      return c;
    });
    return changed ? next : value;
  }
  if (isObj(value)) return cleanObject(value, person, at);
  return value;
}

function cleanObject(obj: Obj, person: Person, at: { stationId?: string }): Obj {
  // A reference to the person: their id, and no other kind of thing (an audit target is typed).
  const isThem = obj.id === person.id && (obj.type === undefined || obj.type === 'member');
  let next: Obj | undefined;
  const set = (k: string, v: unknown) => {
    next ??= { ...obj };
    next[k] = v;
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'name') {
      if (isThem && typeof v === 'string' && v !== ERASED_NAME) set(k, ERASED_NAME);
    } else if (k === 'confirmedBy') {
      // On a case's enterprise: their confirmation when it is their enterprise's and their name.
      if (v === person.name && person.enterpriseId !== undefined && obj.id === person.enterpriseId) set(k, ERASED_NAME);
    } else if (k === 'resolvedBy') {
      if (v === person.name && at.stationId !== undefined && (person.stationIds ?? []).includes(at.stationId)) set(k, ERASED_NAME);
    } else {
      const c = clean(v, k, person, at);
      if (c !== v) set(k, c);
    }
  }
  return next ?? obj;
}

/**
 * The attributes of a stored item (a record, with or without its keys) that change when the
 * person is taken out of it, with their new values; undefined when it holds nothing of them — so
 * the store writes only what changes, and a second run over the same item writes nothing.
 */
export function scrub(item: Obj, person: Person): Obj | undefined {
  const at = typeof item.stationId === 'string' ? { stationId: item.stationId } : {};
  const record = Object.fromEntries(Object.entries(item).filter(([k]) => !KEY.test(k)));
  const cleaned = cleanObject(record, person, at);
  const changes: Obj = {};
  for (const [k, v] of Object.entries(cleaned)) if (v !== record[k]) changes[k] = v;
  // An audit event about the person as a member: the names before and after are theirs.
  const target = item.target;
  if (isObj(target) && target.type === 'member' && target.id === person.id) {
    for (const side of ['before', 'after'] as const) {
      const fields = (changes[side] ?? item[side]) as unknown;
      if (isObj(fields) && typeof fields.name === 'string' && fields.name !== ERASED_NAME) changes[side] = { ...fields, name: ERASED_NAME };
    }
  }
  // A post's search words come from its text: made again from the text as it now reads.
  if (Array.isArray(item.words) && ('title' in changes || 'description' in changes || 'tags' in changes)) {
    const text = (k: string) => (changes[k] ?? item[k]) as unknown;
    const tags = text('tags');
    changes.words = wordsOf([text('title'), text('description'), ...(Array.isArray(tags) ? tags : [])].filter((t) => typeof t === 'string').join(' '));
  }
  return Object.keys(changes).length ? changes : undefined;
}

/** A record with the person taken out (see scrub), or undefined when it holds nothing of them. */
function scrubbed<T>(record: T, person: Person): T | undefined {
  const changes = scrub(record as Obj, person);
  return changes ? ({ ...record, ...changes } as T) : undefined;
}

/** A request with the person gone from its timeline, its assignee, its files and its text. */
export const anonymiseRequest = <T extends RequestState>(state: T, person: Person): T | undefined => scrubbed(state, person);
export const anonymiseMatch = <T extends MatchRecord>(match: T, person: Person): T | undefined => scrubbed(match, person);
/**
 * A case: its timeline, its files, its text and the confirmation the person gave for their
 * enterprise (`confirmedBy` holds a name only: it is theirs when it is their enterprise's and their name).
 */
export const anonymiseCase = <T extends CaseRecord>(c: T, person: Person): T | undefined => scrubbed(c, person);
/** An audit event the person made, or one about them as a member (its name and the names before and after). */
export const anonymiseAudit = <T extends AuditRecord>(event: T, person: Person): T | undefined => scrubbed(event, person);
export const anonymiseLedgerExport = <T extends LedgerExportRecord>(record: T, person: Person): T | undefined => scrubbed(record, person);

/** A user record as far as erasure reads it: the person, and how they sign in. */
export interface AccountRecord extends User {
  openid?: string;
  inviteCode?: string;
  inviteExpiresAt?: string;
  demo?: boolean;
  suspended?: boolean;
  erased?: boolean;
  version?: number;
}

/**
 * What is left of an account once erased: its id (kept records point at it), its park, the
 * anonymous name, and the mark that refuses its token. No roles, unit, WeChat binding, invitation
 * or consents: it acts for nobody, so no list, count or message reaches it any more.
 */
export function erasedAccount(record: AccountRecord, now: string): { id: string; parkId: string; name: string; roles: Role[]; erased: true; erasedAt: string; version: number } {
  return { id: record.id, parkId: record.parkId, name: ERASED_NAME, roles: [], erased: true, erasedAt: now, version: (record.version ?? 0) + 1 };
}

/** Whether a member can still act as the park's admin: not erased, not suspended, bound or able to join. */
export function canRunPark(m: AccountRecord, now: string): boolean {
  if (!m.roles.includes('admin') || m.erased || m.suspended) return false;
  if (m.openid || m.demo) return true;
  return !!m.inviteCode && !(m.inviteExpiresAt && Date.parse(m.inviteExpiresAt) <= Date.parse(now));
}

/**
 * The admin who stays when `person` goes, or undefined when the person is no admin. The last
 * admin of a park is refused: someone must run it (invite another admin first).
 */
export function adminWhoStays(person: AccountRecord, members: AccountRecord[], now: string): AccountRecord | undefined {
  if (!person.roles.includes('admin')) return undefined;
  const other = members.find((m) => m.id !== person.id && canRunPark(m, now));
  if (!other) {
    throw new DomainError('CONFLICT', '您是本园区唯一的管理员，请先邀请另一位园区管理员，再注销账号', 'the last admin of a park cannot erase themselves: invite another admin first');
  }
  return other;
}

// What of a record is the person's (GET /v1/me/data). ------------------------------------------

const contributions = <E extends { actor: Actor; type: string; at: string; message?: string }>(events: E[], person: Person) =>
  events.filter((e) => mine(e.actor, person)).map((e) => ({ type: e.type as E['type'], at: e.at, ...(e.message ? { message: e.message } : {}) }));
const myFiles = (files: Attachment[] | undefined, person: Person) =>
  (files ?? []).filter((a) => mine(a.uploadedBy, person)).map((a) => ({ fileName: a.fileName, at: a.at }));

/** The person's part in a request, or undefined when they have none. */
export function requestForPerson(state: RequestState, person: Person): MyRequest | undefined {
  const events = contributions(state.timeline, person);
  const files = myFiles(state.attachments, person);
  const parts: RequestPart[] = [];
  if (mine(state.timeline[0]?.actor, person)) parts.push('submitter');
  if (mine(state.assignee, person)) parts.push('handler');
  if (!parts.length && (events.length || files.length)) parts.push('participant');
  if (!parts.length) return undefined;
  return {
    id: state.id,
    title: state.title,
    categoryName: state.categoryName,
    status: state.status,
    submittedAt: state.submittedAt,
    updatedAt: state.updatedAt,
    parts,
    contributions: events,
    files,
  };
}

export function matchForPerson(match: MatchRecord, person: Person, side: 'need' | 'resource'): MyMatch | undefined {
  const events = contributions(match.timeline, person);
  if (!events.length) return undefined;
  return { id: match.id, needTitle: match.need.title, resourceTitle: match.resource.title, status: match.status, createdAt: match.createdAt, side, contributions: events };
}

export function caseForPerson(c: CaseRecord, person: Person): MyCase | undefined {
  const events = contributions(c.timeline, person);
  const files = myFiles(c.attachments, person);
  if (!events.length && !files.length) return undefined;
  return { id: c.id, title: c.title, kind: c.kind, status: c.status, createdAt: c.createdAt, contributions: events, files };
}

/** Enough of an openid to recognise it, not to use it: its first three and last two characters. */
export const maskOpenid = (openid: string) => (openid.length <= 6 ? '***' : `${openid.slice(0, 3)}***${openid.slice(-2)}`);

/** When an account was made, for ids that are ULIDs (invited members); seeded ids have no time. */
export function createdAtOf(id: string): string | undefined {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return undefined;
  try {
    return new Date(decodeTime(id)).toISOString();
  } catch {
    return undefined;
  }
}
