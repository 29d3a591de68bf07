import type { RouteName } from '@parklink/contract';
import { REQUEST_PAGE_SIZE, requestListQuery } from '../lib/requestQuery';

/** One GET a page makes as it opens, as index.html's early script can send it. */
export interface FirstCall {
  name: RouteName;
  query?: Record<string, string>;
}

/** 我的诉求 / 我认领的: where a member lands from a message or a shared link. */
export const MINE_ROUTE = 'pages/requests/mine/index';

/**
 * What a logged-in member's page asks the API for first, by route: index.html's early script
 * (early/firstScreen.h5.ts) sends these with the saved session while the app's scripts are still
 * arriving (issue 11: on a slow phone about two seconds), and the page's own calls take the answers
 * over (api/http.ts). The queries are built by the same functions the page uses, so the URLs match
 * exactly; a page whose first calls change and are not listed here just asks for itself, as before.
 */
export const MEMBER_FIRST_CALLS: Readonly<Record<string, readonly FirstCall[]>> = {
  // The list (useRequestList's first page, scope 'mine') and the category filter (useLoader).
  [MINE_ROUTE]: [{ name: 'listCategories' }, { name: 'listRequests', query: requestListQuery({ scope: 'mine', limit: REQUEST_PAGE_SIZE }) }],
};
