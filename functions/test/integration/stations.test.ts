/**
 * Care stations for riders, no login: the nearest ones first — exactly the brute-force answer, across
 * cell edges, in a dense cluster and in empty country — filtered by amenity and by open now; within
 * 50 km, or the nearest wherever it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NearbyStations, StationDetail } from '@parklink/contract';
import { distanceMetres, type Point } from '../../src/domain/geo';
import type { Station } from '../../src/domain/stations';
import { stationStore } from '../../src/store/stations';
import { nearestStations, PROBE, REACH_METRES } from '../../src/store/stationSearch';
import { demoPark } from '../../src/seed/demoPark';
import { createTestApp, manualClock, OTHER_PARK, type TestApp } from '../support/app';

let app: TestApp;
// Monday 2026-11-23 10:00 in China.
const clock = manualClock('2026-11-23T02:00:00.000Z');
const stations: Station[] = [];

/** A seeded random sequence, so every run tests the same places. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const allDay = { weekly: Array.from({ length: 7 }, () => [{ open: '00:00', close: '24:00' }]), closedOnHolidays: false, closures: [] };
const daytime = { weekly: Array.from({ length: 7 }, () => [{ open: '08:00', close: '18:00' }]), closedOnHolidays: false, closures: [] };
const nightOnly = { weekly: Array.from({ length: 7 }, () => [{ open: '22:00', close: '06:00' }]), closedOnHolidays: false, closures: [] };

beforeAll(async () => {
  app = await createTestApp({ deps: { clock } });
  const next = random(42);
  // A dense city cluster (Shenyang), a town (Benxi, the demo park's own six are there too) and sparse countryside.
  const clusters: [Point, number, number][] = [
    [{ lat: 41.8057, lng: 123.4315 }, 0.08, 250],
    [{ lat: 41.2945, lng: 123.7662 }, 0.05, 60],
    [{ lat: 43.0, lng: 125.0 }, 2.5, 40],
  ];
  let n = 0;
  for (const [centre, spread, count] of clusters) {
    for (let i = 0; i < count; i++) {
      const id = `st-t${n++}`;
      const schedule = i % 7 === 0 ? nightOnly : i % 3 === 0 ? daytime : allDay;
      stations.push({
        id,
        parkId: 'park-demo',
        name: `测试驿站${n}`,
        address: '测试地址',
        district: '测试区',
        location: { lat: centre.lat + (next() - 0.5) * spread, lng: centre.lng + (next() - 0.5) * spread },
        amenities: i % 2 === 0 ? ['water', 'charging'] : ['water'],
        schedule,
        version: 1,
        hostIds: [],
        photos: [],
        updatedAt: '2026-11-01T00:00:00.000Z',
      });
    }
  }
  // 25 at a time: hundreds of writes at once would queue behind the SDK's sockets past its connect timeout on a busy machine.
  for (let i = 0; i < stations.length; i += 25) await Promise.all(stations.slice(i, i + 25).map((s) => stationStore.put(app.deps.db, s)));
});
afterAll(() => app.close());

const nearby = (query: string) => app.call<NearbyStations>('GET', `/v1/stations/nearby?${query}`);

/**
 * The truth: every station, measured — the test's and both seeded parks' own (at the same places) —
 * the nearest `limit` within 50 km, or within the nearest one's distance when that is farther.
 */
async function bruteForce(point: Point, keep: (s: Station) => boolean, limit: number) {
  const seeded = [...demoPark().stations, ...demoPark(OTHER_PARK).stations];
  const sorted = [...stations, ...seeded]
    .filter(keep)
    .map((s) => ({ id: s.id, d: distanceMetres(point, s.location) }))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id));
  const reach = Math.max(REACH_METRES, sorted[0]?.d ?? 0);
  return sorted
    .filter((s) => s.d <= reach)
    .slice(0, limit)
    .map((s) => s.id);
}

