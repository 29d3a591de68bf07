/**
 * The stations page's first search started with the app (h5): only for a visitor without a session
 * opening the stations page, with the last result's filter; handed over once, and only to a search
 * from that very position with that filter; a refused position reaches the page as before.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const position = vi.fn();
const nearby = vi.fn();
const session = vi.fn();
const last = vi.fn();
vi.mock('../lib/location', () => ({ currentPosition: () => position() }));
vi.mock('../api/stations', () => ({ stationsApi: { nearby: (...args: unknown[]) => nearby(...args) } }));
vi.mock('../api/session', () => ({ loadSession: () => session() }));
vi.mock('../lib/stationCache', () => ({ loadLastResult: () => last() }));

const here = { lat: 41.2969, lng: 123.7722 };
const found = [{ id: 'st-1' }];
const env = process.env.TARO_ENV;

/** A fresh copy of the module (its state is the app's, once per launch) on a page opened at `hash`. */
async function launch(hash = '') {
  vi.resetModules();
  vi.stubGlobal('location', { hash });
  return import('./nearby');
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  position.mockReset().mockResolvedValue(here);
  nearby.mockReset().mockResolvedValue(found);
  session.mockReset().mockReturnValue(null);
  last.mockReset().mockReturnValue(null);
});
afterEach(() => {
  process.env.TARO_ENV = env;
  vi.unstubAllGlobals();
});

describe('the first search, started with the app', () => {
  it('asks the position and searches open stations at once, handed over once each', async () => {
    const early = await launch();
    early.startEarlyNearby();
    expect(position).toHaveBeenCalledTimes(1);
    const p = early.takeEarlyPosition();
    expect(early.takeEarlyPosition()).toBeNull();
    const origin = await p!;
    expect(nearby).toHaveBeenCalledWith({ lat: here.lat, lng: here.lng, openNow: true, amenities: [] });
    const items = early.takeEarlySearch(origin, { openNow: true, amenities: [] });
    expect(await items).toEqual(found);
    expect(early.takeEarlySearch(origin, { openNow: true, amenities: [] })).toBeNull();
  });

  it('searches with the filter of the last result, and is not taken for another filter or position', async () => {
    last.mockReturnValue({ openNow: false, amenities: ['water', 'charging'], items: [], origin: here, at: '' });
    const early = await launch('#/pages/stations/index');
    early.startEarlyNearby();
    const origin = await early.takeEarlyPosition()!;
    expect(nearby).toHaveBeenCalledWith({ lat: here.lat, lng: here.lng, openNow: false, amenities: ['water', 'charging'] });
    expect(early.takeEarlySearch(origin, { openNow: true, amenities: ['water', 'charging'] })).toBeNull();
    // Dropped once asked for: a later search from the same place asks the API itself.
    expect(early.takeEarlySearch(origin, { openNow: false, amenities: ['water', 'charging'] })).toBeNull();

    const again = await launch();
    again.startEarlyNearby();
    await again.takeEarlyPosition();
    expect(again.takeEarlySearch({ ...here }, { openNow: true, amenities: [] })).toBeNull();
  });

  it('hands a refused position to the page, and searches nothing', async () => {
    const refused = Object.assign(new Error('未允许获取位置'), { problem: 'denied' });
    position.mockRejectedValue(refused);
    const early = await launch();
    early.startEarlyNearby();
    await expect(early.takeEarlyPosition()).rejects.toBe(refused);
    await flush();
    expect(nearby).not.toHaveBeenCalled();
  });

  it('leaves a failed search to the page: nothing unhandled meanwhile', async () => {
    const down = new Error('网络连接失败');
    nearby.mockRejectedValue(down);
    const early = await launch();
    early.startEarlyNearby();
    const origin = await early.takeEarlyPosition()!;
    await flush();
    await expect(early.takeEarlySearch(origin, { openNow: true, amenities: [] })).rejects.toBe(down);
  });

  it('starts nothing for a member, on another page, or in the mini-program', async () => {
    session.mockReturnValue({ token: 't' });
    let early = await launch();
    early.startEarlyNearby();
    expect(early.takeEarlyPosition()).toBeNull();

    session.mockReturnValue(null);
    early = await launch('#/pages/requests/mine/index');
    early.startEarlyNearby();
    expect(early.takeEarlyPosition()).toBeNull();

    process.env.TARO_ENV = 'weapp';
    early = await launch();
    early.startEarlyNearby();
    expect(early.takeEarlyPosition()).toBeNull();
    expect(position).not.toHaveBeenCalled();
  });
});
