import Taro from '@tarojs/taro';
import type { LatLng } from '@parklink/contract';
import { LOCATION_TIMEOUT_MS, type RawPosition } from '../early/handover';
import { wgs84ToGcj02 } from './geo';

/** Why there is no position: the user said no (ask them to allow it in settings), or it failed. */
export type LocationProblem = 'denied' | 'failed';

export class LocationError extends Error {
  constructor(readonly problem: LocationProblem, message: string) {
    super(message);
    this.name = 'LocationError';
  }
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new LocationError('failed', '定位超时')), LOCATION_TIMEOUT_MS);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function classify(err: unknown): LocationError {
  if (err instanceof LocationError) return err;
  const msg = String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? '');
  // weapp: 'getLocation:fail auth deny' / 'authorize no response' / 'privacy permission is not authorized';
  // h5: the W3C error 'User denied Geolocation'.
  if (/auth|deny|denied|privacy|permission/i.test(msg)) return new LocationError('denied', '未允许获取位置');
  return new LocationError('failed', '定位失败');
}

/**
 * Where the rider is, in GCJ-02 (the stations' datum). weapp: `getLocation({type: 'gcj02'})`.
 * h5: Taro's h5 getLocation only knows WGS-84 (it refuses 'gcj02') and uses the browser's
 * geolocation; the result is converted to GCJ-02 here. `asked` (h5): a position index.html's
 * early script already asked the browser for (early/handover.ts), taken instead of asking again.
 */
export async function currentPosition(asked?: Promise<RawPosition>): Promise<LatLng> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await withTimeout(asked ?? Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: LOCATION_TIMEOUT_MS }));
      return wgs84ToGcj02({ lat: res.latitude, lng: res.longitude });
    }
    const res = await withTimeout(Taro.getLocation({ type: 'gcj02' }));
    return { lat: res.latitude, lng: res.longitude };
  } catch (err) {
    throw classify(err);
  }
}

/**
 * weapp: once refused, `getLocation` fails at once without asking; only the settings page can
 * turn `scope.userLocation` back on. Resolves true when it is on now.
 */
export async function openLocationSetting(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const res = await Taro.openSetting();
    return !!res.authSetting['scope.userLocation'];
  } catch {
    return false;
  }
}
