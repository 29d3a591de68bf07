import {
  CheckInInput,
  DistrictQuery,
  Id,
  NearbyQuery,
  ReportInput,
  StationDetailQuery,
  type CheckInResult,
  type DistrictList,
  type NearbyStations,
  type ReportReceipt,
  type StationDetail,
} from '@parklink/contract';
import { notFound } from '../domain/errors';
import { RATE_RULES } from '../domain/rateLimits';
import { photoKey } from '../domain/stationCare';
import { hasAmenities, summarise, upcomingClosures, type Station } from '../domain/stations';
import { openState } from '../domain/openingHours';
import type { WorkCalendar } from '../domain/calendar';
import { directory } from '../store/directory';
import { stationActivity } from '../store/stationActivity';
import { stationStore } from '../store/stations';
import type { Deps } from './deps';
import { json, lambdaHandler, route, type Context } from './middleware';
import { deviceHash, enforceLimits, sourceIp } from './publicLimits';

/** Photos on the public page stay viewable for an hour: long enough to look, short enough to not leak. */
const PUBLIC_PHOTO_SECONDS = 3600;

/**
 * Care stations for riders: public, no account, rate-limited per address (and per device for
 * reports). Results are judged open or closed on each station's own park calendar (holidays) in
 * China time. Nothing here ever shows a host's phone or who reported what.
 */
export const stationRoutes = [
  route('nearbyStations', async (ctx) => {
    const query = ctx.query(NearbyQuery);
    await enforceLimits(ctx, [[RATE_RULES.readIp, sourceIp(ctx)]]);
    const now = ctx.deps.clock.now().toISOString();
    const holidaysOf = holidayLookup(ctx.deps);
    // Filters apply during the search, so the nearest `limit` matching stations come back, not fewer.
    const keep = async (s: Station) =>
      hasAmenities(s, query.amenities) && (!query.openNow || openState(s.schedule, await holidaysOf(s.parkId), now).open);
    const { stations } = await stationStore.nearest(ctx.deps.db, query, query.limit, keep);
    const items = await Promise.all(stations.map(async (s) => summarise(s, query, now, await holidaysOf(s.parkId))));
    const body: NearbyStations = { items };
    return json(200, body);
  }),

  route('getStation', async (ctx) => {
    const from = ctx.query(StationDetailQuery);
    await enforceLimits(ctx, [[RATE_RULES.readIp, sourceIp(ctx)]]);
    const station = await publicStation(ctx);
    const now = ctx.deps.clock.now().toISOString();
    const holidays = await holidayLookup(ctx.deps)(station.parkId);
    const photos = await Promise.all(
      station.photos.map(async (p) => ({
        id: p.id,
        url: await ctx.deps.storage.presignGet({ key: photoKey(station.parkId, station.id, p.id), expiresInSeconds: PUBLIC_PHOTO_SECONDS }),
      })),
    );
    // Without a position the distance is from the station itself: zero.
    const position = from.lat !== undefined && from.lng !== undefined ? { lat: from.lat, lng: from.lng } : station.location;
    const body: StationDetail = {
      ...summarise(station, position, now, holidays),
      weekly: station.schedule.weekly,
      closedOnHolidays: station.schedule.closedOnHolidays,
      ...(station.notice ? { notice: station.notice } : {}),
      photos,
      closures: upcomingClosures(station.schedule, now),
    };
    return json(200, body);
  }),

  route('checkIn', async (ctx) => {
    const { deviceId } = ctx.body(CheckInInput);
    await enforceLimits(ctx, [[RATE_RULES.checkInIp, sourceIp(ctx)]]);
    const station = await publicStation(ctx);
    const body: CheckInResult = await stationActivity.checkIn(ctx.deps.db, station, deviceHash(deviceId), ctx.deps.clock.now().toISOString());
    return json(body.counted ? 201 : 200, body);
  }),

  route('reportStation', async (ctx) => {
    const input = ctx.body(ReportInput);
    const device = deviceHash(input.deviceId);
    await enforceLimits(ctx, [
      [RATE_RULES.reportIp, sourceIp(ctx)],
      [RATE_RULES.reportDevice, device],
    ]);
    const station = await publicStation(ctx);
    const at = ctx.deps.clock.now().toISOString();
    const id = ctx.deps.newId();
    await stationActivity.addReport(ctx.deps.db, {
      id,
      parkId: station.parkId,
      stationId: station.id,
      kind: input.kind,
      ...(input.note ? { note: input.note } : {}),
      at,
      status: 'open',
      deviceHash: device,
    });
    const body: ReportReceipt = { id, at };
    return json(201, body);
  }),

  route('stationDistricts', async (ctx) => {
    const { q } = ctx.query(DistrictQuery);
    await enforceLimits(ctx, [[RATE_RULES.readIp, sourceIp(ctx)]]);
    const districts = await stationStore.districts(ctx.deps.db, q || undefined);
    const body: DistrictList = { items: districts.sort((a, b) => b.stations - a.stations || a.name.localeCompare(b.name, 'zh')).slice(0, 50) };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(stationRoutes);

async function publicStation(ctx: Context): Promise<Station> {
  const id = Id.safeParse(ctx.param('id'));
  const station = id.success ? await stationStore.getById(ctx.deps.db, id.data) : undefined;
  if (!station) throw notFound('驿站', 'station');
  return station;
}

/**
 * Each park's holidays, read once per call; the parks asked for together (the stations of one
 * probe, the page of results) share one BatchGetItem instead of a GetItem per park.
 */
function holidayLookup(deps: Deps) {
  const cache = new Map<string, Promise<string[]>>();
  let batch: { parkIds: string[]; read: Promise<Map<string, WorkCalendar>> } | undefined;
  return (parkId: string): Promise<string[]> => {
    let holidays = cache.get(parkId);
    if (!holidays) {
      if (!batch) {
        // Sent once the current synchronous pass is over, so that every park it asks for joins.
        const next: { parkIds: string[]; read: Promise<Map<string, WorkCalendar>> } = {
          parkIds: [],
          read: Promise.resolve().then(() => {
            batch = undefined;
            return directory.getCalendars(deps.db, next.parkIds);
          }),
        };
        batch = next;
      }
      batch.parkIds.push(parkId);
      holidays = batch.read.then((calendars) => calendars.get(parkId)?.holidays ?? []);
      cache.set(parkId, holidays);
    }
    return holidays;
  };
}
