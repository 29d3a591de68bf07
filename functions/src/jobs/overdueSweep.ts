/**
 * The overdue sweep (every 15 minutes in AWS, on a local timer under `npm start`): for every park,
 * take each request whose next escalation step is due and record the steps, with their inbox
 * messages. Safe to run twice or overlapping: steps are keyed by clock, deadline and level, and the
 * version check makes a second writer re-decide on the fresh state, where nothing is left to do.
 * The same run closes the market's posts whose date has passed (marketExpiry.ts), and carries on
 * the erasures (PIPL) not finished yet — each one's full pass over its park's records, page by
 * page, within a time budget (services/erasurePass.ts).
 */
import { dueEscalations } from '../domain/escalation';
import { escalate, type RequestState } from '../domain/request';
import { defaultDeps, type Deps } from '../http/deps';
import { continueErasures } from '../services/erasurePass';
import { applyChange } from '../services/requestChanges';
import { directory } from '../store/directory';
import { expireMarketPosts } from './marketExpiry';
import { requestStore } from '../store/requests';

export interface SweepResult {
  parks: number;
  examined: number;
  escalated: number;
  /** Needs and resources closed because their date passed. */
  postsClosed: number;
  /** Erasures (PIPL) finished now: their full pass done (services/erasurePass.ts). */
  erasuresFinished: number;
  /** Erasures still going on after this run (a big park's pass takes a few runs). */
  erasuresPending: number;
}

/** How long one run spends on erasures' full passes at most (the function's timeout is 300 s). */
export const ERASURE_BUDGET_MS = 120_000;

/** Time kept in hand before the invocation's end: the page being read and written, and the log. */
const END_MARGIN_MS = 60_000;

export interface SweepOptions {
  /** Time for erasures' full passes in this run (ms, real time); ERASURE_BUDGET_MS by default. */
  erasureBudgetMs?: number;
  /** When the invocation is cut off (epoch ms): the passes stop a minute before. */
  endsAt?: number;
  /** Items per page of an erasure's pass (tests make it small). */
  erasurePageSize?: number;
}

export async function sweepOverdue(deps: Deps, options: SweepOptions = {}): Promise<SweepResult> {
  const result: SweepResult = { parks: 0, examined: 0, escalated: 0, postsClosed: 0, erasuresFinished: 0, erasuresPending: 0 };
  for (const parkId of await directory.listParkIds(deps.db)) {
    result.parks++;
    const now = deps.clock.now().toISOString();
    for (const requestId of await requestStore.listDue(deps.db, parkId, now)) {
      result.examined++;
      const check = (state: RequestState | undefined) => {
        if (!state) throw new Error(`request ${requestId} vanished from park ${parkId}`);
        return state;
      };
      const { changed } = await applyChange(deps, parkId, { requestId, check }, (state, moment) => {
        const steps = dueEscalations(state, moment.now);
        return steps.length ? escalate(state, steps, moment) : undefined;
      });
      if (changed) result.escalated++;
    }
    result.postsClosed += await expireMarketPosts(deps, parkId, now);
  }
  const erasures = await continueErasures(deps, {
    deadline: Math.min(Date.now() + (options.erasureBudgetMs ?? ERASURE_BUDGET_MS), (options.endsAt ?? Infinity) - END_MARGIN_MS),
    ...(options.erasurePageSize ? { pageSize: options.erasurePageSize } : {}),
  });
  result.erasuresFinished = erasures.finished;
  result.erasuresPending = erasures.pending;
  return result;
}

export const handler = async (_event?: unknown, context?: { getRemainingTimeInMillis?: () => number }) => {
  const deps = defaultDeps();
  const left = context?.getRemainingTimeInMillis?.();
  const result = await sweepOverdue(deps, left === undefined ? {} : { endsAt: Date.now() + left });
  deps.log({ job: 'overdueSweep', ...result });
  return result;
};
