/**
 * Geography for care stations: distances on GCJ-02 coordinates (what WeChat's getLocation gives
 * with type 'gcj02'; at rider scale its offset from WGS-84 does not change who is nearest), China's
 * bounding box, and geohash cells for the proximity index.
 */
import geohash from 'ngeohash';

export interface Point {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Mainland China and its islands, generously: coordinates outside are a client error, not a query. */
export const CHINA_BOUNDS = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const;

export const inChina = (p: Point) =>
  p.lat >= CHINA_BOUNDS.minLat && p.lat <= CHINA_BOUNDS.maxLat && p.lng >= CHINA_BOUNDS.minLng && p.lng <= CHINA_BOUNDS.maxLng;

export const cellOf = (p: Point, precision: number) => geohash.encode(p.lat, p.lng, precision);

/** The cell and its eight neighbours: the block a proximity query reads at one precision. */
export function blockAround(p: Point, precision: number): string[] {
  const centre = cellOf(p, precision);
  return [centre, ...geohash.neighbors(centre)];
}

/**
 * The radius around `p` that the 3×3 block of its cell surely covers: the distance from `p` to the
 * nearest edge of the block. Anything closer than this is in the block; anything in the block that
 * is farther may be beaten by something outside it.
 */
export function coveredRadius(p: Point, precision: number): number {
  const [minLat, minLng, maxLat, maxLng] = geohash.decode_bbox(cellOf(p, precision));
  const height = maxLat - minLat;
  const width = maxLng - minLng;
  const edges: Point[] = [
    { lat: minLat - height, lng: p.lng },
    { lat: maxLat + height, lng: p.lng },
    { lat: p.lat, lng: minLng - width },
    { lat: p.lat, lng: maxLng + width },
  ];
  return Math.min(...edges.map((edge) => distanceMetres(p, edge)));
}
