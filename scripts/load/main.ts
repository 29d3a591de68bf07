/**
 * `npm run load` (issue 10): a bounded load run against a stack of its own on loopback.
 *
 * 1. Starts DynamoDB Local (in memory, the demo park seeded), a local S3 server and the real
 *    handlers under serverless-offline, warm, on free ports of 127.0.0.1 (stack.ts), with
 *    RATE_LIMIT_FACTOR raised: every rider comes from 127.0.0.1.
 * 2. Adds enterprises, their contacts, liaisons and stations beside the demo park's (seed.ts) and
 *    logs each person in with POST /v1/auth/dev.
 * 3. Warms the handlers (warmup.ts) and runs --warmup seconds (default 30: DynamoDB Local's JVM and
 *    V8 reach their pace only after that) at full size unmeasured, then N virtual users (--users,
 *    default 200) for S seconds (--seconds, default 60) with autocannon, one connection each, no
 *    think time: enterprises, liaisons and riders (users.ts).
 * 4. Prints requests/s, p50/p99 and errors per kind of call as a Markdown table (stdout; also
 *    .artifacts/load/report.md); progress and start-up go to stderr.
 * 5. Reads the table directly and holds it to every write a client saw acknowledged (check.ts);
 *    prints "0 lost writes" or the lost ones, and exits non-zero if anything is lost or inconsistent.
 *
 * Every child process is stopped on exit, Ctrl-C included. Not part of `npm test`.
 * Flags: --users N, --seconds S, --warmup S (the unmeasured full-size run; 0: none),
 * --rate-limit-factor F (default 1000), --workers (a worker per simultaneous call, as Lambda runs
 * instances, instead of every handler in serverless-offline's process), --verbose (the API's output).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import autocannon, { type AutocannonInstance } from 'autocannon';
import type { Session } from '@parklink/contract';
import { RATE_RULES } from '../../functions/src/domain/rateLimits';
import { ROOT } from '../local/api';
import { checkTable, type CheckResult } from './check';
import { seedLoadPeople } from './seed';
import { startLoadStack } from './stack';
import { LoadStats } from './stats';
import { Acks, VirtualUsers, type Person } from './users';
import { warmWorkers, type WarmResult } from './warmup';

// The project runs on Node 20 by decision (see README); the SDK's advance notice is not news here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const OUTPUT = resolve(ROOT, '.artifacts/load/report.md');
/** Seconds one call may take before the client gives up on it (API Gateway's own limit is 30 s). */
const CALL_TIMEOUT_SECONDS = 30;
/** The longest the worker warm-up may take (warmup.ts). */
const WORKER_WARMUP_SECONDS = 240;

interface Flags {
  users: number;
  seconds: number;
  rateLimitFactor: number;
  /** Seconds of an unmeasured run at full size before the measured one (0: none). */
  warmup: number;
  /** A worker per simultaneous call, as Lambda runs instances (default: the handlers in serverless-offline's process). */
  workers: boolean;
  verbose: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { users: 200, seconds: 60, rateLimitFactor: 1000, warmup: 30, workers: false, verbose: false };
  const numeric = { '--users': 'users', '--seconds': 'seconds', '--rate-limit-factor': 'rateLimitFactor', '--warmup': 'warmup' } as const;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (name === '--verbose' || name === '--workers') {
      flags[name === '--verbose' ? 'verbose' : 'workers'] = true;
    } else if (name in numeric) {
      const raw = inline ?? argv[++i];
      const value = Number(raw);
      if (!Number.isInteger(value) || value < (name === '--warmup' ? 0 : 1)) throw new Error(`${name} needs a whole number ≥ ${name === '--warmup' ? 0 : 1}, not ${raw}`);
      flags[numeric[name as keyof typeof numeric]] = value;
    } else if (name === '--help' || name === '-h') {
      process.stderr.write('npm run load -- [--users 200] [--seconds 60] [--warmup 30] [--rate-limit-factor 1000] [--verbose]\n');
      process.exit(0);
    } else {
      throw new Error(`unknown flag ${name} (try --help)`);
    }
  }
  // Seeded people are numbered with 3 digits and each rider needs a connection; beyond this is not a laptop's run.
  if (flags.users > 2000) throw new Error('--users: at most 2000');
  return flags;
}

