/**
 * Closes the market's needs and resources whose date has passed, so lists and counts stay true
 * without anyone touching them (readers already see them as closed: posts.ts effectiveStatus).
 * Runs inside the overdue sweep. Safe to re-run or overlap: each close is conditional on the post
 * still being open and past its date, so a post is closed once and an owner's change wins.
 */
import type { Deps } from '../http/deps';
import { marketStore } from '../store/market';

export async function expireMarketPosts(deps: Deps, parkId: string, now: string): Promise<number> {
  let closed = 0;
  for (const post of await marketStore.expiredPosts(deps.db, parkId, now)) {
    if (await marketStore.closeExpired(deps.db, post.type, parkId, post.id, now)) closed++;
  }
  return closed;
}
