import { useCallback, useEffect, useRef, useState } from 'react';
import type { Amenity, StationSummary } from '@parklink/contract';
// Not '../api' (every area's calls, with their schemas): the stations list loads without zod.
import { errorText } from '../api/http';
import { stationsApi } from '../api/stations';
import { takeEarlySearch } from '../early/nearby';
import { FIRST_FILTER } from '../lib/nearbySearch';
import { loadLastResult, saveLastResult, type SearchOrigin } from '../lib/stationCache';

export interface NearbyFilter {
  openNow: boolean;
  amenities: Amenity[];
}

export interface Nearby {
  items: StationSummary[] | null;
  /** Set while the list shown is the one saved last time (`上次结果`): when it was searched. */
  cachedAt: string | null;
  /** Where the list shown was searched from. */
  shownOrigin: SearchOrigin | null;
  loading: boolean;
  error: string | null;
  filter: NearbyFilter;
  setFilter: (f: NearbyFilter) => void;
  /** Search again from `origin` (or the last one) with the current filter. */
  search: (origin?: SearchOrigin) => void;
  /** When the last successful search came back (ms), 0 when none yet. */
  freshAt: number;
}

/**
 * The nearby search: shows the last saved result at once (marked as such), then searches from the
 * given origin whenever it or the filter changes; a newer search drops a late answer of an older
 * one. A failed search keeps what is shown, with the message. The first search may already be on
 * its way (h5: started with the app, early/nearby.ts): it is taken instead of asking again.
 */
export function useNearby(): Nearby {
  const [last] = useState(loadLastResult);
  const [items, setItems] = useState<StationSummary[] | null>(last?.items ?? null);
  const [cachedAt, setCachedAt] = useState<string | null>(last?.at ?? null);
  const [shownOrigin, setShownOrigin] = useState<SearchOrigin | null>(last?.origin ?? null);
  const [filter, setFilterState] = useState<NearbyFilter>({ openNow: last?.openNow ?? FIRST_FILTER.openNow, amenities: last?.amenities ?? FIRST_FILTER.amenities });
  const [origin, setOrigin] = useState<SearchOrigin | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [freshAt, setFreshAt] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    if (!origin) return;
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    (takeEarlySearch(origin, filter) ?? stationsApi.nearby({ lat: origin.lat, lng: origin.lng, openNow: filter.openNow, amenities: filter.amenities }))
      .then((found) => {
        if (mine !== generation.current) return;
        setItems(found);
        setCachedAt(null);
        setShownOrigin(origin);
        setFreshAt(Date.now());
        saveLastResult({ at: new Date().toISOString(), origin, openNow: filter.openNow, amenities: filter.amenities, items: found });
      })
      .catch((err: unknown) => {
        if (mine === generation.current) setError(errorText(err));
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false);
      });
  }, [origin, filter, attempt]);

  const search = useCallback((next?: SearchOrigin) => {
    if (next) setOrigin(next);
    setAttempt((n) => n + 1);
  }, []);

  const setFilter = useCallback((f: NearbyFilter) => setFilterState(f), []);

  return { items, cachedAt, shownOrigin, loading, error, filter, setFilter, search, freshAt };
}
