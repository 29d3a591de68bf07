/**
 * index.html's early script: only a first-time visitor opening the stations page has their position
 * asked and the nearby search sent, with the first-visit filter, once; a member with a live session
 * opening 我的诉求 has its first GETs sent with the token. The app takes them over (the browser
 * tests in test/e2e/stations.test.ts and requests.test.ts show no call is sent twice).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { routeUrl } from '../api/url';
import { wgs84ToGcj02 } from '../lib/geo';
import { nearbyQuery } from '../lib/nearbySearch';
import { REQUEST_PAGE_SIZE, requestListQuery } from '../lib/requestQuery';
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
  fetchMock.mockReset().mockImplementation(async () => new Response('{"items":[]}', { status: 200 }));
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

  it('sends a member’s first list page and its categories with the saved token, once each', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    stored = { [SESSION_KEY]: JSON.stringify({ data: { token: 'tok-1', expiresAt, user: {} } }) };
    const handover = await open('#/pages/requests/mine/index');
    expect(getCurrentPosition).not.toHaveBeenCalled();
    const list = routeUrl('listRequests', {}, requestListQuery({ scope: 'mine', limit: REQUEST_PAGE_SIZE }));
    const categories = routeUrl('listCategories');
    expect(list).toMatch(/\/v1\/requests\?scope=mine&limit=20$/);
    expect(fetchMock.mock.calls).toEqual([
      [categories, { headers: { authorization: 'Bearer tok-1' } }],
      [list, { headers: { authorization: 'Bearer tok-1' } }],
    ]);
    expect(handover.takeEarlyAnswer(list)).toBeUndefined(); // not without the token it was sent with
    const again = await open('#/pages/requests/mine/index');
    await expect(again.takeEarlyAnswer(list, 'Bearer tok-1')).resolves.toMatchObject({ statusCode: 200 });
    expect(again.takeEarlyAnswer(list, 'Bearer tok-1')).toBeUndefined();
  });

  it('sends nothing for an expired session, without one, or on a page it does not know', async () => {
    const expiresAt = new Date(Date.now() - 1000).toISOString();
    stored = { [SESSION_KEY]: JSON.stringify({ data: { token: 'tok-1', expiresAt, user: {} } }) };
    await open('#/pages/requests/mine/index');
    stored = { [SESSION_KEY]: 'not json' };
    await open('#/pages/requests/mine/index');
    stored = {};
    await open('#/pages/requests/mine/index');
    stored = { [SESSION_KEY]: JSON.stringify({ data: { token: 'tok-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString() } }) };
    await open('#/pages/cases/list/index');
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
