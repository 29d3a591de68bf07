/**
 * The full pass of an erasure (PIPL, `DELETE /v1/me`): every record of the person's park, and every
 * inbox of its members, read page by page, with whatever still names the person rewritten as
 * 已注销用户 (domain/privacy.ts `scrub`).
 *
 * Why a pass: the erasure call reaches the person's records through the indexes that hold them
 * (services/erasure.ts), and some records no index of theirs holds any more — a reply written
 * before the request was transferred out of their department, an admin's notes and transfers on
 * any request, a head's note on a colleague's closed request, a name typed into someone else's
 * message, the inbox messages that told others what they did. Finding those means reading the
 * park's whole partition (what the ledger worker reads, and more), too long for one call: so the
 * call does what the indexes reach and returns, and the overdue sweep runs this pass after it,
 * page by page, within a time budget per run, until it is done.
 *
 * - Never loses a concurrent write: each item is rewritten on what was read — on its version
 *   (bumped) or on the values it changes — and read again and decided again when someone wrote in
 *   between (store/privacy.ts `rewrite`).
 * - Resumable: after each page the cursor (phase, last key, counts) is saved on the erased account
 *   (`erasure.pass`), conditional on where it stood, so a run that dies half-way is carried on from
 *   its last page by the next sweep, not from the start; two sweeps overlapping do not both go on
 *   (the one whose save is refused stops).
 * - Idempotent: an item that holds nothing of the person is not written, so the page a crashed run
 *   was in is read again and only what is left is written; nothing is rewritten twice.
 *
 * The phases: the park's partition in key order (every kind of record: requests, matches, cases,
 * posts, audit, ledger exports, station reports and stations, departments, the park; the person's
 * own account is left to the erasure, and their idempotency records are deleted), then the inboxes
 * of the park's members in id order (messages whose title or body holds the name, filtered in
 * DynamoDB). Then the erasure is finished: what it kept on the account — the name among it — goes.
 */
import type { Deps } from '../http/deps';
import { scrub, type Person } from '../domain/privacy';
import { directory } from '../store/directory';
import { keys } from '../store/keys';
import { privacyStore, type ErasingRecord, type PassCursor } from '../store/privacy';
import { eraseReachable, personFor } from './erasure';

/** Items read per page (DynamoDB also stops a page at 1 MB). */
export const PASS_PAGE_SIZE = 200;
/** Records rewritten side by side. */
const PARALLEL = 8;
/** An erasure whose reachable part is not done after this long failed half-way (a call that died): the sweep does it. */
const RESUME_AFTER_MS = 5 * 60_000;

export interface PassOptions {
  /** When to stop starting pages (epoch ms, real time): the pass goes on at the next run. */
  deadline: number;
  pageSize?: number;
  /** Real time (tests move it); `Date.now` by default. The park's clock is not used: a dev clock can jump. */
  realNow?: () => number;
}

export type PassOutcome = 'finished' | 'paused' | 'taken';

/**
 * Carries one erasure's full pass on from its cursor until it is done ('finished', the erasure
 * finished), the deadline passes ('paused') or another run moved the cursor ('taken').
 */
