import type { ListRequestsQuery } from '@parklink/contract';

/** How many requests a list page asks for at a time. */
export const REQUEST_PAGE_SIZE = 20;

export type RequestPageQuery = Partial<Pick<ListRequestsQuery, 'scope' | 'status' | 'categoryId' | 'q' | 'cursor' | 'limit'>>;

/** Always in this order, whatever order the filter's fields were set in. */
const ORDER = ['scope', 'status', 'categoryId', 'q', 'cursor', 'limit'] as const;

/**
 * The query of GET /v1/requests, empty fields left out. Pure, and the same list is always the same
 * URL: index.html's early script sends a member's first list page too (early/firstCalls.ts), and
 * the app takes that answer over only for exactly the URL it would have asked for.
 */
export function requestListQuery(query: RequestPageQuery): Record<string, string> {
  const q: Record<string, string> = {};
  for (const key of ORDER) {
    const value = query[key];
    if (value !== undefined && value !== '') q[key] = String(value);
  }
  return q;
}
