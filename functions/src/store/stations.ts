/**
 * Care stations and the search for the nearest ones. Every station sits in two proximity indexes:
 * by its 4-character geohash cell (gsi1) and its 2-character one (gsi3), sorted by its full
 * geohash, so a cell of precision 6, 5 or 4 is a prefix range of one gsi1 partition, and a cell
 * of precision 3 or 2 a prefix range of one gsi3 partition.
 *
 * The search for the nearest ones is a best-first walk down those cells: stationSearch.ts.
 */
import { GetCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cellOf, type Point } from '../domain/geo';
import type { Station } from '../domain/stations';
import { isConditionFailure, queryItems, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, keys, parkPk } from './keys';
import { nearestStations } from './stationSearch';

export type { SearchStats } from './stationSearch';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];


export function stationItem(station: Station) {
  return {
    ...keys.station(station.parkId, station.id),
    ...gsiKeys.stationById(station.id),
    ...gsiKeys.stationCells(cellOf(station.location, 9), station.id),
    entity: 'Station',
    ...station,
  };
}

/** Records written before stations had versions, hosts and photos read as version 1 with none. */
function stationOf(item: Record<string, unknown>): Station {
  return normaliseStation(stripKeys<Station>(item));
}

function normaliseStation(station: Station): Station {
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

  /** The `limit` nearest stations that `keep` accepts, nearest first, with what the search read (stationSearch.ts). */
  nearest: (db: Db, point: Point, limit: number, keep: (station: Station) => boolean | Promise<boolean>) => nearestStations(db, point, limit, keep, normaliseStation),
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
