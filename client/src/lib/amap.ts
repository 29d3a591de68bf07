import type { StationSummary } from '@parklink/contract';

/** An AMap marker page for a station (AMap uses GCJ-02, like the data); its route button takes over. */
export function amapUrl(s: Pick<StationSummary, 'name' | 'location'>): string {
  const { lat, lng } = s.location;
  return `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`;
}
