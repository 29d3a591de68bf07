/**
 * Erasing a person (PIPL 个人信息保护法, `DELETE /v1/me`).
 *
 * What goes: the account's name, roles, unit, WeChat binding (the `WX#<openid>` link is deleted,
 * so logging in with that WeChat account finds nothing), the unused invitation, the consents
 * (push credits) — the user record is kept only as 已注销用户 marked `erased`, which the
 * middleware refuses on the next call like a suspension —; every inbox message, and with them
 * the pushes still waiting in the outbox. What stays: requests, matches, cases, audit events,
 * ledger exports and station reports are the park's service ledger (台账) and its legal record,
 * so they are kept, with the person's name replaced by 已注销用户 wherever it was written:
 * timeline actors, the assignee, `uploadedBy` on files, a case's `confirmedBy`, an audit event's
 * actor and member name, who asked for an export, who resolved a report. Their ids stay (they
 * point at the anonymised account, which names nobody), so counts, the dashboard and the ledger
 * come out as before. An audit event `member.erased` records that it happened, with no name.
 *
 * Why rewrite the records at erasure rather than mask names when they are read: erasure is rare
 * and reads are constant. Masking at read time would cost every request view, list, ledger row
 * (the worker streams 100,000 of them), case, match and audit page a look-up of who was erased,
 * in every reader we have and every one we add — one missed and the name shows — and the name
 * would still be in the table and in every park backup. Rewriting costs one bounded pass, once,
 * and leaves nothing to remember on the read path.
 *
 * The pass is bounded by the indexes that reach the person (store/privacy.ts): their enterprise's
 * requests (gsi2), the requests assigned to them (gsi3, open and done), their department's open
 * assigned requests and pool (gsi5, gsi1), their side's matches (gsi3, gsi5), and the park's case,
 * audit and ledger-export ranges and hosted stations' reports (few per park). Each record is
 * rewritten on the version read, the version bumped, so a writer who read the old one decides
 * again on the new one and nothing is lost. It is resumable: the account is marked first (with
 * what the pass needs to find the records, in a sparse index), so a call that fails half-way is
 * finished by the overdue sweep (`resumeErasures`), and rewriting a record twice changes nothing.
 *
 * Not reached: a request the person touched that none of these indexes holds any more — a reply
 * written before the request was transferred out of their department and handled there, an
 * admin's note or transfer on any request. Finding those needs the park's whole request range
 * (what the ledger worker reads), too long for one call; they keep the name written at the time.
 * Inbox messages other people received earlier (their text may name the person) are the
 * recipients' own and stay.
 */
import { ERASED_NAME, type EraseMeResult } from '@parklink/contract';
import { auditEvent } from '../domain/admin/audit';
import { DomainError, notFound } from '../domain/errors';
import { adminWhoStays, anonymiseAudit, anonymiseCase, anonymiseLedgerExport, anonymiseMatch, anonymiseRequest, erasedAccount, type Person } from '../domain/privacy';
import { actorOf, type User } from '../domain/user';
import type { Deps } from '../http/deps';
import { directory, type UserRecord } from '../store/directory';
import { keys } from '../store/keys';
import { privacyStore, type Reach } from '../store/privacy';
import { stationStore } from '../store/stations';

/** An erasure this old and still pending failed half-way: the sweep finishes it. */
const RESUME_AFTER_MS = 5 * 60_000;
/** Records rewritten side by side. */
const PARALLEL = 8;

export async function eraseMe(deps: Deps, user: User): Promise<EraseMeResult> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const record = await privacyStore.account(deps.db, user.parkId, user.id);
    if (!record) throw notFound('账号', 'account');
    // A second tap that passed the middleware before the first one finished: the same erasure.
    if (record.erased) return record.erasure ? finishErasure(deps, record) : nothingLeft();
    const now = deps.clock.now().toISOString();
    const members = user.roles.includes('admin') ? await directory.listUsers(deps.db, user.parkId) : [];
    const stays = adminWhoStays(record, members, now) as UserRecord | undefined;
    const erased: UserRecord = {
      ...erasedAccount(record, now),
      erasure: {
        since: now,
        name: record.name,
        roles: record.roles,
        ...(record.departmentId ? { departmentId: record.departmentId } : {}),
        ...(record.enterpriseId ? { enterpriseId: record.enterpriseId } : {}),
      },
    };
    // No personal data: the actor is the account itself, already anonymous.
    const actor = { ...user, name: ERASED_NAME };
    const audit = auditEvent(actor, 'member.erased', { type: 'member', id: user.id, name: ERASED_NAME }, { after: { erased: true } }, deps.newId(), now);
    audit.actor = { id: user.id, name: ERASED_NAME, role: actorOf(user).role };
    if ((await privacyStore.markErased(deps.db, record, erased, audit, stays)) === 'erased') return finishErasure(deps, erased);
  }
  throw new DomainError('CONFLICT', '账号信息正在变更，请稍后重试', 'the account kept changing; retry');
}

