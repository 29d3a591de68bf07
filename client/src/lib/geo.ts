import type { LatLng } from '@parklink/contract';

/**
 * Coordinates. Stations are stored in GCJ-02 (China's map datum: WeChat's `getLocation({type:
 * 'gcj02'})`, AMap, Tencent Maps). Browsers give WGS-84 (GPS), a few hundred metres off in China:
 * h5 converts with the published GCJ-02 formula before searching.
 */
const A = 6378245.0;
const EE = 0.00669342162296594323;

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** Roughly mainland China, where GCJ-02 applies (elsewhere it equals WGS-84). */
const inChina = (p: LatLng) => p.lng > 72.004 && p.lng < 137.8347 && p.lat > 0.8293 && p.lat < 55.8271;

/** WGS-84 (browser geolocation) → GCJ-02 (the stations' datum). */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (!inChina(p)) return p;
  const radLat = (p.lat / 180) * Math.PI;
  const s = 1 - EE * Math.sin(radLat) ** 2;
  const dLat = (shiftLat(p.lng - 105, p.lat - 35) * 180) / (((A * (1 - EE)) / (s * Math.sqrt(s))) * Math.PI);
  const dLng = (shiftLng(p.lng - 105, p.lat - 35) * 180) / ((A / Math.sqrt(s)) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/** Great-circle distance in metres. */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.round(2 * 6371000 * Math.asin(Math.sqrt(h)));
}

/** '350 米', '1.2 公里', '12 公里'. */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.max(0, Math.round(metres / 10) * 10)} 米`;
  const km = metres / 1000;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} 公里`;
}

/** Like the API's walk / ride minutes (80 m and 250 m a minute), for a distance measured here. */
export function travelMinutes(metres: number): { walk: number; ride: number } {
  return { walk: Math.ceil(metres / 80), ride: Math.ceil(metres / 250) };
}
