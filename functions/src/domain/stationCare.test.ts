import { describe, expect, it } from 'vitest';
import { refusal } from '../../test/support/refusal';
import type { UpdateStationInput } from '@parklink/contract';
import { overLimit, RATE_RULES, windowStart } from './rateLimits';
import { addPhoto, assertManages, canManage, chinaDate, lastDays, monthsBetween, newStation, removePhoto, updateStation } from './stationCare';
import type { Station } from './stations';
import type { User } from './user';

const week = Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]);
const station: Station = {
  id: 'st-1',
  parkId: 'p',
  name: '党群服务中心驿站',
  address: '一楼东侧',
  district: '本溪市平山区',
  location: { lat: 41.3, lng: 123.7 },
  amenities: ['water'],
  schedule: { weekly: week, closedOnHolidays: false, closures: [] },
  version: 3,
  hostIds: ['u-host'],
  photos: [],
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const host: User = { id: 'u-host', parkId: 'p', name: '孟站长', roles: ['station_host'] };
const otherHost: User = { ...host, id: 'u-host-2', name: '另一位站长' };
const admin: User = { id: 'u-admin', parkId: 'p', name: '周书记', roles: ['admin'] };
const otherParkAdmin: User = { ...admin, parkId: 'q' };
const liaison: User = { id: 'u-l', parkId: 'p', name: '李审批', roles: ['liaison'], departmentId: 'd', departmentName: '审批局' };
const sameIdOtherPark: User = { ...host, parkId: 'q' };
const NOW = '2026-11-23T02:00:00.000Z';


describe('who manages a station', () => {
  it('is its park’s admin and its own hosts — nobody else, in no other park', () => {
    expect(canManage(admin, station)).toBe(true);
    expect(canManage(host, station)).toBe(true);
    for (const user of [otherHost, otherParkAdmin, liaison, sameIdOtherPark]) expect(canManage(user, station)).toBe(false);
    expect(canManage(admin, undefined)).toBe(false);
    expect(refusal(() => assertManages(liaison, station)).status).toBe(404);
  });
});

describe('changing a station', () => {
  const change = (input: Omit<UpdateStationInput, 'version'>, user = host, version = 3) => updateStation(station, { version, ...input }, user, NOW);

  it('lets a host keep hours, amenities, closures, notice and contact, bumping the version', () => {
    const next = change({ amenities: ['water', 'charging'], notice: '饮水机维修中', contactPhone: '13800001111', closedOnHolidays: true });
    expect(next).toMatchObject({ version: 4, amenities: ['water', 'charging'], notice: '饮水机维修中', contactPhone: '13800001111', updatedAt: NOW });
    expect(next.schedule.closedOnHolidays).toBe(true);
    expect(next.name).toBe(station.name);
  });

  it('clears the notice and the phone with an empty string', () => {
    const withBoth = { ...station, notice: '暂停供应热水', contactPhone: '13800001111' };
    const next = updateStation(withBoth, { version: 3, notice: '', contactPhone: '' }, host, NOW);
    expect(next.notice).toBeUndefined();
    expect(next.contactPhone).toBeUndefined();
  });

  it('keeps moving, renaming and assigning hosts for the admin (403 naming the field)', () => {
    const attempts: [string, Omit<UpdateStationInput, 'version'>][] = [
      ['name', { name: '新名字' }],
      ['location', { location: { lat: 41.31, lng: 123.71 } }],
      ['hostIds', { hostIds: ['u-host-2'] }],
    ];
    for (const [field, input] of attempts) {
      const error = refusal(() => change(input));
      expect(error.status).toBe(403);
      expect(error.field).toBe(field);
    }
    expect(change({ name: '新名字', hostIds: ['u-host', 'u-host', 'u-host-2'] }, admin)).toMatchObject({ name: '新名字', hostIds: ['u-host', 'u-host-2'] });
  });

  it('refuses a change made on an old version (409) and broken hours (400)', () => {
    expect(refusal(() => change({ notice: '你好' }, host, 2))).toMatchObject({ status: 409, code: 'CONFLICT' });
    const broken = week.map((day, i) => (i === 1 ? [{ open: '25:00', close: '20:00' }] : day));
    expect(refusal(() => change({ weekly: broken }))).toMatchObject({ status: 400, field: 'weekly' });
  });

  it('opens a new station at version 1 with unique hosts and no photos', () => {
    const created = newStation(
      { name: '新驿站', address: '园区路 1 号', district: '本溪市平山区', location: { lat: 41.3, lng: 123.7 }, amenities: ['water'], weekly: week, closedOnHolidays: false, hostIds: ['u-host', 'u-host'] },
      'p',
      'st-new',
      NOW,
    );
    expect(created).toMatchObject({ id: 'st-new', parkId: 'p', version: 1, hostIds: ['u-host'], photos: [], schedule: { closures: [] } });
  });
});

describe('photos', () => {
  const photo = (id: string) => ({ id, contentType: 'image/jpeg' as const, size: 1000, at: NOW });
  it('adds up to six, once each, and removes them', () => {
    let s: Station = station;
    for (let i = 0; i < 6; i++) s = addPhoto(s, photo(`ph${i}`), NOW)!;
    expect(s.photos).toHaveLength(6);
    expect(s.version).toBe(9);
    expect(addPhoto(s, photo('ph0'), NOW)).toBeUndefined();
    expect(refusal(() => addPhoto(s, photo('ph6'), NOW)).status).toBe(400);
    const fewer = removePhoto(s, 'ph2', NOW)!;
    expect(fewer.photos.map((p) => p.id)).toEqual(['ph0', 'ph1', 'ph3', 'ph4', 'ph5']);
    expect(removePhoto(fewer, 'ph2', NOW)).toBeUndefined();
  });
});

describe('China dates for counting', () => {
  it('counts by the China day and month, whatever the server’s zone', () => {
    // 2026-11-30 17:30 UTC is already 1 December in China.
    expect(chinaDate('2026-11-30T17:30:00.000Z')).toEqual({ date: '2026-12-01', month: '2026-12' });
    expect(chinaDate('2026-11-30T15:59:59.000Z')).toEqual({ date: '2026-11-30', month: '2026-11' });
    expect(lastDays('2026-12-01T02:00:00.000Z', 3)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
  });
});

describe('public rate limits', () => {
  it('refuses the call over the limit with the seconds left in its window', () => {
    const rule = RATE_RULES.reportDevice;
    const now = Date.parse('2026-11-23T02:40:00.000Z');
    expect(windowStart(now, rule)).toBe(Date.parse('2026-11-23T02:00:00.000Z'));
    expect(overLimit(rule, rule.limit, now)).toBeUndefined();
    const refused = overLimit(rule, rule.limit + 1, now)!;
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 20 * 60 });
    expect(overLimit(rule, rule.limit + 1, now, 2)).toBeUndefined();
  });
});
