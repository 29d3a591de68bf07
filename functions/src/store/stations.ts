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
import { GetCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { blockAround, cellOf, coveredRadius, distanceMetres, type Point } from '../domain/geo';
import type { Station } from '../domain/stations';
import { isConditionFailure, queryItems, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, keys, parkPk } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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
  return items.map(stationOf);
}

/** Records written before stations had versions, hosts and photos read as version 1 with none. */
function stationOf(item: Record<string, unknown>): Station {
  const station = stripKeys<Station>(item);
  return { ...station, version: station.version ?? 1, hostIds: station.hostIds ?? [], photos: station.photos ?? [], updatedAt: station.updatedAt ?? '2026-01-01T00:00:00.000Z' };
}

/**
 * A district's count and coordinate sums move with its stations (atomic ADDs in the station's own
 * transaction), so its centre is the mean of its stations without ever reading them.
 */
function districtDelta(tableName: string, station: Station, sign: 1 | -1): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.district(station.district),
      UpdateExpression: 'SET entity = :entity, #name = :name ADD stations :n, sumLat :lat, sumLng :lng',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':entity': 'District',
        ':name': station.district,
        ':n': sign,
        ':lat': sign * station.location.lat,
        ':lng': sign * station.location.lng,
      },
    },
  };
}

export const stationStore = {
  /** Writes a station as it is (seed and benchmark); people's changes go through create/save. */
  async put(db: Db, station: Station): Promise<void> {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: stationItem(station) }));
  },

  /**
   * A seeded station: created with its district's count if new; a record from before stations had
   * versions is replaced and counted once; a current one (maybe edited by its host) is left alone.
   */
  async adoptSeed(db: Db, station: Station): Promise<void> {
    if (await stationStore.create(db, station)) return;
    await transact(db, [
      { Put: { TableName: db.tableName, Item: stationItem(station), ConditionExpression: 'attribute_not_exists(version)' } },
      districtDelta(db.tableName, station, 1),
    ]);
  },

  /** A new station and its district's count, together; false if the id is taken. */
  async create(db: Db, station: Station): Promise<boolean> {
    return transact(db, [
      { Put: { TableName: db.tableName, Item: stationItem(station), ConditionExpression: 'attribute_not_exists(pk)' } },
      districtDelta(db.tableName, station, 1),
    ]);
  },

  /** Saves `next` only if the stored version is still `previous`'s; false when someone saved first. */
  async save(db: Db, next: Station, previous: Station): Promise<boolean> {
    const moved = next.district !== previous.district || next.location.lat !== previous.location.lat || next.location.lng !== previous.location.lng;
    return transact(db, [
      {
        Put: {
          TableName: db.tableName,
          Item: stationItem(next),
          ConditionExpression: 'version = :v OR (attribute_not_exists(version) AND :v = :one)',
          ExpressionAttributeValues: { ':v': previous.version, ':one': 1 },
        },
      },
      ...(moved ? [districtDelta(db.tableName, previous, -1), districtDelta(db.tableName, next, 1)] : []),
    ]);
  },

  async get(db: Db, parkId: string, stationId: string): Promise<Station | undefined> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.station(parkId, stationId), ConsistentRead: true }));
    return Item ? stationOf(Item) : undefined;
  },

  /** A park's stations (a park keeps tens to hundreds). */
  async listByPark(db: Db, parkId: string): Promise<Station[]> {
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': parkPk(parkId), ':prefix': 'STATION#' },
    });
    return items.map(stationOf);
  },

  /** Districts that have stations, with their centre; `q` narrows by name. */
  async districts(db: Db, q?: string): Promise<{ name: string; centre: Point; stations: number }[]> {
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: q ? 'stations > :zero AND contains(#name, :q)' : 'stations > :zero',
      ExpressionAttributeNames: q ? { '#name': 'name' } : undefined,
      ExpressionAttributeValues: { ':pk': keys.district('').pk, ':zero': 0, ...(q ? { ':q': q } : {}) },
    });
    return items.map((item) => {
      const n = Number(item.stations);
      const round = (x: number) => Math.round(x * 1e6) / 1e6;
      return { name: String(item.name), centre: { lat: round(Number(item.sumLat) / n), lng: round(Number(item.sumLng) / n) }, stations: n };
    });
  },

  async getById(db: Db, stationId: string): Promise<Station | undefined> {
    const [item] = await queryItems(db, {
      IndexName: INDEX.gsi2,
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :sk',
      ExpressionAttributeValues: { ':pk': gsiKeys.stationById(stationId).gsi2pk, ':sk': 'STATION' },
    });
    return item ? stationOf(item) : undefined;
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

/** Runs a transaction; false when a condition refused it. */
export async function transact(db: Db, TransactItems: TransactItem[]): Promise<boolean> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
