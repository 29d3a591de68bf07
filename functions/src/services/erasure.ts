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
 * come out as before. Where their full name was written in free text (a reply, a title, a note,
 * a message body), it is replaced as well. An audit event `member.erased` records that it
 * happened, with no name.
 *
 * Why rewrite the records at erasure rather than mask names when they are read: erasure is rare
 * and reads are constant. Masking at read time would cost every request view, list, ledger row
 * (the worker streams 100,000 of them), case, match and audit page a look-up of who was erased,
 * in every reader we have and every one we add — one missed and the name shows — and the name
 * would still be in the table and in every park backup. Rewriting costs one pass, once, in the
 * background, and leaves nothing to remember on the read path.
 *
 * Two parts. The call (`eraseMe`) marks the account first — erased, with what the rest needs to
 * find the person's records (their name among it, kept on the account only until the end), in a
 * sparse index the sweep reads — and then does what the indexes that reach the person hold
 * (store/privacy.ts): their enterprise's requests (gsi2), the requests assigned to them (gsi3,
 * open and done), their department's open assigned requests and pool (gsi5, gsi1), their side's
 * matches (gsi3, gsi5), and the park's case, audit and ledger-export ranges and hosted stations'
 * reports (few per park). That is bounded, so the call stays quick, and it covers what the person
 * and the people they dealt with look at first. Then the erasure stays pending for the full pass
 * (services/erasurePass.ts), which the overdue sweep runs over the park's whole partition and its
 * members' inboxes, page by page, within a time budget per run, with its cursor on the account:
 * it reaches what no index of theirs holds any more — a reply written before the request was
 * transferred out of their department, an admin's notes and transfers on any request, a head's
 * note on a colleague's closed request, their name typed into someone else's text, the messages
 * that told others what they did. When it is done, the erasure is finished and the name goes
 * from the account too.
 *
 * Every record is rewritten on what was read — its version, bumped, so a writer who read the old
 * one decides again on the new one; or, without a version, on the values changed — so nothing is
 * lost. Both parts are resumable: a call that fails half-way is done by the sweep (`eraseReachable`
 * again, once the call cannot still be running), a pass that dies is carried on from its cursor;
 * rewriting a record twice changes nothing (domain/privacy.ts `scrub` finds nothing left).
 *
 * Not reached: the name written otherwise than in full (a nickname, a surname alone), files'
 * contents, ledger files made before the erasure (deleted after 7 days), and backups (see the
 * README). Free text holding a namesake's name is rewritten too: it cannot be told apart.
 */
import { ERASED_NAME, type EraseMeResult } from '@parklink/contract';
import { auditEvent } from '../domain/admin/audit';
import { DomainError, notFound } from '../domain/errors';
import { adminWhoStays, erasedAccount, namesHolding, scrub, type Person } from '../domain/privacy';
import { actorOf, type User } from '../domain/user';
import type { Deps } from '../http/deps';
import { directory, type UserRecord } from '../store/directory';
import { keys } from '../store/keys';
import { privacyStore, type ErasingRecord, type ErasureInfo, type Reach } from '../store/privacy';
import { stationStore } from '../store/stations';

/** Records rewritten side by side. */
const PARALLEL = 8;

export async function eraseMe(deps: Deps, user: User): Promise<EraseMeResult> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const record = await privacyStore.account(deps.db, user.parkId, user.id);
    if (!record) throw notFound('账号', 'account');
    // A second tap that passed the middleware before the first one finished: the same erasure.
    if (record.erased) return record.erasure ? eraseReachable(deps, record) : nothingLeft();
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
    if ((await privacyStore.markErased(deps.db, record, erased, audit, stays)) === 'erased') return eraseReachable(deps, erased);
  }
  throw new DomainError('CONFLICT', '账号信息正在变更，请稍后重试', 'the account kept changing; retry');
}

/**
 * The part of an erasure the indexes reach, once the account is marked: safe to run again, by the
 * call or by the sweep. Ends by noting it on the account, which leaves the erasure pending for the
 * full pass (services/erasurePass.ts) that the sweep runs.
 */
