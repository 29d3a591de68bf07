import type { Amenity, LatLng } from '@parklink/contract';

/** A nearby search as the stations page makes it. Pure: index.html's early script sends one too. */
export interface NearbySearch extends LatLng {
  /** Only stations open now (the API's default is all). */
  openNow: boolean;
  /** Every result has all of these. */
  amenities: Amenity[];
  limit?: number;
}

/** A first-time rider's filter: open stations, any amenity. */
export const FIRST_FILTER: Pick<NearbySearch, 'openNow' | 'amenities'> = { openNow: true, amenities: [] };

/** The query of GET /v1/stations/nearby: the same search is always the same URL (early/handover.ts). */
export function nearbyQuery(search: NearbySearch): Record<string, string> {
  const query: Record<string, string> = {
    lat: search.lat.toFixed(6),
    lng: search.lng.toFixed(6),
    limit: String(search.limit ?? 10),
    openNow: String(search.openNow),
  };
  if (search.amenities.length) query.amenities = search.amenities.join(',');
  return query;
}