/** The rest of an erasure, once the account is marked: safe to run again, by the call or by the sweep. */
export async function finishErasure(deps: Deps, record: UserRecord): Promise<EraseMeResult> {
  const info = record.erasure;
  if (!info) return nothingLeft();
  const { db } = deps;
  const person: Person = { id: record.id, name: info.name, ...(info.enterpriseId ? { enterpriseId: info.enterpriseId } : {}) };
  const reach: Reach = { parkId: record.parkId, userId: record.id, ...(info.departmentId ? { departmentId: info.departmentId } : {}), ...(info.enterpriseId ? { enterpriseId: info.enterpriseId } : {}) };

  const inboxMessages = await privacyStore.deleteInbox(db, record.id);
  // Nobody escalates to an erased head or admin any more.
  if (info.roles.includes('admin')) await privacyStore.removeFromList(db, keys.park(record.parkId), 'adminUserIds', record.id);
  if (info.departmentId) await privacyStore.removeFromList(db, keys.department(record.parkId, info.departmentId), 'headUserIds', record.id);

  const [requests, matches, cases, audit, exports] = await Promise.all([
    privacyStore.requests(db, reach),
    privacyStore.matches(db, reach),
    privacyStore.cases(db, record.parkId),
    privacyStore.audit(db, record.parkId, record.id),
    privacyStore.ledgerExports(db, record.parkId, record.id),
  ]);
  const anonymised = { requests: 0, matches: 0, cases: 0, auditEvents: 0, other: 0 };
  const rewrite = async <T>(list: T[], needed: (t: T) => boolean, key: (t: T) => { pk: string; sk: string }, change: (t: T) => T | undefined) => {
    let count = 0;
    await inBatches(list.filter(needed), async (t) => {
      if (await privacyStore.rewriteVersioned<T>(db, key(t), change)) count++;
    });
    return count;
  };
  anonymised.requests = await rewrite(requests, (r) => !!anonymiseRequest(r, person), (r) => keys.request(r.parkId, r.id), (r) => anonymiseRequest(r, person));
  const uniqueMatches = [...new Map(matches.map(({ match }) => [match.id, match])).values()];
  anonymised.matches = await rewrite(uniqueMatches, (m) => !!anonymiseMatch(m, person), (m) => keys.match(m.parkId, m.id), (m) => anonymiseMatch(m, person));
  anonymised.cases = await rewrite(cases, (c) => !!anonymiseCase(c, person), (c) => keys.case(c.parkId, c.id), (c) => anonymiseCase(c, person));
  await inBatches(audit, async (event) => {
    const next = anonymiseAudit(event, person);
    if (!next) return;
    await privacyStore.rewriteAudit(db, next);
    anonymised.auditEvents++;
  });
  await inBatches(exports, async (e) => {
    if (!anonymiseLedgerExport(e, person)) return;
    await privacyStore.anonymiseLedgerExport(db, e, record.id);
    anonymised.other++;
  });
  if (info.roles.includes('station_host') || info.roles.includes('admin')) {
    const stations = await stationStore.listByPark(db, record.parkId);
    const resolvable = stations.filter((s) => info.roles.includes('admin') || s.hostIds.includes(record.id)).map((s) => s.id);
    anonymised.other += await privacyStore.anonymiseStationReports(db, record.parkId, resolvable, info.name);
  }

  await privacyStore.finishErasure(db, record.parkId, record.id);
  return { erased: true, anonymised, deleted: { inboxMessages } };
}

/** Finishes erasures that failed half-way (run by the overdue sweep); how many it finished. */
export async function resumeErasures(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - RESUME_AFTER_MS).toISOString();
  let finished = 0;
  for (const { parkId, userId } of await privacyStore.pendingErasures(deps.db, before)) {
    const record = await privacyStore.account(deps.db, parkId, userId);
    if (!record?.erased || !record.erasure) continue;
    await finishErasure(deps, record);
    finished++;
  }
  return finished;
}

const nothingLeft = (): EraseMeResult => ({ erased: true, anonymised: { requests: 0, matches: 0, cases: 0, auditEvents: 0, other: 0 }, deleted: { inboxMessages: 0 } });

async function inBatches<T>(list: T[], work: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < list.length; i += PARALLEL) await Promise.all(list.slice(i, i + PARALLEL).map(work));
}