/** 35% enterprises, 35% liaisons, the rest riders; at least one of each when there are 3 or more. */
function mixOf(users: number) {
  const enterprises = Math.max(users >= 3 ? 1 : 0, Math.round(users * 0.35));
  const liaisons = Math.max(users >= 3 ? 1 : 0, Math.round(users * 0.35));
  return { enterprises, liaisons, riders: Math.max(0, users - enterprises - liaisons) };
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const grouped = (n: number) => n.toLocaleString('en-US');

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const mix = mixOf(flags.users);
  const started = Date.now();
  const loadSamples: number[] = [];
  const loadTimer = setInterval(() => loadSamples.push(os.loadavg()[0]!), 5_000);
  loadTimer.unref();

  const stack = startLoadStack({ rateLimitFactor: flags.rateLimitFactor, inProcess: !flags.workers, echo: flags.verbose });
  let instance: AutocannonInstance | undefined;
  let stopping = false;
  let ready = false;
  let interruptedAt = 0;
  const interrupt = async (signal: string) => {
    if (stopping) {
      // Ctrl-C reaches npm, tsx and this process at once, and tsx passes its own on: one press is two signals.
      if (Date.now() - interruptedAt < 3_000) return;
      log('stopping harder (children may be left running)…');
      process.exit(130);
    }
    stopping = true;
    interruptedAt = Date.now();
    log(`\n${signal}: stopping the load and the stack…${ready ? '' : ' (the API is still starting: it is stopped once it is up or gives up, within 90 s)'}`);
    instance?.stop();
    await stack.stop();
    process.exit(130);
  };
  process.on('SIGINT', () => void interrupt('SIGINT'));
  process.on('SIGTERM', () => void interrupt('SIGTERM'));
  // A bug in the harness still stops every child.
  const crashed = (error: unknown) => {
    log(`load run crashed: ${(error as Error)?.stack ?? error}`);
    void interrupt('crash');
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);

  let exitCode = 1;
  try {
    log(`▶ stack: DynamoDB Local (in memory), s3rver, serverless-offline (warm handlers${flags.workers ? ', a worker per call' : ', in process'}, RATE_LIMIT_FACTOR=${flags.rateLimitFactor}) on 127.0.0.1…`);
    const s = await stack.ready;
    ready = true;
    log(`  API ${s.apiUrl}, DynamoDB ${s.dynamoEndpoint}; demo park seeded (${s.seeded} items) in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const people = await seedLoadPeople(s.db, { enterprises: mix.enterprises, liaisons: mix.liaisons });
    const loginStarted = Date.now();
    const [enterprises, liaisons] = [await login(s.apiUrl, people.enterprises), await login(s.apiUrl, people.liaisons)];
    const departments = new Set(people.liaisons.map((l) => l.departmentId)).size;
    log(
      `▶ people: ${people.written} items and ${people.stations} stations added; ${enterprises.length + liaisons.length} logged in with POST /v1/auth/dev in ` +
        `${((Date.now() - loginStarted) / 1000).toFixed(1)} s`,
    );

    const acks = new Acks();
    /** One autocannon run of `connections` virtual users (the first of the interleaved mix); its writes go into `acks`. */
    const phase = async (connections: number, seconds: number, stats: LoadStats, progress: boolean) => {
      const vus = new VirtualUsers(stats, acks, { enterprises, liaisons, riders: mix.riders, categories: people.categories });
      const run = autocannon({
        url: s.apiUrl,
        connections,
        duration: seconds,
        timeout: CALL_TIMEOUT_SECONDS,
        // Each connection's own list replaces this in setupClient.
        requests: [{ method: 'GET', path: '/v1/health' }],
        setupClient: vus.setupClient,
      });
      instance = run;
      run.on('response', vus.onResponse);
      const runStarted = Date.now();
      let answeredBefore = 0;
      const timer = setInterval(() => {
        const { answers, errors, lostRaces, limited } = stats.totals;
        log(
          `  ${((Date.now() - runStarted) / 1000).toFixed(0)} s: ${grouped(answers)} answers (${((answers - answeredBefore) / 10).toFixed(0)}/s lately), ` +
            `${grouped(errors)} errors, ${grouped(lostRaces)} lost races, ${grouped(limited)} 429s`,
        );
        answeredBefore = answers;
      }, 10_000);
      if (!progress) clearInterval(timer);
      const result = await run;
      clearInterval(timer);
      instance = undefined;
      vus.countCutOff();
      return result;
    };

    // Warm workers first (warmup.ts), then a short unmeasured run at full size (JIT, connections).
    log(`▶ warm-up: ${flags.workers ? 'a worker per simultaneous call' : 'every handler'} (at most ${WORKER_WARMUP_SECONDS} s), then ${flags.warmup} s at full size, not measured (its writes are checked too)…`);
    const warmed = await warmWorkers(
      s.apiUrl,
      [
        { name: 'requests', path: '/v1/requests?scope=mine&limit=20', tokens: [...enterprises, ...liaisons].map((p) => p.token) },
        { name: 'stations', path: '/v1/stations/st-24h', tokens: Array.from({ length: mix.riders }, () => undefined) },
      ],
      { ramp: flags.workers, maxSeconds: WORKER_WARMUP_SECONDS },
      log,
    );
    const warmup = new LoadStats();
    if (flags.warmup > 0 && !stopping) await phase(flags.users, flags.warmup, warmup, false);
    if (stopping) return;
    log(`  warm-up run: ${grouped(warmup.totals.answers)} answers, ${grouped(warmup.totals.errors)} errors`);
    if (warmup.totals.errors) log(warmup.markdown(flags.warmup));

    await settle(s.apiUrl);
    const stats = new LoadStats();
    if (stopping) return;
    loadSamples.length = 0;
    log(`▶ load: ${flags.users} virtual users (${mix.enterprises} enterprises, ${mix.liaisons} liaisons in ${departments} departments, ${mix.riders} riders) for ${flags.seconds} s…`);
    const result = await phase(flags.users, flags.seconds, stats, true);
    if (stopping) return;
    const loadAverage = mean(loadSamples);
    // Calls the API was still running when the clients hung up may land just after: let them.
    await settle(s.apiUrl);

    log('▶ checking the table against every acknowledged write…');
    const check = await checkTable(s.db, acks);
    const report = reportOf({ flags, mix, departments, categories: people.categories.length, stations: people.stations, seconds: result.duration, stats, warmup: { workers: warmed, stats: warmup }, check, loadAverage, tookSeconds: (Date.now() - started) / 1000 });
    console.log(report);
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, `${report}\n`);
    log(`written to ${OUTPUT}`);
    if (stats.samples.length) log(`unexpected answers (first ${stats.samples.length}):\n  ${stats.samples.join('\n  ')}`);
    exitCode = check.lost.length || check.inconsistent.length ? 1 : 0;
  } catch (error) {
    if (stopping) return;
    log(`load run failed: ${(error as Error).stack ?? error}`);
  } finally {
    if (!stopping) await stack.stop();
  }
  process.exit(exitCode);
}

/**
 * Until the API answers its health check within a second (at most 30 s): the calls of clients that
 * hung up (the end of a run) are still being served, and would be in the next run's way.
 */
async function settle(apiUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const t = Date.now();
    try {
      await (await fetch(`${apiUrl}/v1/health`, { signal: AbortSignal.timeout(5_000) })).text();
      if (Date.now() - t < 1_000) return;
    } catch {
      // Still busy.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}

/** Tokens for these people, a few logins at a time. */
async function login(apiUrl: string, people: { id: string }[]): Promise<Person[]> {
  const out: Person[] = new Array(people.length);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const i = next++;
      const person = people[i]!;
      const response = await fetch(`${apiUrl}/v1/auth/dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: person.id }),
      });
      if (response.status !== 200) throw new Error(`dev login of ${person.id}: ${response.status} ${await response.text()}`);
      out[i] = { id: person.id, token: ((await response.json()) as Session).token };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : os.loadavg()[0]!);

