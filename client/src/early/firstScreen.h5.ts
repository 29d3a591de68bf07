/**
 * index.html's first-screen script (h5, inlined by the production build: client/config/
 * h5-first-screen.cjs). For a first-time rider opening the stations page it asks for the position
 * and sends the nearby search while the app's scripts are still arriving; the app takes both over
 * (early/handover.ts → lib/location.ts, api/http.ts), so the search is made once, just sooner.
 *
 * Only a first-time visitor: with a session the page sends a member on to 首页 (no position is
 * asked), and a returning rider already sees the last result at once and has a filter of their own.
 */
import { routeUrl } from '../api/url';
import { wgs84ToGcj02 } from '../lib/geo';
import { FIRST_FILTER, nearbyQuery } from '../lib/nearbySearch';
import { LAST_STATIONS_KEY, SESSION_KEY } from '../lib/storageKeys';
import { LOCATION_TIMEOUT_MS, STATIONS_ROUTE, openedRoute, publishEarlyStart, type RawAnswer, type RawPosition } from './handover';

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

async function get(url: string): Promise<RawAnswer> {
  const res = await fetch(url);
  return { statusCode: res.status, header: { 'retry-after': res.headers.get('retry-after') ?? '' }, data: await res.text() };
}

if (openedRoute() === STATIONS_ROUTE && 'geolocation' in navigator && firstVisit()) {
  const answers: Record<string, Promise<RawAnswer> | undefined> = {};
  const position = askPosition();
  // Registered before the app can chain on the position: the answer is there when it searches.
  position.then(
    (raw) => {
      const url = routeUrl('nearbyStations', {}, nearbyQuery({ ...wgs84ToGcj02({ lat: raw.latitude, lng: raw.longitude }), ...FIRST_FILTER }));
      const answer = get(url);
      answer.catch(() => undefined); // the app's to handle (a network failure is retried there)
      answers[url] = answer;
    },
    () => undefined, // the app's to show, when it takes the position
  );
  publishEarlyStart({ position, answers });
}
