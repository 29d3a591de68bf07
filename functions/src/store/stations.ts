/**
 * Care stations and the search for the nearest ones. Every station sits in two proximity indexes:
 * by its 4-character geohash cell (gsi1) and its 2-character one (gsi3), sorted by its full
 * geohash, so a cell of precision 6, 5 or 4 is a prefix range of one gsi1 partition, and a cell
 * of precision 3 or 2 a prefix range of one gsi3 partition.
 *
 * Search (exact nearest-K): from fine to coarse precision, read the 3×3 block of cells around the
 * point; the block surely covers a radius (geo.ts coveredRadius). Once K matching stations lie
 * within that radius, no station outside the block can beat them, so stop. Worst cases: a dense
 * city centre stops at precision 6 reading the ~1 km² block; empty countryside widens to precision
 * 3 or 2, reading blocks of hundreds of km that are empty there — the items read stay few either way;
 * only a filter nobody matches (e.g. an amenity no station has) reads whole coarse blocks.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { blockAround, cellOf, coveredRadius, distanceMetres, type Point } from '../domain/geo';
import type { Station } from '../domain/stations';
import { queryItems, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, keys } from './keys';

const PRECISIONS = [6, 5, 4, 3, 2];

export function stationItem(station: Station) {
  return {
    ...keys.station(station.parkId, station.id),
    ...gsiKeys.stationById(station.id),
    ...gsiKeys.stationCells(cellOf(station.location, 9), station.id),
    entity: 'Station',
    ...station,
  };
}

/** Items a search read, for the benchmark's ratio against a full scan. */
export interface SearchStats {
  itemsRead: number;
  precision: number;
}

async function readCell(db: Db, cell: string): Promise<Station[]> {
  const coarse = cell.length <= 3;
  const index = coarse ? INDEX.gsi3 : INDEX.gsi1;
  const pkName = coarse ? 'gsi3pk' : 'gsi1pk';
  const skName = coarse ? 'gsi3sk' : 'gsi1sk';
  const pk = coarse ? `GEO2#${cell.slice(0, 2)}` : `GEO4#${cell.slice(0, 4)}`;
  const items = await queryItems(db, {
    IndexName: index,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :cell)',
    ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
    ExpressionAttributeValues: { ':pk': pk, ':cell': cell },
  });
  return items.map((item) => stripKeys<Station>(item));
}

export const stationStore = {
  async put(db: Db, station: Station): Promise<void> {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: stationItem(station) }));
  },

  async getById(db: Db, stationId: string): Promise<Station | undefined> {
    const [item] = await queryItems(db, {
      IndexName: INDEX.gsi2,
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :sk',
      ExpressionAttributeValues: { ':pk': gsiKeys.stationById(stationId).gsi2pk, ':sk': 'STATION' },
    });
    return item ? stripKeys<Station>(item) : undefined;
  },

  /** The `limit` nearest stations that `keep` accepts, nearest first, with what the search read. */
  async nearest(
    db: Db,
    point: Point,
    limit: number,
    keep: (station: Station) => boolean | Promise<boolean>,
  ): Promise<{ stations: (Station & { distance: number })[]; stats: SearchStats }> {
    let itemsRead = 0;
    let found: (Station & { distance: number })[] = [];
    for (const precision of PRECISIONS) {
      const blocks = await Promise.all(blockAround(point, precision).map((cell) => readCell(db, cell)));
      const stations = blocks.flat();
      itemsRead += stations.length;
      const kept = await Promise.all(stations.map(keep));
      found = stations
        .filter((_, i) => kept[i])
        .map((s) => ({ ...s, distance: distanceMetres(point, s.location) }))
        .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
      const sure = coveredRadius(point, precision);
      if (found.filter((s) => s.distance <= sure).length >= limit) {
        return { stations: found.slice(0, limit), stats: { itemsRead, precision } };
      }
    }
    // Even the coarsest block (≈ 1,250 km cells) lacked enough: what it has is the answer.
    return { stations: found.slice(0, limit), stats: { itemsRead, precision: PRECISIONS.at(-1)! } };
  },
};
