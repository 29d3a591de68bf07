/**
 * Keeping stations true: the park admin opens stations and assigns hosts; a host (驿站管理员)
 * keeps hours, amenities, closures, notice, contact and photos, and sees check-ins per day and
 * the reports riders left. Anyone else — or another park — finds no such station (404).
 */
import {
  CheckInStatsQuery,
  ConfirmStationPhotoInput,
  CreateStationInput,
  Id,
  ReportListQuery,
  ResolveReportInput,
  StationPhotoUploadInput,
  StationStatsQuery,
  UpdateStationInput,
  type CheckInStats,
  type ManagedStation,
  type ManagedStationList,
  type StationHostList,
  type StationMonthStats,
  type StationReport,
  type StationReportList,
  type UploadTicket,
} from '@parklink/contract';
import { ulid } from 'ulid';
import { DomainError, notFound } from '../domain/errors';
import { openState, hoursToday } from '../domain/openingHours';
import {
  addPhoto,
  assertManages,
  assertPhotoRoom,
  canManage,
  chinaDate,
  lastDays,
  monthsBetween,
  newStation,
  photoKey,
  photoMetadata,
  removePhoto,
  staleVersion,
  updateStation,
} from '../domain/stationCare';
import { upcomingClosures, type Station } from '../domain/stations';
import { hasRole, type User } from '../domain/user';
import { PENDING_PREFIX } from '../domain/attachments';
import { directory, type UserRecord } from '../store/directory';
import { stationActivity, type ReportRecord } from '../store/stationActivity';
import { stationStore } from '../store/stations';
import type { Deps } from './deps';
import { json, lambdaHandler, route, type Context } from './middleware';

const UPLOAD_URL_SECONDS = 15 * 60;
const MANAGER_PHOTO_SECONDS = 10 * 60;
/** Photo changes race only with other photo changes of the same station: a few retries settle them. */
const PHOTO_ATTEMPTS = 5;

