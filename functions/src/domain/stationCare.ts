/**
 * Keeping a station true: who may change what, the change itself, and the rules of riders'
 * check-ins (one per device per station per hour counts). Pure; the store saves what this returns.
 */
import {
  ADMIN_ONLY_STATION_FIELDS,
  MAX_STATION_PHOTOS,
  type CreateStationInput,
  type StationPhotoUploadInput,
  type UpdateStationInput,
} from '@parklink/contract';
import { DomainError, notFound } from './errors';
import { scheduleProblems, type Schedule } from './openingHours';
import type { Station, StationPhotoRecord } from './stations';
import { hasRole, type User } from './user';

/** A check-in counts again after this long from the same device at the same station. */
export const CHECKIN_WINDOW_MS = 3_600_000;

export const isParkAdmin = (user: User, parkId: string) => user.parkId === parkId && hasRole(user, 'admin');
export const hostsStation = (user: User, station: Station) =>
  user.parkId === station.parkId && hasRole(user, 'station_host') && station.hostIds.includes(user.id);

/** Park admins see every station of their park; hosts their own; anyone else none of them. */
export function canManage(user: User, station: Station | undefined): station is Station {
  return !!station && (isParkAdmin(user, station.parkId) || hostsStation(user, station));
}

/** The station if the user manages it; otherwise it does not exist for them (404, no probing). */
export function assertManages(user: User, station: Station | undefined): Station {
  if (!canManage(user, station)) throw notFound('驿站', 'station');
  return station;
}

function checkSchedule(schedule: Schedule): void {
  const problems = scheduleProblems(schedule);
  if (problems.length) throw new DomainError('VALIDATION_FAILED', `营业时间：${problems[0]}`, `weekly: ${problems.length} problem(s)`, 'weekly');
}

export function newStation(input: CreateStationInput, parkId: string, id: string, now: string): Station {
  const station: Station = {
    id,
    parkId,
    name: input.name,
    address: input.address,
    district: input.district,
    location: input.location,
    amenities: input.amenities,
    schedule: { weekly: input.weekly, closedOnHolidays: input.closedOnHolidays, closures: [] },
    ...(input.notice ? { notice: input.notice } : {}),
    ...(input.contactPhone ? { contactPhone: input.contactPhone } : {}),
    version: 1,
    hostIds: [...new Set(input.hostIds)],
    photos: [],
    updatedAt: now,
  };
  checkSchedule(station.schedule);
  return station;
}

/**
 * The station after `user`'s change. Hosts keep hours, amenities, closures, notice and contact;
 * moving, renaming and assigning hosts is the admin's. A change made on an older version is
 * refused (409) so two editors never overwrite each other.
 */
export function updateStation(station: Station, input: UpdateStationInput, user: User, now: string): Station {
  if (!isParkAdmin(user, station.parkId)) {
    const field = ADMIN_ONLY_STATION_FIELDS.find((f) => input[f] !== undefined);
    if (field) throw new DomainError('FORBIDDEN', '只有园区管理员可以修改驿站名称、地址、位置和管理员', `${field}: park admins only`, field);
  }
  if (input.version !== station.version) throw staleVersion(station.version);
  const schedule: Schedule = {
    weekly: input.weekly ?? station.schedule.weekly,
    closedOnHolidays: input.closedOnHolidays ?? station.schedule.closedOnHolidays,
    // Closures that have ended are history: dropped on every save, so the list never fills up.
    closures: (input.closures ?? station.schedule.closures).filter((c) => Date.parse(c.to) > Date.parse(now)),
  };
  checkSchedule(schedule);
  const { notice, contactPhone, ...rest } = station;
  const nextNotice = input.notice ?? notice;
  const nextPhone = input.contactPhone ?? contactPhone;
  return {
    ...rest,
    name: input.name ?? station.name,
    address: input.address ?? station.address,
    district: input.district ?? station.district,
    location: input.location ?? station.location,
    amenities: input.amenities ?? station.amenities,
    hostIds: input.hostIds ? [...new Set(input.hostIds)] : station.hostIds,
    schedule,
    ...(nextNotice ? { notice: nextNotice } : {}),
    ...(nextPhone ? { contactPhone: nextPhone } : {}),
    version: station.version + 1,
    updatedAt: now,
  };
}

export const staleVersion = (current: number) =>
  new DomainError('CONFLICT', '驿站信息已被他人修改，请刷新后再改', `station changed meanwhile (now version ${current})`, 'version');

export function assertPhotoRoom(station: Station): void {
  if (station.photos.length >= MAX_STATION_PHOTOS) {
    throw new DomainError('VALIDATION_FAILED', `每个驿站最多 ${MAX_STATION_PHOTOS} 张照片`, `at most ${MAX_STATION_PHOTOS} photos`, 'photoId');
  }
}

/** Adds a verified photo (again checked on the state being saved); a repeat is a no-op. */
export function addPhoto(station: Station, photo: StationPhotoRecord, now: string): Station | undefined {
  if (station.photos.some((p) => p.id === photo.id)) return undefined;
  assertPhotoRoom(station);
  return { ...station, photos: [...station.photos, photo], version: station.version + 1, updatedAt: now };
}

export function removePhoto(station: Station, photoId: string, now: string): Station | undefined {
  if (!station.photos.some((p) => p.id === photoId)) return undefined;
  return { ...station, photos: station.photos.filter((p) => p.id !== photoId), version: station.version + 1, updatedAt: now };
}

/** Where a station's photo lives in the bucket; the park and station in the path, a random id at the end. */
export const photoKey = (parkId: string, stationId: string, photoId: string) => `park/${parkId}/station/${stationId}/${photoId}`;

/** What the uploader declared, signed into the object's metadata and checked on confirm. */
export const photoMetadata = (input: StationPhotoUploadInput, uploaderId: string) => ({
  'declared-type': input.contentType,
  'declared-size': String(input.size),
  uploader: uploaderId,
});

/** The China-time date and month of an instant, e.g. ['2026-11-23', '2026-11']. */
export function chinaDate(at: string | number): { date: string; month: string } {
  const date = new Date((typeof at === 'number' ? at : Date.parse(at)) + 8 * 3_600_000).toISOString().slice(0, 10);
  return { date, month: date.slice(0, 7) };
}

/** The China dates of the last `days` days up to `at`, oldest first. */
export function lastDays(at: string, days: number): string[] {
  const end = Date.parse(at);
  return Array.from({ length: days }, (_, i) => chinaDate(end - (days - 1 - i) * 86_400_000).date);
}

/** Months from `from` to `to` inclusive ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  while (`${y}-${String(m).padStart(2, '0')}` <= to && months.length < 120) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}
