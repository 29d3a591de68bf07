/**
 * index.html's early script: only a first-time visitor opening the stations page has their position
 * asked and the nearby search sent, with the first-visit filter, once; the app takes both over
 * (the browser test in test/e2e/stations.test.ts shows it sends no second search).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { routeUrl } from '../api/url';
import { wgs84ToGcj02 } from '../lib/geo';
import { nearbyQuery } from '../lib/nearbySearch';
import { LAST_STATIONS_KEY, SESSION_KEY } from '../lib/storageKeys';

const HERE = { latitude: 41.2946, longitude: 123.7663 };
const getCurrentPosition = vi.fn();
const fetchMock = vi.fn();
let stored: Record<string, string>;

/** Runs the script afresh on a page opened at `hash`; answers the handover module it published to. */
async function open(hash = '') {
  vi.resetModules();
  delete (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly;
  vi.stubGlobal('location', { hash });
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored[k] ?? null });
  vi.stubGlobal('navigator', { geolocation: { getCurrentPosition } });
  vi.stubGlobal('fetch', fetchMock);
  await import('./firstScreen.h5');
  return import('./handover');
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  stored = {};
  getCurrentPosition.mockReset().mockImplementation((ok: (p: unknown) => void) => ok({ coords: HERE }));
  fetchMock.mockReset().mockResolvedValue(new Response('{"items":[]}', { status: 200 }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  delete (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly;
});

describe('the first screen’s early search', () => {
  it('asks the position and sends the first-visit search from it, in GCJ-02, handed over once', async () => {
    const handover = await open();
    expect(getCurrentPosition).toHaveBeenCalledTimes(1);
    expect(getCurrentPosition.mock.calls[0]![2]).toEqual({ enableHighAccuracy: false, timeout: 10_000 });
    expect(await handover.takeAskedPosition()).toEqual(HERE);
    expect(handover.takeAskedPosition()).toBeUndefined();
    await flush();
    const url = routeUrl('nearbyStations', {}, nearbyQuery({ ...wgs84ToGcj02({ lat: HERE.latitude, lng: HERE.longitude }), openNow: true, amenities: [] }));
    expect(fetchMock).toHaveBeenCalledWith(url);
    expect(url).toMatch(/\/v1\/stations\/nearby\?lat=41\.29\d{4}&lng=123\.77\d{4}&limit=10&openNow=true$/);
    expect(await handover.takeEarlyAnswer(url)).toEqual({ statusCode: 200, header: { 'retry-after': '' }, data: '{"items":[]}' });
    expect(handover.takeEarlyAnswer(url)).toBeUndefined();
  });

  it('on the stations page by its hash too, but not on another page', async () => {
    await open('#/pages/stations/index?from=share');
    expect(getCurrentPosition).toHaveBeenCalledTimes(1);
    const handover = await open('#/pages/requests/mine/index');
    expect(getCurrentPosition).toHaveBeenCalledTimes(1);
    expect(handover.takeAskedPosition()).toBeUndefined();
  });

  it('leaves a member and a returning rider to the app', async () => {
    stored = { [SESSION_KEY]: '{"data":{"token":"t"}}' };
    await open();
    stored = { [LAST_STATIONS_KEY]: '{"data":{"items":[]}}' };
    await open();
    expect(getCurrentPosition).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('hands a refusal over as Taro’s getLocation fails, and sends nothing', async () => {
    getCurrentPosition.mockImplementation((_ok: unknown, fail: (e: unknown) => void) => fail({ code: 1, message: 'User denied Geolocation' }));
    const handover = await open();
    await expect(handover.takeAskedPosition()).rejects.toEqual({ errMsg: 'User denied Geolocation' });
    await flush();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