describe('the nearest stations', () => {
  it('equal a brute-force scan, from points in the city, the town, the country and between', async () => {
    const next = random(7);
    const points: Point[] = [
      { lat: 41.8057, lng: 123.4315 },
      { lat: 41.2945, lng: 123.7662 },
      { lat: 43.2, lng: 125.3 },
      { lat: 45.5, lng: 128.0 }, // far from everything: the search widens to coarse cells
      ...Array.from({ length: 16 }, () => ({ lat: 40.5 + next() * 4, lng: 122.5 + next() * 4 })),
    ];
    for (const point of points) {
      const response = await nearby(`lat=${point.lat}&lng=${point.lng}&limit=10`);
      expect(response.status).toBe(200);
      expect(response.body.items.map((s) => s.id), JSON.stringify(point)).toEqual(await bruteForce(point, () => true, 10));
      const distances = response.body.items.map((s) => s.distanceMetres);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    }
  });

  it('filters by amenity and by open now during the search, still returning the nearest that match', async () => {
    const point = { lat: 41.8, lng: 123.43 };
    const charging = await nearby(`lat=${point.lat}&lng=${point.lng}&limit=5&amenities=charging`);
    expect(charging.body.items.every((s) => s.amenities.includes('charging'))).toBe(true);
    expect(charging.body.items.map((s) => s.id)).toEqual(await bruteForce(point, (s) => s.amenities.includes('charging'), 5));

    const open = await nearby(`lat=${point.lat}&lng=${point.lng}&limit=10&openNow=true`);
    expect(open.body.items).toHaveLength(10);
    expect(open.body.items.every((s) => s.openNow)).toBe(true);
    // At 10:00 the night-only stations are closed.
    expect(open.body.items.map((s) => s.id)).toEqual(await bruteForce(point, (s) => s.schedule !== nightOnly, 10));
  });

  it('tells a rider distance, minutes, today’s hours and whether it is open', async () => {
    const response = await nearby('lat=41.2945&lng=123.7662&limit=2');
    expect(response.body.items.find((s) => s.id === 'st-service-center')).toMatchObject({
      name: '园区党群服务中心爱心驿站',
      distanceMetres: 0,
      openNow: true,
      hoursToday: '08:00–20:00',
      closesAt: '2026-11-23T12:00:00.000Z',
    });
    const from = await app.call<StationDetail>('GET', '/v1/stations/st-service-center?lat=41.2981&lng=123.7725');
    expect(from.body.distanceMetres).toBeGreaterThan(400);
    expect(from.body.distanceMetres).toBeLessThan(800);
    expect((await app.call('GET', '/v1/stations/st-service-center?lat=41.2981')).status).toBe(400);
    const detail = await app.call<StationDetail>('GET', '/v1/stations/st-night');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ openNow: false, closedReason: 'hours', hoursToday: '20:00–次日08:00' });
    expect(JSON.stringify(detail.body)).not.toMatch(/parkId|host|phone/);
  });

  it('refuses points outside China and bad filters with a 400, and unknown stations with a 404', async () => {
    expect(((await nearby('lat=51.5&lng=-0.12')).body as any).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'lng', message: '经度超出中国范围' });
    expect((await nearby('lat=abc&lng=123')).status).toBe(400);
    expect((await nearby('lat=41.3&lng=123.7&amenities=sauna')).status).toBe(400);
    expect((await nearby('lat=41.3&lng=123.7&limit=500')).status).toBe(400);
    expect((await app.call('GET', '/v1/stations/st-nowhere')).status).toBe(404);
  });
});

describe('the best-first search', () => {
  it('equals a brute-force scan from 120 random points, for 1 to 10 stations, with and without a filter', async () => {
    const next = random(99);
    const points: Point[] = Array.from({ length: 120 }, () => ({ lat: 40 + next() * 5, lng: 121.5 + next() * 5 }));
    for (const [i, point] of points.entries()) {
      const limit = 1 + (i % 10);
      const charging = i % 3 === 0;
      const keep = (s: Station) => !charging || s.amenities.includes('charging');
      const { stations: found, stats } = await nearestStations(app.deps.db, point, limit, keep);
      expect(found.map((s) => s.id), JSON.stringify({ point, limit, charging })).toEqual(await bruteForce(point, keep, limit));
      // Every probe of a cell too full to read whole stops at PROBE items (the benchmark measures the totals).
      expect(stats.itemsRead).toBeLessThanOrEqual(stations.length + 12 + stats.probes * PROBE);
    }
  });

  it('looks 50 km far once it has found one, not through the whole country for a 10th', async () => {
    const park = { lat: 41.2969, lng: 123.7722 };
    const near = await nearestStations(app.deps.db, park, 10, () => true);
    expect(near.stations.map((s) => s.id)).toEqual(await bruteForce(park, () => true, 10));
    expect(near.stations.at(-1)!.distance).toBeLessThanOrEqual(REACH_METRES);
    // Only the park's own six match: the search stops at the reach rather than looking for a 7th.
    const parkSix = new Set(demoPark().stations.map((s) => s.id));
    const sixOnly = (s: Station) => parkSix.has(s.id);
    const six = await nearestStations(app.deps.db, park, 10, sixOnly);
    expect(six.stations.map((s) => s.id)).toEqual(await bruteForce(park, sixOnly, 10));
    expect(six.stations).toHaveLength(6);
    // Cells within reach only (a cell of China's is ≈1,250 × 625 km: there are seventy to read).
    expect(six.stats.precision).toBeGreaterThan(2);
    // Far from everything: the nearest one (and none past it but those as near), found however far.
    const far = { lat: 52.0, lng: 90.0 };
    const alone = await nearestStations(app.deps.db, far, 10, () => true);
    expect(alone.stations).toHaveLength(1);
    expect(alone.stations[0]!.distance).toBeGreaterThan(REACH_METRES);
    expect(alone.stations.map((s) => s.id)).toEqual(await bruteForce(far, () => true, 10));
  });
});
