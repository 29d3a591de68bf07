import type { Amenity, LatLng, StationSummary } from '@parklink/contract';
import { loadSession } from '../api/session';
import { openedRoute, STATIONS_ROUTE, takeAskedPosition } from './handover';
import { stationsApi } from '../api/stations';
import { currentPosition } from '../lib/location';
import { FIRST_FILTER } from '../lib/nearbySearch';
import { loadLastResult } from '../lib/stationCache';

/**
 * h5: the stations page's first search, started as the app's scripts run (app.ts) rather than once
 * React has drawn the page and its first show asked for the position (issue 11: ~0.3 s on a slow
 * phone). It is the page's own first search, made sooner, not a second one: the same position
 * (`currentPosition`) and the same filter (the last result's, as useNearby starts with), handed
 * over once — `takeEarlyPosition` to the page's first locating, `takeEarlySearch` to the hook's
 * first search if it is from that position with that filter. Anything else (a filter changed
 * meanwhile, 重试, a district) searches as before. Not on weapp, which stays as it was (its privacy
 * popup answers the position's prompt from the page), nor for a member, sent on to 首页 by the page.
 */

interface EarlySearch {
  origin: LatLng;
  openNow: boolean;
  amenities: Amenity[];
  items: Promise<StationSummary[]>;
}

let position: Promise<LatLng> | null = null;
let search: EarlySearch | null = null;

export function startEarlyNearby(): void {
  if (process.env.TARO_ENV !== 'h5' || position) return;
  if (openedRoute() !== STATIONS_ROUTE || loadSession()) return;
  const last = loadLastResult();
  const openNow = last?.openNow ?? FIRST_FILTER.openNow;
  const amenities = last?.amenities ?? FIRST_FILTER.amenities;
  // A first-time visitor's position and search were asked for by index.html already (early/): the
  // search below then takes that answer (api/http.ts) rather than sending it again.
  position = currentPosition(takeAskedPosition());
  // Registered before the page's own wait on the position: the search exists by the time the page
  // hands the position to the hook. A failure is the page's to show, when it takes the promise.
  position.then(
    (origin) => {
      const items = stationsApi.nearby({ lat: origin.lat, lng: origin.lng, openNow, amenities });
      items.catch(() => undefined);
      search = { origin, openNow, amenities, items };
    },
    () => undefined,
  );
}

/** The position asked for at start-up, once; null when none was (or it was taken). */
export function takeEarlyPosition(): Promise<LatLng> | null {
  const p = position;
  position = null;
  return p;
}

/**
 * The search started at start-up, once, when it is the one asked for: from that very position (the
 * object `takeEarlyPosition` gave) with the same filter. Null otherwise; either way it is dropped.
 */
export function takeEarlySearch(origin: LatLng, filter: { openNow: boolean; amenities: Amenity[] }): Promise<StationSummary[]> | null {
  const s = search;
  search = null;
  if (!s || s.origin !== origin || s.openNow !== filter.openNow || s.amenities.join(',') !== filter.amenities.join(',')) return null;
  return s.items;
}
