/**
 * Personal information (PIPL, 个人信息保护法) as pure functions: what of a record is the person's
 * (for `GET /v1/me/data`), and each kept record with the person's name replaced by 已注销用户
 * (for `DELETE /v1/me`; services/erasure.ts says why records are rewritten rather than masked on
 * reading). Every `anonymise*` answers undefined when the record holds nothing of the person, so
 * the store writes only what changes — and a second run over the same records writes nothing.
 */
import { ERASED_NAME, type Actor, type Attachment, type MyCase, type MyMatch, type MyRequest, type RequestPart, type Role } from '@parklink/contract';
import type { AuditRecord } from './admin/audit';
import type { CaseRecord } from './cases/case';
import { DomainError } from './errors';
import type { LedgerExportRecord } from './ledger/exports';
import type { MatchRecord } from './market/match';
import type { RequestState } from './request';
import { decodeTime } from 'ulid';
import type { User } from './user';

/** The person being erased, as their records name them (the name is the one they had). */
export interface Person {
  id: string;
  name: string;
  enterpriseId?: string;
}

const mine = (actor: { id: string } | undefined, person: Person) => !!actor && actor.id === person.id;
const anonymous = <A extends { name: string }>(a: A): A => ({ ...a, name: ERASED_NAME });

/** Actors of a list of events (or files): the person's renamed; `changed` says whether any was. */
function renameIn<T>(list: T[] | undefined, who: (t: T) => { id: string; name: string } | undefined, rename: (t: T) => T, person: Person): { list: T[] | undefined; changed: boolean } {
  if (!list) return { list, changed: false };
  let changed = false;
  const next = list.map((t) => {
    const actor = who(t);
    if (!mine(actor, person) || actor!.name === ERASED_NAME) return t;
    changed = true;
    return rename(t);
  });
  return { list: next, changed };
}

const timelineOf = <E extends { actor: Actor }>(events: E[], person: Person) =>
  renameIn(events, (e) => e.actor, (e) => ({ ...e, actor: anonymous(e.actor) }), person);
const filesOf = (files: Attachment[] | undefined, person: Person) =>
  renameIn(files, (a) => a.uploadedBy, (a) => ({ ...a, uploadedBy: anonymous(a.uploadedBy) }), person);

/** A request with the person's name gone from its timeline, its assignee and its files. */
export function anonymiseRequest<T extends RequestState>(state: T, person: Person): T | undefined {
  const timeline = timelineOf(state.timeline, person);
  const files = filesOf(state.attachments, person);
  const assignee = mine(state.assignee, person) && state.assignee!.name !== ERASED_NAME;
  if (!timeline.changed && !files.changed && !assignee) return undefined;
  return {
    ...state,
    timeline: timeline.list!,
    ...(files.list ? { attachments: files.list } : {}),
    ...(assignee ? { assignee: anonymous(state.assignee!) } : {}),
  };
}

export function anonymiseMatch<T extends MatchRecord>(match: T, person: Person): T | undefined {
  const timeline = timelineOf(match.timeline, person);
  return timeline.changed ? { ...match, timeline: timeline.list! } : undefined;
}

/**
 * A case: its timeline, its files and the confirmation the person gave for their enterprise
 * (`confirmedBy` holds a name only: it is theirs when it is their enterprise's and their name).
 */
export function anonymiseCase<T extends CaseRecord>(c: T, person: Person): T | undefined {
  const timeline = timelineOf(c.timeline, person);
  const files = filesOf(c.attachments, person);
  let confirmed = false;
  const enterprises = c.enterprises.map((e) => {
    if (e.id !== person.enterpriseId || e.confirmedBy !== person.name) return e;
    confirmed = true;
    return { ...e, confirmedBy: ERASED_NAME };
  });
  if (!timeline.changed && !files.changed && !confirmed) return undefined;
  return { ...c, timeline: timeline.list!, ...(files.list ? { attachments: files.list } : {}), enterprises };
}

/** An audit event the person made, or one about them as a member (its name and the names before and after). */
export function anonymiseAudit<T extends AuditRecord>(event: T, person: Person): T | undefined {
  const actor = mine(event.actor, person) && event.actor.name !== ERASED_NAME;
  const aboutThem = event.target.type === 'member' && event.target.id === person.id;
  const renamed = (fields: Record<string, unknown> | undefined) =>
    aboutThem && fields && typeof fields.name === 'string' && fields.name !== ERASED_NAME ? { ...fields, name: ERASED_NAME } : fields;
  const target = aboutThem && event.target.name !== undefined && event.target.name !== ERASED_NAME;
  const before = renamed(event.before);
  const after = renamed(event.after);
  if (!actor && !target && before === event.before && after === event.after) return undefined;
  return {
    ...event,
    actor: actor ? anonymous(event.actor) : event.actor,
    target: target ? { ...event.target, name: ERASED_NAME } : event.target,
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
  };
}

export function anonymiseLedgerExport<T extends LedgerExportRecord>(record: T, person: Person): T | undefined {
  if (!mine(record.requestedBy, person) || record.requestedBy.name === ERASED_NAME) return undefined;
  return { ...record, requestedBy: anonymous(record.requestedBy) };
}

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