export async function runErasurePass(deps: Deps, record: ErasingRecord, options: PassOptions): Promise<PassOutcome> {
  const info = record.erasure;
  if (!info?.reachedAt) return 'paused';
  const { db } = deps;
  const realNow = options.realNow ?? Date.now;
  const limit = options.pageSize ?? PASS_PAGE_SIZE;
  const person = await personFor(deps, record, info);
  const own = { account: keys.user(record.parkId, record.id).sk, idempotency: keys.idempotency(record.parkId, record.id, '').sk };
  let saved: PassCursor | undefined = info.pass;
  let cursor: PassCursor = saved ?? { phase: 'park', pages: 0, rewritten: 0 };
  let members: string[] | undefined;

  for (;;) {
    if (realNow() >= options.deadline) return 'paused';
    let next: PassCursor | 'done';
    if (cursor.phase === 'park') {
      const page = await privacyStore.parkPage(db, record.parkId, cursor.after, limit);
      const rewritten = await rewriteAll(deps, page.items, person, (item) => {
        if (item.sk === own.account) return 'skip';
        if (item.sk.startsWith(own.idempotency)) return 'delete';
        return 'scrub';
      });
      const counts = { pages: cursor.pages + 1, rewritten: cursor.rewritten + rewritten };
      next = page.last ? { phase: 'park', after: page.last, ...counts } : { phase: 'inboxes', ...counts };
    } else {
      members ??= (await directory.listUsers(db, record.parkId)).map((u) => u.id).filter((id) => id !== record.id).sort();
      const member = cursor.member ?? members[0];
      if (member === undefined) {
        next = 'done';
      } else {
        const page = await privacyStore.inboxPage(db, member, person.name, cursor.after, limit);
        const rewritten = await rewriteAll(deps, page.items, person, () => 'scrub');
        const counts = { pages: cursor.pages + 1, rewritten: cursor.rewritten + rewritten };
        const following = members.find((id) => id > member);
        next = page.last
          ? { phase: 'inboxes', member, after: page.last, ...counts }
          : following !== undefined
            ? { phase: 'inboxes', member: following, ...counts }
            : 'done';
      }
    }
    if (next === 'done') {
      // Messages that reached the erased account while the pass ran go too.
      await privacyStore.deleteInbox(db, record.id);
      await privacyStore.finishErasure(db, record.parkId, record.id);
      return 'finished';
    }
    if (!(await privacyStore.savePass(db, record.parkId, record.id, saved, next))) return 'taken';
    saved = cursor = next;
  }
}

type Item = Record<string, unknown> & { pk: string; sk: string };

/** Rewrites what holds the person on a page (or deletes what is theirs alone); how many items this call changed. */
async function rewriteAll(deps: Deps, items: Item[], person: Person, what: (item: Item) => 'scrub' | 'delete' | 'skip'): Promise<number> {
  let count = 0;
  const work = items.filter((item) => {
    const kind = what(item);
    return kind === 'delete' || (kind === 'scrub' && !!scrub(item, person));
  });
  for (let i = 0; i < work.length; i += PARALLEL) {
    await Promise.all(
      work.slice(i, i + PARALLEL).map(async (item) => {
        const key = { pk: item.pk, sk: item.sk };
        if (what(item) === 'delete') {
          await privacyStore.remove(deps.db, key);
          count++;
        } else if (await privacyStore.rewrite(deps.db, key, item, (read) => scrub(read, person))) {
          count++;
        }
      }),
    );
  }
  return count;
}

export interface ErasuresResult {
  /** Erasures finished in this run (their full pass done). */
  finished: number;
  /** Erasures still pending after it (their pass goes on at the next run, or their call may still be running). */
  pending: number;
}

/**
 * Carries on the erasures not finished yet, oldest first (run by the overdue sweep): an erasure
 * whose call failed before its reachable part was done gets that part first (once it is old enough
 * that the call cannot still be running); then the full pass, until the deadline.
 */
export async function continueErasures(deps: Deps, options: PassOptions): Promise<ErasuresResult> {
  const realNow = options.realNow ?? Date.now;
  const resumeBefore = deps.clock.now().getTime() - RESUME_AFTER_MS;
  const result: ErasuresResult = { finished: 0, pending: 0 };
  for (const { parkId, userId } of await privacyStore.pendingErasures(deps.db)) {
    let record = await privacyStore.account(deps.db, parkId, userId);
    if (!record?.erased || !record.erasure) continue;
    if (realNow() >= options.deadline) {
      result.pending++;
      continue;
    }
    if (!record.erasure.reachedAt) {
      // Too fresh: the call that marked it may still be running.
      if (Date.parse(record.erasure.since) > resumeBefore) {
        result.pending++;
        continue;
      }
      await eraseReachable(deps, record);
      record = await privacyStore.account(deps.db, parkId, userId);
      if (!record?.erasure) continue;
    }
    if ((await runErasurePass(deps, record, options)) === 'finished') result.finished++;
    else result.pending++;
  }
  return result;
}
