import Taro from '@tarojs/taro';
import type { Amenity, LatLng, StationSummary } from '@parklink/contract';
import { LAST_STATIONS_KEY as KEY } from './storageKeys';

/** Where a search was made from: the rider's position or a district's centre. */
export interface SearchOrigin extends LatLng {
  /** The district's name when searched by district; absent for the rider's own position. */
  district?: string;
}

/** The last search that came back, shown at once on the next open (even offline). */
export interface LastResult {
  at: string;
  origin: SearchOrigin;
  openNow: boolean;
  amenities: Amenity[];
  items: StationSummary[];
}

export function loadLastResult(): LastResult | null {
  try {
    const saved = Taro.getStorageSync<LastResult | ''>(KEY);
    if (saved && typeof saved === 'object' && Array.isArray(saved.items) && saved.origin) return saved;
  } catch {
    // nothing saved
  }
  return null;
}

export function saveLastResult(result: LastResult): void {
  try {
    Taro.setStorageSync(KEY, result);
  } catch {
    // storage full: not worth a message
  }
}
