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

/** A cell's 32 children: the cells one character finer. */
export const childCells = (cell: string) => [...'0123456789bcdefghjkmnpqrstuvwxyz'].map((c) => cell + c);

/** Cells of one precision covering China's bounding box (where every station lies). */
export const cellsCoveringChina = (precision: number): string[] =>
  geohash.bboxes(CHINA_BOUNDS.minLat, CHINA_BOUNDS.minLng, CHINA_BOUNDS.maxLat, CHINA_BOUNDS.maxLng, precision);

/**
 * The least distance from `p` to any point of a cell: to the nearest point of its box. No station
 * in the cell can be nearer than this, which is what lets the search skip a cell.
 */
export function distanceToCell(p: Point, cell: string): number {
  const [minLat, minLng, maxLat, maxLng] = geohash.decode_bbox(cell);
  return distanceMetres(p, { lat: Math.min(Math.max(p.lat, minLat), maxLat), lng: Math.min(Math.max(p.lng, minLng), maxLng) });
}
