/**
 * The benchmark's stations and query points, both from seeded randomness: 90% of stations cluster
 * around cities (by population), 10% are scattered over the countryside; riders ask mostly from the
 * cities, some from the countryside and a few from places far from any station.
 */
import type { Amenity } from '@parklink/contract';
import { inChina, type Point } from '../../functions/src/domain/geo';
import type { Interval, Schedule } from '../../functions/src/domain/openingHours';
import type { Station } from '../../functions/src/domain/stations';
import { CITIES, nearCity, onLand, pointInBox, type City } from './china';
import { weightedPicker, type Random } from './random';

/** A few bench parks own all the stations; each gets a calendar, as a real park would. */
export const BENCH_PARKS = ['park-bench-north', 'park-bench-east', 'park-bench-south', 'park-bench-west'] as const;

const COUNTRYSIDE_SHARE = 0.1;
const pickCity = weightedPicker(CITIES, (city) => city.population);

const week = (...intervals: [string, string][]): Interval[][] =>
  Array.from({ length: 7 }, () => intervals.map(([open, close]) => ({ open, close })));
/** Weekdays only (Sunday first, like the schedule). */
const weekdays = (open: string, close: string): Interval[][] =>
  Array.from({ length: 7 }, (_, day) => (day === 0 || day === 6 ? [] : [{ open, close }]));

/** The kinds of hours real stations keep, with how common each is. */
const SCHEDULES: readonly { share: number; make: () => Omit<Schedule, 'closures'> }[] = [
  { share: 0.3, make: () => ({ weekly: week(['00:00', '24:00']), closedOnHolidays: false }) },
  { share: 0.25, make: () => ({ weekly: week(['08:00', '20:00']), closedOnHolidays: false }) },
  { share: 0.15, make: () => ({ weekly: week(['09:00', '12:00'], ['13:30', '21:00']), closedOnHolidays: false }) },
  { share: 0.15, make: () => ({ weekly: weekdays('08:30', '17:30'), closedOnHolidays: true }) },
  { share: 0.1, make: () => ({ weekly: week(['20:00', '08:00']), closedOnHolidays: false }) },
  { share: 0.05, make: () => ({ weekly: week(['06:00', '10:00'], ['16:00', '23:00']), closedOnHolidays: true }) },
];
const pickSchedule = weightedPicker(SCHEDULES, (s) => s.share);

/** How often a station has each amenity (hot water nearly everywhere, first aid rarely). */
const AMENITY_ODDS: readonly [Amenity, number][] = [
  ['water', 0.95],
  ['charging', 0.7],
  ['microwave', 0.35],
  ['toilet', 0.5],
  ['seats', 0.85],
  ['air_conditioning', 0.45],
  ['first_aid', 0.2],
  ['wifi', 0.4],
];

const HOSTS = ['党群服务中心', '邮储银行', '社区服务站', '加油站', '便利店', '物流园', '图书馆', '工会驿站'];
const UPDATED_AT = '2026-10-01T00:00:00.000Z';

function makeStation(random: Random, n: number, location: Point, place: string): Station {
  const host = HOSTS[Math.floor(random() * HOSTS.length)]!;
  const closures =
    random() < 0.03 ? [{ from: '2026-11-20T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', reason: '设备检修' }] : [];
  return {
    id: `st-bench-${String(n).padStart(6, '0')}`,
    parkId: BENCH_PARKS[n % BENCH_PARKS.length]!,
    name: `${place}${host}爱心驿站${n}`,
    address: `${place}${['中山路', '人民路', '建设路', '解放路', '和平路'][n % 5]}${1 + Math.floor(random() * 300)}号`,
    district: `${place}${['城区', '新区', '开发区', '县'][n % 4]}`,
    location: { lat: Number(location.lat.toFixed(6)), lng: Number(location.lng.toFixed(6)) },
    amenities: AMENITY_ODDS.filter(([, odds]) => random() < odds).map(([amenity]) => amenity),
    schedule: { ...pickSchedule(random).make(), closures },
    ...(random() < 0.05 ? { notice: '饮水机维修中，请自带水杯' } : {}),
    version: 1,
    hostIds: [],
    ...(random() < 0.5 ? { contactPhone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` } : {}),
    photos: [],
    updatedAt: UPDATED_AT,
  };
}

/** Around a city, within the contract's box (a coastal city's spread may reach the sea; that is fine). */
function cityPoint(random: Random, city: City): Point {
  for (;;) {
    const p = nearCity(random, city);
    if (inChina(p)) return p;
  }
}

export function benchStations(random: Random, count: number): Station[] {
  const stations: Station[] = [];
  for (let n = 0; n < count; n++) {
    if (random() < COUNTRYSIDE_SHARE) stations.push(makeStation(random, n, pointInBox(random, onLand), '乡村'));
    else {
      const city = pickCity(random);
      stations.push(makeStation(random, n, cityPoint(random, city), city.name));
    }
  }
  return stations;
}

export type PointKind = 'city' | 'countryside' | 'far';
export interface QueryPoint extends Point {
  kind: PointKind;
}

/**
 * Off the land outline, yet in the contract's box and at most this far (≈ 440 km) from the coast or
 * border. Farther out, the 10 nearest may lie beyond the 3×3 block of precision-2 cells around the
 * point, the most the search reads, and its answer is then short or wrong (4°N 134°E gets none), so
 * the benchmark keeps to places a rider could plausibly ask from.
 */
const FAR_MAX_OFFSHORE_DEG = 4;
const OFFSETS = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => [dy * FAR_MAX_OFFSHORE_DEG, dx * FAR_MAX_OFFSHORE_DEG] as const));
const nearLand = (p: Point) => OFFSETS.some(([dLat, dLng]) => onLand({ lat: p.lat + dLat, lng: p.lng + dLng }));

/**
 * Where riders ask from: 75% in cities (spread like the stations), 20% in the countryside, 5% far
 * from every station — at sea or across the border, but within the China box the contract accepts.
 */
export function queryPoints(random: Random, count: number): QueryPoint[] {
  return Array.from({ length: count }, (): QueryPoint => {
    const roll = random();
    if (roll < 0.75) return { ...cityPoint(random, pickCity(random)), kind: 'city' };
    if (roll < 0.95) return { ...pointInBox(random, onLand), kind: 'countryside' };
    return { ...pointInBox(random, (p) => !onLand(p) && nearLand(p)), kind: 'far' };
  });
}
