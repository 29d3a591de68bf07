/**
 * The exact nearest-K stations by best-first search over geohash cells.
 *
 * Cells form a tree (a cell's 32 children refine it by one character). A queue holds cells by
 * their least possible distance from the point (to the nearest edge of the cell's box). The
 * nearest cell is probed with one query capped at PROBE items: a sparse cell (the query ends
 * within the cap) is read whole and its stations become candidates; a dense cell is replaced by
 * its 32 children. The search stops when the next cell's least distance exceeds the K-th best
 * candidate's distance: no station not yet read can be nearer, so the answer is exact — also
 * across cell edges, whatever the density.
 *
 * Why: the block-of-nine search read whole coarse blocks where the nearest stations were far —
 * in empty country the 3×3 block of precision-3 cells (≈470 km) swallowed whole cities. Here a
 * dense city costs a few capped probes on the way down; empty country is answered by a handful
 * of sparse coarse cells read whole.
 *
 * Cells of precision 2–3 are prefix ranges of gsi3 (`GEO2#<2 chars>`), 4–9 of gsi1 (`GEO4#<4 chars>`);
 * see keys.ts. The search starts from every precision-2 cell (≈1,250 × 625 km) that meets China's
 * bounding box, where every station lies (the contract refuses coordinates outside it): however
 * far the nearest station, it is found; the far cells are never read unless they must be.
 *
 * How far it looks: up to REACH_METRES once a station is found — the K nearest within it, or, when
 * the nearest is farther, that one (and any as near). Without a reach, a search for 10 where fewer
 * match (a park has a handful of stations; an amenity filter) read every cell of the country to be
 * sure there was no 10th: seventy probes in 18 rounds (~600 ms locally) for each rider.
 */
import { cellsCoveringChina, childCells, distanceMetres, distanceToCell, type Point } from '../domain/geo';
import type { Station } from '../domain/stations';
import { stripKeys, type Db } from './db';
import { INDEX } from './keys';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

/** Items one probe may read before the cell counts as dense and is split. */
export const PROBE = 48;
/** Stations are indexed by 9-character geohashes: a cell this fine is read whole, however full. */
const FINEST = 9;
/** Cells probed at once: the nearest few, so a query's round trips overlap. */
const FAN_OUT = 4;

/** The precision-2 cells that cover China's bounding box (seventy). */
const CHINA_CELLS = cellsCoveringChina(2);

/** How far from the rider a search looks once it has found a station: 50 km, three hours' ride. */
export const REACH_METRES = 50_000;

/** The farthest a result may be, given the nearest station's distance (see the module comment). */
export const reachFrom = (nearestMetres: number): number => Math.max(REACH_METRES, nearestMetres);

export interface SearchStats {
  /** Items DynamoDB read for this search (what a full scan would read all of). */
  itemsRead: number;
  /** Queries sent. */
  probes: number;
  /** Rounds of queries sent together (FAN_OUT at a time): the round trips a rider waits for. */
  rounds: number;
  /** The finest cell precision read. */
  precision: number;
}

export type Found = Station & { distance: number };

interface Probe {
  stations: Station[];
  complete: boolean;
  read: number;
}

async function probe(db: Db, cell: string, limit: number | undefined): Promise<Probe> {
  const coarse = cell.length <= 3;
  const names = coarse ? { '#pk': 'gsi3pk', '#sk': 'gsi3sk' } : { '#pk': 'gsi1pk', '#sk': 'gsi1sk' };
  const pk = coarse ? `GEO2#${cell.slice(0, 2)}` : `GEO4#${cell.slice(0, 4)}`;
  const stations: Station[] = [];
  let read = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: coarse ? INDEX.gsi3 : INDEX.gsi1,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :cell)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': pk, ':cell': cell },
        ...(limit ? { Limit: limit } : {}),
        ExclusiveStartKey: start,
      }),
    );
    read += page.ScannedCount ?? page.Items?.length ?? 0;
    for (const item of page.Items ?? []) stations.push(stripKeys<Station>(item));
    start = page.LastEvaluatedKey;
    // A capped probe stops at its cap: more left means the cell is dense.
    if (limit && start) return { stations, complete: false, read };
  } while (start);
  return { stations, complete: true, read };
}

/** A min-queue of cells by least distance (small: tens to hundreds of cells). */
class CellQueue {
  private items: { cell: string; distance: number }[] = [];
  push(cell: string, distance: number) {
    this.items.push({ cell, distance });
    this.items.sort((a, b) => a.distance - b.distance);
  }
  peek() {
    return this.items[0];
  }
  take(n: number) {
    return this.items.splice(0, n);
  }
  get size() {
    return this.items.length;
  }
}

export async function nearestStations(
  db: Db,
  point: Point,
  limit: number,
  keep: (station: Station) => boolean | Promise<boolean>,
  normalise: (station: Station) => Station = (s) => s,
): Promise<{ stations: Found[]; stats: SearchStats }> {
  const queue = new CellQueue();
  for (const cell of CHINA_CELLS) queue.push(cell, distanceToCell(point, cell));
  const found: Found[] = [];
  const stats: SearchStats = { itemsRead: 0, probes: 0, rounds: 0, precision: 2 };
  // No unread station can be a result once the next cell is farther than the K-th found or the reach.
  const bound = () => Math.min(found.length >= limit ? found[limit - 1]!.distance : Infinity, found.length ? reachFrom(found[0]!.distance) : Infinity);

  while (queue.size && queue.peek()!.distance <= bound()) {
    // The next few cells that could still hold a nearer station, probed together.
    const batch = queue.take(FAN_OUT).filter((c) => c.distance <= bound());
    stats.rounds++;
    const probes = await Promise.all(batch.map(({ cell }) => probe(db, cell, cell.length < FINEST ? PROBE : undefined)));
    for (const [i, result] of probes.entries()) {
      const { cell } = batch[i]!;
      stats.probes++;
      stats.itemsRead += result.read;
      if (!result.complete) {
        for (const child of childCells(cell)) queue.push(child, distanceToCell(point, child));
        continue;
      }
      stats.precision = Math.max(stats.precision, cell.length);
      const stations = result.stations.map(normalise);
      const kept = await Promise.all(stations.map(keep));
      for (const [j, s] of stations.entries()) if (kept[j]) found.push({ ...s, distance: distanceMetres(point, s.location) });
      found.sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
    }
  }
  const reach = found.length ? reachFrom(found[0]!.distance) : Infinity;
  return { stations: found.filter((s) => s.distance <= reach).slice(0, limit), stats };
}
