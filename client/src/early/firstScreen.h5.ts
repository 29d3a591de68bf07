/**
 * index.html's first-screen script (h5, inlined by the production build: client/config/
 * h5-first-screen.cjs). It sends the first page's API calls while the app's scripts are still
 * arriving; the app takes them over (early/handover.ts → lib/location.ts, api/http.ts), so each
 * call is made once, just sooner:
 *
 * - a first-time rider opening the stations page: the position, and the nearby search from it;
 *   and once its answer is in, the stations drawn as the page shows them (early/stationsScreen.ts)
 *   until the app has drawn its own. Only a first-time visitor: with a session the page sends a
 *   member on to 首页 (no position is asked), and a returning rider already sees the last result at
 *   once and has a filter of their own;
 * - a member with a live saved session opening a page of MEMBER_FIRST_CALLS (early/firstCalls.ts):
 *   that page's first GETs, with the session's token.
 */
import { routeUrl } from '../api/url';
import { wgs84ToGcj02 } from '../lib/geo';
import { FIRST_FILTER, nearbyQuery } from '../lib/nearbySearch';
import { isLiveSession } from '../lib/savedSession';
import { LAST_STATIONS_KEY, SESSION_KEY } from '../lib/storageKeys';
import type { StationSummary } from '@parklink/contract';
import { MEMBER_FIRST_CALLS } from './firstCalls';
import {
  LOCATION_TIMEOUT_MS,
  STATIONS_ROUTE,
  openedRoute,
  publishEarlyScreen,
  publishEarlyStart,
  type EarlyAnswer,
  type EarlyScreen,
  type RawAnswer,
  type RawPosition,
} from './handover';
import { drawStationsScreen } from './stationsScreen';

function firstVisit(): boolean {
  try {
    return localStorage.getItem(SESSION_KEY) === null && localStorage.getItem(LAST_STATIONS_KEY) === null;
  } catch {
    return false; // storage blocked: leave it all to the app
  }
}

/** As Taro's h5 getLocation asks (its options and its `{ errMsg }` failure), so the app cannot tell. */
function askPosition(): Promise<RawPosition> {
  return new Promise((resolve, reject) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      (e) => reject({ errMsg: e.message }),
      { enableHighAccuracy: false, timeout: LOCATION_TIMEOUT_MS },
    ),
  );
}

/** The saved session's token, as api/session.ts would use it (Taro keeps `{ data }` in localStorage). */
function savedToken(): string | undefined {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    const saved: unknown = raw ? (JSON.parse(raw) as { data?: unknown }).data : undefined;
    return isLiveSession(saved) ? saved.token : undefined;
  } catch {
    return undefined; // storage blocked or unreadable: leave it all to the app
  }
}

async function get(url: string, authorization?: string): Promise<RawAnswer> {
  const res = await (authorization ? fetch(url, { headers: { authorization } }) : fetch(url));
  return { statusCode: res.status, header: { 'retry-after': res.headers.get('retry-after') ?? '' }, data: await res.text() };
}

/** Sends a GET now, for the app to take over. A failure is the app's to handle (it retries a network failure). */
function send(answers: Record<string, EarlyAnswer | undefined>, url: string, authorization?: string): Promise<RawAnswer> {
  const answer = get(url, authorization);
  answer.catch(() => undefined);
  answers[url] = authorization ? { answer, authorization } : { answer };
  return answer;
}

/** Runs `draw` once the app's stylesheet is in: the early list wears the page's own look, or is not drawn. */
function whenStyled(draw: () => void): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"][href*="css/app."]');
  if (!link) return;
  if (link.sheet) draw();
  else link.addEventListener('load', draw, { once: true });
}

/** The nearby answer's stations, over the page's place, unless the app has drawn its own page by then. */
function drawEarlyList(answer: RawAnswer): void {
  if (answer.statusCode !== 200) return; // errors are the app's to show
  let items: StationSummary[] | undefined;
  try {
    items = (JSON.parse(answer.data) as { items?: StationSummary[] }).items;
  } catch {
    return;
  }
  if (!items?.length) return;
  const stations = items;
  whenStyled(() => {
    if (document.querySelector('#app .stations-page') || openedRoute() !== STATIONS_ROUTE) return;
    const screen: EarlyScreen = { element: drawStationsScreen(stations, (tap) => (screen.tap = tap)) };
    document.body.append(screen.element as HTMLElement);
    publishEarlyScreen(screen);
  });
}

const route = openedRoute();
const answers: Record<string, EarlyAnswer | undefined> = {};
if (route === STATIONS_ROUTE && 'geolocation' in navigator && firstVisit()) {
  const position = askPosition();
  // Registered before the app can chain on the position: the answer is there when it searches.
  position.then(
    (raw) => {
      const url = routeUrl('nearbyStations', {}, nearbyQuery({ ...wgs84ToGcj02({ lat: raw.latitude, lng: raw.longitude }), ...FIRST_FILTER }));
      send(answers, url).then(drawEarlyList, () => undefined);
    },
    () => undefined, // the app's to show, when it takes the position
  );
  publishEarlyStart({ position, answers });
} else {
  const token = savedToken();
  const calls = MEMBER_FIRST_CALLS[route];
  if (token && calls) {
    for (const c of calls) send(answers, routeUrl(c.name, {}, c.query), `Bearer ${token}`);
    publishEarlyStart({ answers });
  }
}
