import { Id, NearbyQuery, type NearbyStations, type StationDetail } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { hasAmenities, summarise, type Station } from '../domain/stations';
import { openState } from '../domain/openingHours';
import { directory } from '../store/directory';
import { stationStore } from '../store/stations';
import type { Deps } from './deps';
import { json, lambdaHandler, route } from './middleware';

/**
 * Care stations for riders: public, no account. Results are judged open or closed on each
 * station's own park calendar (holidays) in China time.
 */
export const stationRoutes = [
  route('nearbyStations', async (ctx) => {
    const query = ctx.query(NearbyQuery);
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
    const id = Id.safeParse(ctx.param('id'));
    const station = id.success ? await stationStore.getById(ctx.deps.db, id.data) : undefined;
    if (!station) throw notFound('驿站', 'station');
    const now = ctx.deps.clock.now().toISOString();
    const holidays = await holidayLookup(ctx.deps)(station.parkId);
    // Without a position the distance is from the station itself: zero.
    const body: StationDetail = {
      ...summarise(station, station.location, now, holidays),
      weekly: station.schedule.weekly,
      closedOnHolidays: station.schedule.closedOnHolidays,
      ...(station.notice ? { notice: station.notice } : {}),
    };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(stationRoutes);

function holidayLookup(deps: Deps) {
  const cache = new Map<string, Promise<string[]>>();
  return (parkId: string) => {
    if (!cache.has(parkId)) cache.set(parkId, directory.getCalendar(deps.db, parkId).then((c) => c.holidays));
    return cache.get(parkId)!;
  };
}