function reportOf(r: {
  flags: Flags;
  mix: ReturnType<typeof mixOf>;
  departments: number;
  categories: number;
  /** Stations added beside the demo park's. */
  stations: number;
  seconds: number;
  stats: LoadStats;
  warmup: { workers: WarmResult; stats: LoadStats };
  check: CheckResult;
  loadAverage: number;
  tookSeconds: number;
}): string {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the report says so.
  }
  const { check, stats } = r;
  const totals = stats.totals;
  const lost = check.lost.length;
  const limit = RATE_RULES.readIp.limit;
  const lines = [
    `## Load: ${r.flags.users} virtual users for ${r.flags.seconds} s`,
    '',
    `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ` +
      `commit ${commit}; load average during the run ${r.loadAverage.toFixed(1)} (other work on the machine included); the whole run took ${(r.tookSeconds / 60).toFixed(1)} min.`,
    '',
    `Stack on 127.0.0.1: DynamoDB Local in memory, serverless-offline with warm handlers ` +
      (r.flags.workers
        ? '(a worker per simultaneous call, as Lambda runs instances: --workers)'
        : `(all in serverless-offline's own process, PARKLINK_IN_PROCESS: no worker, so no cold start, per simultaneous call)`) +
      `, s3rver; the load generator ` +
      `(autocannon) on the same 2 cores. **RATE_LIMIT_FACTOR=${r.flags.rateLimitFactor}** for this run: every rider calls from ` +
      `127.0.0.1, so the public read limit of ${limit} a minute per address is raised to ${grouped(limit * r.flags.rateLimitFactor)}.`,
    '',
    `Virtual users, one connection each, one call at a time, no think time: ${r.mix.enterprises} enterprises (submit in ${r.categories} ` +
      `categories, then list their own), ${r.mix.liaisons} liaisons in ${r.departments} departments (list the pool, claim one of its 3 most urgent — ` +
      `colleagues race for the same ones — and reply to what they won), ${r.mix.riders} riders (the nearest 10 ` +
      `of the demo park's 6 stations and ${r.stations} added around them, then one of those). Latencies are of every answer, 409s and 429s included; errors are 5xx answers and socket errors.`,
    '',
    r.stats.markdown(r.seconds),
    '',
    `Before it, not measured: ${r.warmup.workers.bursts} bursts of up to as many simultaneous calls as each function sees ` +
      `(${r.warmup.workers.seconds.toFixed(0)} s, the last one's slowest call ${(r.warmup.workers.slowest / 1000).toFixed(1)} s) so that every virtual user meets a warm handler, ` +
      `then ${r.flags.warmup} s at full size: ${grouped(r.warmup.stats.totals.answers)} answers, ${grouped(r.warmup.stats.totals.errors)} errors; its writes are in the data check.`,
    '',
    `Measured over ${r.seconds.toFixed(1)} s: ${grouped(totals.answers)} answers, ${(totals.answers / r.seconds).toFixed(0)} requests/s; ` +
      `**${grouped(totals.errors)} errors**; ${grouped(totals.lostRaces)} lost claim races (409), ${grouped(totals.limited)} rate-limited (429), ` +
      `${grouped(totals.other4xx)} other 4xx.`,
    '',
    `Data check (the table read directly): ${grouped(check.requests)} requests in the table ` +
      `(${grouped(check.unacknowledgedRequests)} of them from calls whose answer never reached the client); acknowledged writes: ` +
      `${grouped(check.acknowledged.creates)} creates (replays included), ${grouped(check.acknowledged.claims)} claims, ${grouped(check.acknowledged.replies)} replies.`,
    '',
    lost ? `**${lost} lost writes**:` : '**0 lost writes**',
    ...check.lost.slice(0, 50).map((l) => `- ${l}`),
    ...(lost > 50 ? [`- … and ${lost - 50} more`] : []),
    '',
    check.inconsistent.length
      ? `**${check.inconsistent.length} inconsistencies**:`
      : `**Consistent**: no request has two claimers (at most one claimed event, the assignee is its actor and the one client told it won); ` +
        `every timeline starts with submitted, in time order, version = number of events, status = the last event's; every acknowledged write sits at the version its answer gave.`,
    ...check.inconsistent.slice(0, 50).map((l) => `- ${l}`),
    ...(check.inconsistent.length > 50 ? [`- … and ${check.inconsistent.length - 50} more`] : []),
  ];
  if (totals.limited) {
    lines.push('', `Note: ${grouped(totals.limited)} calls were rate-limited: did RATE_LIMIT_FACTOR reach the stations handler (serverless.yml passes it)?`);
  }
  return lines.join('\n');
}

void main();