export const managedStationRoutes = [
  route('listManagedStations', async (ctx) => {
    const { deps, user } = ctx;
    const stations = (await stationStore.listByPark(deps.db, user.parkId)).filter((s) => canManage(user, s));
    const body: ManagedStationList = { items: await views(deps, user.parkId, stations) };
    return json(200, body);
  }),

  route('createStation', async (ctx) => {
    const input = ctx.body(CreateStationInput);
    const { deps, user } = ctx;
    await assertHosts(deps, user.parkId, input.hostIds);
    const station = newStation(input, user.parkId, deps.newId(), deps.clock.now().toISOString());
    if (!(await stationStore.create(deps.db, station))) throw new DomainError('CONFLICT', '驿站编号冲突，请重试', 'station id taken');
    const [view] = await views(deps, user.parkId, [station]);
    return json(201, view);
  }),

  route('getManagedStation', async (ctx) => {
    const station = await managed(ctx);
    const [view] = await views(ctx.deps, station.parkId, [station]);
    return json(200, view);
  }),

  route('updateStation', async (ctx) => {
    const input = ctx.body(UpdateStationInput);
    const { deps, user } = ctx;
    const station = await managed(ctx);
    const next = updateStation(station, input, user, deps.clock.now().toISOString());
    if (input.hostIds) await assertHosts(deps, user.parkId, next.hostIds);
    if (!(await stationStore.save(deps.db, next, station))) {
      const fresh = await stationStore.get(deps.db, station.parkId, station.id);
      throw staleVersion(fresh?.version ?? station.version);
    }
    const [view] = await views(deps, station.parkId, [next]);
    return json(200, view);
  }),

  route('stationCheckIns', async (ctx) => {
    const { days } = ctx.query(CheckInStatsQuery);
    const station = await managed(ctx);
    const dates = lastDays(ctx.deps.clock.now().toISOString(), days);
    const counts = await stationActivity.dailyCounts(ctx.deps.db, station, dates);
    const body: CheckInStats = { days: dates.map((date, i) => ({ date, count: counts[i]! })), total: counts.reduce((a, b) => a + b, 0) };
    return json(200, body);
  }),

  route('stationReports', async (ctx) => {
    const { status } = ctx.query(ReportListQuery);
    const station = await managed(ctx);
    const reports = status === 'open' ? await stationActivity.openReports(ctx.deps.db, station.parkId, station.id) : await stationActivity.recentReports(ctx.deps.db, station);
    const body: StationReportList = { items: reports.map(reportView) };
    return json(200, body);
  }),

  route('resolveStationReport', async (ctx) => {
    const { resolution } = ctx.body(ResolveReportInput);
    const station = await managed(ctx);
    const reportId = Id.safeParse(ctx.param('reportId'));
    if (!reportId.success) throw notFound('问题反馈', 'report');
    const resolved = await stationActivity.resolveReport(ctx.deps.db, station, reportId.data, ctx.user.name, resolution, ctx.deps.clock.now().toISOString());
    if (!resolved) throw new DomainError('CONFLICT', '该反馈不存在或已处理', 'no such open report', 'reportId');
    return json(200, reportView(resolved));
  }),

  route('createStationPhotoUpload', async (ctx) => {
    const input = ctx.body(StationPhotoUploadInput);
    const { deps, user } = ctx;
    const station = await managed(ctx);
    assertPhotoRoom(station);
    const now = deps.clock.now();
    // Fresh randomness for every file, so a photo's address cannot be guessed from another's.
    const photoId = ulid(now.getTime());
    const { url, headers } = await deps.storage.presignPut({
      key: PENDING_PREFIX + photoKey(station.parkId, station.id, photoId),
      contentType: input.contentType,
      size: input.size,
      metadata: photoMetadata(input, user.id),
      expiresInSeconds: UPLOAD_URL_SECONDS,
    });
    const body: UploadTicket = { attachmentId: photoId, method: 'PUT', uploadUrl: url, headers, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() };
    return json(201, body);
  }),

  route('confirmStationPhoto', async (ctx) => {
    const { photoId } = ctx.body(ConfirmStationPhotoInput);
    const { deps, user } = ctx;
    const station = await managed(ctx);
    if (station.photos.some((p) => p.id === photoId)) return json(200, (await views(deps, station.parkId, [station]))[0]);
    const final = photoKey(station.parkId, station.id, photoId);
    const pending = PENDING_PREFIX + final;
    const stored = await deps.storage.head(pending);
    const meta = stored?.metadata ?? {};
    const noUpload = new DomainError('VALIDATION_FAILED', '照片：未找到上传的文件，请重新上传', 'photoId: no upload found for it', 'photoId');
    if (!stored || meta.uploader !== user.id) throw noUpload;
    const type = stored.contentType?.split(';')[0]?.trim().toLowerCase();
    if (type !== meta['declared-type'] || stored.size !== Number(meta['declared-size'])) {
      await deps.storage.delete(pending);
      throw new DomainError('VALIDATION_FAILED', '照片：文件与声明的类型或大小不符，已删除，请重新上传', 'photoId: stored object differs from the declaration; deleted', 'photoId');
    }
    await deps.storage.copy(pending, final);
    const photo = { id: photoId, contentType: type as 'image/jpeg', size: stored.size, at: deps.clock.now().toISOString() };
    let saved: Station;
    try {
      saved = await changeStation(deps, station, user, (s, now) => addPhoto(s, photo, now));
    } catch (error) {
      await Promise.all([deps.storage.delete(final), deps.storage.delete(pending)]);
      throw error;
    }
    await deps.storage.delete(pending);
    return json(201, (await views(deps, station.parkId, [saved]))[0]);
  }),

  route('deleteStationPhoto', async (ctx) => {
    const { deps, user } = ctx;
    const station = await managed(ctx);
    const photoId = Id.safeParse(ctx.param('photoId'));
    if (!photoId.success || !station.photos.some((p) => p.id === photoId.data)) throw notFound('照片', 'photo');
    const saved = await changeStation(deps, station, user, (s, now) => removePhoto(s, photoId.data, now));
    await deps.storage.delete(photoKey(station.parkId, station.id, photoId.data));
    return json(200, (await views(deps, station.parkId, [saved]))[0]);
  }),

  route('stationHosts', async (ctx) => {
    const hosts = (await directory.listUsers(ctx.deps.db, ctx.user.parkId)).filter(isHost);
    const body: StationHostList = { items: hosts.map((u) => ({ id: u.id, name: u.name })) };
    return json(200, body);
  }),

  route('stationStats', async (ctx) => {
    const { from, to } = ctx.query(StationStatsQuery);
    const { deps, user } = ctx;
    const months = monthsBetween(from, to);
    const [stations, counts] = await Promise.all([stationStore.listByPark(deps.db, user.parkId), stationActivity.monthCounts(deps.db, user.parkId, from, to)]);
    const rows = stations.map((s) => {
      const perMonth = months.map((m) => counts.find((c) => c.stationId === s.id && c.month === m)?.count ?? 0);
      return { id: s.id, name: s.name, counts: perMonth, total: perMonth.reduce((a, b) => a + b, 0) };
    });
    const body: StationMonthStats = { months, stations: rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh')) };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(managedStationRoutes);

const isHost = (u: UserRecord) => hasRole(u, 'station_host');

/** The station in the path, if the caller manages it; for anyone else it does not exist. */
async function managed(ctx: Context): Promise<Station> {
  const id = Id.safeParse(ctx.param('id'));
  const station = id.success ? await stationStore.get(ctx.deps.db, ctx.user.parkId, id.data) : undefined;
  return assertManages(ctx.user, station);
}

async function assertHosts(deps: Deps, parkId: string, hostIds: string[]): Promise<void> {
  if (!hostIds.length) return;
  const hosts = new Set((await directory.listUsers(deps.db, parkId)).filter(isHost).map((u) => u.id));
  const unknown = hostIds.find((id) => !hosts.has(id));
  if (unknown) throw new DomainError('VALIDATION_FAILED', `驿站管理员：${unknown} 不是本园区的驿站管理员`, `hostIds: ${unknown} is not a station host of this park`, 'hostIds');
}

/** Applies a change on the freshest station, retrying when another change landed first. */
async function changeStation(deps: Deps, first: Station, user: User, change: (s: Station, now: string) => Station | undefined): Promise<Station> {
  let current: Station | undefined = first;
  for (let attempt = 1; attempt <= PHOTO_ATTEMPTS; attempt++) {
    current = assertManages(user, current);
    const next = change(current, deps.clock.now().toISOString());
    if (!next) return current;
    if (await stationStore.save(deps.db, next, current)) return next;
    current = await stationStore.get(deps.db, first.parkId, first.id);
  }
  throw new DomainError('CONFLICT', '驿站正被他人修改，请稍后再试', 'station is busy, retry');
}

const reportView = (r: ReportRecord): StationReport => {
  const { parkId, deviceHash, ...view } = r;
  void [parkId, deviceHash];
  return view;
};

/** Stations as their managers see them, with hosts' names, photo links, open reports and today's check-ins. */
async function views(deps: Deps, parkId: string, stations: Station[]): Promise<ManagedStation[]> {
  const now = deps.clock.now().toISOString();
  const [users, reports, today, calendar] = await Promise.all([
    directory.listUsers(deps.db, parkId),
    stationActivity.openReports(deps.db, parkId),
    stationActivity.countsOn(deps.db, parkId, stations.map((s) => s.id), chinaDate(now).date),
    directory.getCalendar(deps.db, parkId),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return Promise.all(
    stations
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map(async (s) => {
        const state = openState(s.schedule, calendar.holidays, now);
        const photos = await Promise.all(
          s.photos.map(async (p) => ({ ...p, url: await deps.storage.presignGet({ key: photoKey(parkId, s.id, p.id), expiresInSeconds: MANAGER_PHOTO_SECONDS }) })),
        );
        return {
          id: s.id,
          parkId: s.parkId,
          version: s.version,
          name: s.name,
          address: s.address,
          district: s.district,
          location: s.location,
          amenities: s.amenities,
          weekly: s.schedule.weekly,
          closedOnHolidays: s.schedule.closedOnHolidays,
          closures: upcomingClosures(s.schedule, now),
          ...(s.contactPhone ? { contactPhone: s.contactPhone } : {}),
          ...(s.notice ? { notice: s.notice } : {}),
          hosts: s.hostIds.map((id) => ({ id, name: names.get(id) ?? '（已删除）' })),
          photos,
          openNow: state.open,
          ...(state.open ? {} : { closedReason: state.reason }),
          hoursToday: hoursToday(s.schedule, calendar.holidays, now),
          openReports: reports.filter((r) => r.stationId === s.id).length,
          checkInsToday: today.get(s.id) ?? 0,
          updatedAt: s.updatedAt,
        };
      }),
  );
}
