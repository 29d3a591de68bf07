/**
 * `npm run bench:stations` (issue 6): the nearest-stations search (functions/src/store/stations.ts)
 * on a country's worth of stations, against its own DynamoDB Local in memory.
 *
 * 1. Seeds 200,000 stations spread like China's cities (store items exactly as the app writes them).
 * 2. Asks the real handler (middleware, rate limiter, search, calendars) for the nearest 10 around
 *    1,000 seeded points, one call at a time, and times each call.
 * 3. Checks every answer, the store's and the handler's, equals a brute-force scan, and counts the
 *    items each search read against a full scan of the table.
 * 4. Prints one Markdown table and writes it to .artifacts/bench/stations.md.
 *
 * Not part of `npm test` (it takes minutes). Exits non-zero if any answer differs from the brute force.
 * For a quick try: BENCH_STATIONS=20000 BENCH_QUERIES=100 npm run bench:stations (BENCH_WRITERS:
 * batches in flight while seeding).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import type { NearbyStations } from '@parklink/contract';
import { configFromEnv } from '../../functions/src/config';
import { distanceMetres, type Point } from '../../functions/src/domain/geo';
import type { Station } from '../../functions/src/domain/stations';
import { depsFromConfig, type Deps } from '../../functions/src/http/deps';
import { dispatch } from '../../functions/src/http/middleware';
import { stationRoutes } from '../../functions/src/http/stations';
import { calendarFor } from '../../functions/src/seed/chinaCalendar';
import { directoryItems } from '../../functions/src/store/directory';
import { reachFrom } from '../../functions/src/store/stationSearch';
import { stationItem, stationStore } from '../../functions/src/store/stations';
import { ensureTable } from '../../functions/src/store/table';
import { gatewayEvent } from '../../functions/test/support/events';
import { startDynamo } from '../local/dynamo';
import { freePort } from '../local/ports';
import { localDb } from '../local/table';
import { BENCH_PARKS, benchStations, queryPoints, type PointKind, type QueryPoint } from './data';
import { seeded } from './random';
import { markdown, type RowInput } from './report';
import { writeAll } from './seed';

// The project runs on Node 20 by decision (see README); the SDK's advance notice is not news here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const STATIONS = size('BENCH_STATIONS', 200_000);
const QUERIES = size('BENCH_QUERIES', 1_000);
/** Measured on 2 cores, 200,000 stations: 3 in flight ≈ 1,650 items/s, 6 and 12 ≈ 2,330/s (DynamoDB Local is the bottleneck). */
const WRITERS = size('BENCH_WRITERS', 8);
const WARM_UP = 50;
const K = 10;
const GOAL_PERCENT = 0.5;
const TABLE = 'parklink-bench';
/** A fixed moment (Monday 10:00 in China), so open/closed and the limiter's windows repeat run to run. */
const NOW = new Date('2026-11-23T02:00:00.000Z');
const OUTPUT = resolve(__dirname, '../../.artifacts/bench/stations.md');

const seconds = (since: number) => (performance.now() - since) / 1000;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The truth: every station measured, nearest K by distance then id (the search's own tie-break),
 * within the search's reach (50 km, or the nearest one's distance when that is farther).
 */
function bruteForce(stations: Station[], point: Point, k: number): string[] {
  const best: { id: string; d: number }[] = [];
  const before = (d: number, id: string, other: { id: string; d: number }) =>
    d < other.d || (d === other.d && id.localeCompare(other.id) < 0);
  for (const s of stations) {
    const d = distanceMetres(point, s.location);
    if (best.length === k && !before(d, s.id, best[k - 1]!)) continue;
    let i = best.length;
    while (i > 0 && before(d, s.id, best[i - 1]!)) i--;
    best.splice(i, 0, { id: s.id, d });
    if (best.length > k) best.pop();
  }
  const reach = reachFrom(best[0]?.d ?? 0);
  return best.filter((b) => b.d <= reach).map((b) => b.id);
}

/** A distinct address per call (10.x.y.z), so the per-address limiter counts each call once and never trips. */
const sourceIpOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** One call of the real handler as API Gateway would make it; anything but 200 stops the benchmark. */
async function callNearby(deps: Deps, point: Point, n: number): Promise<{ ids: string[]; ms: number }> {
  const event = gatewayEvent('GET', `/v1/stations/nearby?lat=${point.lat}&lng=${point.lng}&limit=${K}`);
  event.requestContext.http.sourceIp = sourceIpOf(n);
  const started = performance.now();
  const result = await dispatch(stationRoutes, event, deps);
  const ms = performance.now() - started;
  if (result.statusCode !== 200) throw new Error(`nearby ${JSON.stringify(point)} answered ${result.statusCode}: ${result.body}`);
  const body = JSON.parse(String(result.body)) as NearbyStations;
  return { ids: body.items.map((s) => s.id), ms };
}

type Search = Awaited<ReturnType<typeof stationStore.nearest>>;

/** Records every stationStore.nearest call's result (the handler calls it through the same object). */
function observeSearches() {
  const search = stationStore.nearest;
  const seen: Search[] = [];
  stationStore.nearest = async (...args: Parameters<typeof search>) => {
    const result = await search.apply(stationStore, args);
    seen.push(result);
    return result;
  };
  return { take: () => seen.splice(0) };
}

interface Measured {
  point: QueryPoint;
  itemsRead: number;
  precision: number;
  rounds: number;
  ms: number;
  ok: boolean;
}

/** The machine's load while the benchmark runs (others' work on a shared machine skews latency). */
function sampleLoad() {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), 10_000);
  timer.unref();
  return () => samples.reduce((sum, v) => sum + v, 0) / Math.max(1, samples.length);
}