export async function eraseReachable(deps: Deps, record: ErasingRecord): Promise<EraseMeResult> {
  const info = record.erasure;
  if (!info) return nothingLeft();
  const { db } = deps;
  const reach: Reach = { parkId: record.parkId, userId: record.id, ...(info.departmentId ? { departmentId: info.departmentId } : {}), ...(info.enterpriseId ? { enterpriseId: info.enterpriseId } : {}) };

  const inboxMessages = await privacyStore.deleteInbox(db, record.id);
  // Nobody escalates to an erased head or admin any more.
  if (info.roles.includes('admin')) await privacyStore.removeFromList(db, keys.park(record.parkId), 'adminUserIds', record.id);
  if (info.departmentId) await privacyStore.removeFromList(db, keys.department(record.parkId, info.departmentId), 'headUserIds', record.id);
  // The stations whose reports they could resolve, before the pass takes them off the hosts.
  const stationIds =
    info.stationIds ??
    (info.roles.includes('station_host') || info.roles.includes('admin')
      ? (await stationStore.listByPark(db, record.parkId)).filter((s) => info.roles.includes('admin') || s.hostIds.includes(record.id)).map((s) => s.id)
      : []);
  const person = await personFor(deps, record, { ...info, stationIds });

  const [requests, matches, cases, audit, exports] = await Promise.all([
    privacyStore.requests(db, reach),
    privacyStore.matches(db, reach),
    privacyStore.cases(db, record.parkId),
    privacyStore.audit(db, record.parkId, record.id),
    privacyStore.ledgerExports(db, record.parkId, record.id),
  ]);
  const change = (item: Record<string, unknown>) => scrub(item, person);
  const rewrite = async <T extends object>(list: T[], key: (t: T) => { pk: string; sk: string }) => {
    let count = 0;
    await inBatches(
      list.filter((t) => !!scrub(t as Record<string, unknown>, person)),
      async (t) => {
        if (await privacyStore.rewrite(db, key(t), t as Record<string, unknown>, change)) count++;
      },
    );
    return count;
  };
  const uniqueMatches = [...new Map(matches.map(({ match }) => [match.id, match])).values()];
  const anonymised = {
    requests: await rewrite(requests, (r) => keys.request(r.parkId, r.id)),
    matches: await rewrite(uniqueMatches, (m) => keys.match(m.parkId, m.id)),
    cases: await rewrite(cases, (c) => keys.case(c.parkId, c.id)),
    auditEvents: await rewrite(audit, (a) => keys.audit(a.parkId, a.id)),
    other: await rewrite(exports, (e) => keys.ledgerExport(e.parkId, e.id)),
  };
  if (stationIds.length) anonymised.other += await privacyStore.anonymiseStationReports(db, record.parkId, stationIds, info.name);

  await privacyStore.markReached(db, record.parkId, record.id, deps.clock.now().toISOString(), stationIds);
  return { erased: true, anonymised, deleted: { inboxMessages }, fullPass: 'pending' };
}

/**
 * The person as their records name them, from what the erasure keeps on the account, with the
 * park's longer names that hold theirs (left whole in free text: domain/privacy.ts).
 */
export async function personFor(deps: Deps, record: { id: string; parkId: string }, info: ErasureInfo): Promise<Person> {
  const [users, enterprises, departments, stations] = await Promise.all([
    directory.listUsers(deps.db, record.parkId),
    directory.listEnterprises(deps.db, record.parkId),
    directory.listDepartments(deps.db, record.parkId),
    stationStore.listByPark(deps.db, record.parkId),
  ]);
  const names = [...users.filter((u) => u.id !== record.id), ...enterprises, ...departments, ...stations].map((n) => n.name);
  return {
    id: record.id,
    name: info.name,
    ...(info.enterpriseId ? { enterpriseId: info.enterpriseId } : {}),
    stationIds: info.stationIds ?? [],
    keep: namesHolding(info.name, names),
  };
}

/** A repeated call on an erasure already finished (its record kept nothing left to do). */
const nothingLeft = (): EraseMeResult => ({ erased: true, anonymised: { requests: 0, matches: 0, cases: 0, auditEvents: 0, other: 0 }, deleted: { inboxMessages: 0 }, fullPass: 'finished' });

async function inBatches<T>(list: T[], work: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < list.length; i += PARALLEL) await Promise.all(list.slice(i, i + PARALLEL).map(work));
}
