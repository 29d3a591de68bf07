/**
 * The overdue sweep (every 15 minutes in AWS, on a local timer under `npm start`): for every park,
 * take each request whose next escalation step is due and record the steps, with their inbox
 * messages. Safe to run twice or overlapping: steps are keyed by clock, deadline and level, and the
 * version check makes a second writer re-decide on the fresh state, where nothing is left to do.
 * The same run closes the market's posts whose date has passed (marketExpiry.ts).
 */
import { dueEscalations } from '../domain/escalation';
import { escalate, type RequestState } from '../domain/request';
import { defaultDeps, type Deps } from '../http/deps';
import { resumeErasures } from '../services/erasure';
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
  /** Erasures (PIPL) that failed half-way, finished now (services/erasure.ts). */
  erasuresFinished: number;
}

export async function sweepOverdue(deps: Deps): Promise<SweepResult> {
  const result: SweepResult = { parks: 0, examined: 0, escalated: 0, postsClosed: 0, erasuresFinished: 0 };
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
  result.erasuresFinished = await resumeErasures(deps);
  return result;
}

export const handler = async () => {
  const deps = defaultDeps();
  const result = await sweepOverdue(deps);
  deps.log({ job: 'overdueSweep', ...result });
  return result;
};