async function main() {
  const started = performance.now();
  const meanLoad = sampleLoad();
  const dynamo = await startDynamo({ port: await freePort() });
  let deps: Deps | undefined;
  try {
    await ensureTable(dynamo.client, TABLE);
    const db = localDb(dynamo.client, TABLE);

    // 1. Seed: every bench park's calendar (the handler reads holidays per park), then the stations.
    const stations = benchStations(seeded(6), STATIONS);
    const years = [2025, 2026];
    const calendars = BENCH_PARKS.map((parkId) => directoryItems.calendar({ parkId, years, ...calendarFor(years) }));
    const items = [...calendars, ...stations.map(stationItem)];
    const seedStarted = performance.now();
    let reported = 0;
    await writeAll(db, items, WRITERS, (written) => {
      if (written - reported < items.length / 10 && written < items.length) return;
      reported = written;
      console.log(`seeded ${grouped(written)} / ${grouped(items.length)} items (${seconds(seedStarted).toFixed(0)} s)`);
    });
    const seedSeconds = seconds(seedStarted);
    const seeding =
      `${grouped(STATIONS)} stations seeded in ${seedSeconds.toFixed(0)} s ` +
      `(${grouped(STATIONS / seedSeconds)} items/s, BatchWriteItem ×25, ${WRITERS} in flight)`;
    console.log(seeding);

    deps = depsFromConfig(
      // The config a deployed stage gets (rate limits at their defaults), pointed at this emulator.
      // Stage prod: the handler's path is production's, without the dev-only clock lookup.
      configFromEnv({
        STAGE: 'prod',
        TABLE_NAME: TABLE,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      }),
      { log: () => {}, clock: { now: () => NOW } },
    );

    // 2. Every point through the real handler, timed, after a warm-up on other points (JIT, sockets,
    // SQLite pages). Its own search is observed for the answer and the items read: searching again
    // per point would double a run in which DynamoDB Local reads only ~3,000 items a second.
    // The warm-up asks from cities only: light searches warm the same code as heavy ones, in seconds.
    const searches = observeSearches();
    const warmUp = queryPoints(seeded(8), WARM_UP * 2).filter((p) => p.kind === 'city').slice(0, WARM_UP);
    for (const [i, point] of warmUp.entries()) await callNearby(deps, point, 1_000_000 + i);
    searches.take();
    const points = queryPoints(seeded(7), QUERIES);
    const measured: Measured[] = [];
    const queriesStarted = performance.now();
    for (const [i, point] of points.entries()) {
      const call = await callNearby(deps, point, i);
      const [search, ...more] = searches.take();
      if (!search || more.length > 0) throw new Error(`expected one search per call, saw ${more.length + (search ? 1 : 0)}`);
      // 3. Exactness: the store's answer and the handler's (in its order) both equal the brute force.
      const expected = bruteForce(stations, point, K).join();
      const ok = search.stations.map((s) => s.id).join() === expected && call.ids.join() === expected;
      if (!ok) console.error(`MISMATCH at ${JSON.stringify(point)}: got ${call.ids.join()}, expected ${expected}`);
      measured.push({ point, itemsRead: search.stats.itemsRead, precision: search.stats.precision, rounds: search.stats.rounds, ms: call.ms, ok });
      if (measured.length % 100 === 0) {
        console.log(`queried ${measured.length} / ${points.length} points (${seconds(queriesStarted).toFixed(0)} s)`);
      }
    }

    // 4. Report, overall and by where the rider stood.
    const row = (label: string, of: Measured[]): RowInput => ({
      label,
      itemsRead: of.map((m) => m.itemsRead),
      precisions: of.map((m) => m.precision),
      latencies: of.map((m) => m.ms),
      rounds: of.map((m) => m.rounds),
      mismatches: of.filter((m) => !m.ok).length,
    });
    const kinds: [PointKind, string][] = [
      ['city', 'in a city'],
      ['countryside', 'countryside'],
      ['far', 'far from any station'],
    ];
    const byKind = kinds.map(([kind, label]) => row(label, measured.filter((m) => m.point.kind === kind)));
    const rows = [row('all', measured), ...byKind.filter((r) => r.itemsRead.length > 0)];
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const cpus = os.cpus();
    const machine =
      `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, ` +
      `${new Date().toISOString().slice(0, 10)}, commit ${commit}; DynamoDB Local in memory; nearest ${K}, no filters; ` +
      `load average ${meanLoad().toFixed(1)}; run took ${(seconds(started) / 60).toFixed(1)} min.`;
    const seedingLine = `${seeding}; ${grouped(QUERIES)} query points.`;
    const table = markdown({ machine, seeding: seedingLine, tableItems: STATIONS, goalPercent: GOAL_PERCENT, rows });
    console.log(`\n${table}`);
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, table);
    console.log(`written to ${OUTPUT}`);

    const heaviest = [...measured].sort((a, b) => b.itemsRead - a.itemsRead).slice(0, 5);
    console.log('\nheaviest searches:');
    for (const m of heaviest) {
      const where = `${m.point.kind} ${m.point.lat},${m.point.lng}`;
      console.log(`  ${where}: ${grouped(m.itemsRead)} items, stopped at precision ${m.precision}, ${m.ms.toFixed(0)} ms`);
    }

    const mismatches = measured.filter((m) => !m.ok).length;
    if (mismatches > 0) {
      console.error(`\n${mismatches} of ${measured.length} answers differ from the brute force`);
      process.exitCode = 1;
    }
  } finally {
    deps?.db.doc.destroy();
    await dynamo.stop();
    console.log(`total ${(seconds(started) / 60).toFixed(1)} min`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
