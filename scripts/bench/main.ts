/**
 * `npm run bench` (issue 11): the figures that vary from run to run, measured on this machine and
 * written with it to BENCHMARKS.md as one Markdown table (also printed). Never part of `npm test`.
 *
 * 1. Cold import: every function of serverless.yml (but the dev-only one, which no deployed stage
 *    has) bundled as the deploy bundles it (custom.esbuild: esbuild, minified, cjs, node20,
 *    `@aws-sdk/*` external), and an empty handler bundled the same way; each bundle loaded by a
 *    fresh `node` 20 times, interleaved with the others, timed from the process's start
 *    (performance.timeOrigin) to its `handler` in hand. The SDK is found through NODE_PATH, as
 *    Lambda finds its own copy (/var/runtime/node_modules). Three functions again with the SDK
 *    bundled in, to decide which starts faster.
 * 2. Warm latency (p50/p99) of the main routes against DynamoDB Local: serverless-offline with warm
 *    handlers (PARKLINK_RELOAD_HANDLER=false) over HTTP, and the same handlers called in this
 *    process (`dispatch`), call for call alternately, so the table shows what serverless-offline adds.
 * 3. The h5 build in Debian's Chromium with the CPU slowed ×4 and Chrome DevTools' "Slow 4G",
 *    a fresh context (empty cache) per run: the nearest-stations list for a visitor with a fixed
 *    position, and a logged-in enterprise's request list.
 * 4. The care-stations and ledger benchmarks (scripts/bench/stations.ts, ledger.ts), run as they are,
 *    their headline figures read from their own tables.
 *
 * Flags: --quick (fewer runs, smaller data: a smoke check), --skip-h5, --skip-ledger, --skip-stations,
 * --skip-cold, --skip-latency, --only-h5 (the h5 part alone: its rows and note replace the h5 ones
 * in BENCHMARKS.md, every other row stays as it was),
 * --ledger-rows N (default 10,000), --stations N (default 200,000), --calls N (per route, default 200),
 * --h5-build DIR (reuse an h5 build made for the placeholder API origin, see test/e2e/globalSetup.ts).
 * Progress goes to stderr; the table to stdout and BENCHMARKS.md. Every child process is stopped at
 * the end, on an error and on Ctrl-C.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import type { Session } from '@parklink/contract';
import { configFromEnv } from '../../functions/src/config';
import { functionRoutes } from '../../functions/src/http/all';
import { depsFromConfig, type Deps } from '../../functions/src/http/deps';
import { dispatch, type Route } from '../../functions/src/http/middleware';
import { jsonLogger } from '../../functions/src/ports/logger';
import { gatewayEvent } from '../../functions/test/support/events';
import { ROOT } from '../local/api';
import { freePort } from '../local/ports';
import { startChild, type Child } from '../local/processes';
import { DEV_BUCKET } from '../local/s3';
import { startLocalStack, STACK_TABLE as TABLE } from '../local/stack';
import { E2E_API_PLACEHOLDER, serveStatic } from '../local/web';
import { mergeH5 } from './mergeH5';
import { percentile } from './report';

// The project runs on Node 20 by decision (see README); the SDK's advance notice is not news here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const OUTPUT = resolve(ROOT, 'BENCHMARKS.md');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

// ---------------------------------------------------------------------------------------------
// Flags

interface Flags {
  quick: boolean;
  onlyH5: boolean;
  skipH5: boolean;
  skipLedger: boolean;
  skipStations: boolean;
  skipCold: boolean;
  skipLatency: boolean;
  ledgerRows: number;
  stations: number;
  stationQueries: number;
  calls: number;
  warmCalls: number;
  coldRuns: number;
  h5Runs: number;
  h5Build?: string;
}

function parseFlags(argv: string[]): Flags {
  const has = (name: string) => argv.includes(name);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const count = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v.replaceAll(',', '').replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not ${v}`);
    return n;
  };
  const known = new Set(['--quick', '--only-h5', '--skip-h5', '--skip-ledger', '--skip-stations', '--skip-cold', '--skip-latency', '--ledger-rows', '--stations', '--calls', '--h5-build']);
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown flag ${arg} (known: ${[...known].join(', ')})`);
    if (!arg.startsWith('--') && !['--ledger-rows', '--stations', '--calls', '--h5-build'].includes(argv[i - 1] ?? '')) throw new Error(`unexpected argument ${arg}`);
  }
  const quick = has('--quick');
  const onlyH5 = has('--only-h5');
  if (onlyH5 && has('--skip-h5')) throw new Error('--only-h5 and --skip-h5 exclude each other');
  const stations = count('--stations', quick ? 20_000 : 200_000);
  const h5Build = value('--h5-build');
  return {
    quick,
    onlyH5,
    skipH5: has('--skip-h5'),
    skipLedger: onlyH5 || has('--skip-ledger'),
    skipStations: onlyH5 || has('--skip-stations'),
    skipCold: onlyH5 || has('--skip-cold'),
    skipLatency: onlyH5 || has('--skip-latency'),
    ledgerRows: count('--ledger-rows', quick ? 2_000 : 10_000),
    stations,
    stationQueries: quick ? 100 : 1_000,
    calls: count('--calls', quick ? 20 : 200),
    warmCalls: quick ? 5 : 20,
    coldRuns: quick ? 5 : 20,
    h5Runs: quick ? 2 : 5,
    ...(h5Build ? { h5Build: resolve(h5Build) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Stopping everything: at the end, on an error, on Ctrl-C

const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping: Promise<void> | undefined;

/** Registers a stop; returns a function that runs it now (once) and forgets it. */
function onStop(name: string, stop: () => Promise<void>): () => Promise<void> {
  const entry = { name, stop };
  stops.push(entry);
  return async () => {
    const i = stops.indexOf(entry);
    if (i < 0) return;
    stops.splice(i, 1);
    await stop().catch((error: unknown) => console.error(`stopping ${name}: ${(error as Error).message}`));
  };
}

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    while (stops.length > 0) {
      const { name, stop } = stops.pop()!;
      await stop().catch((error: unknown) => console.error(`stopping ${name}: ${(error as Error).message}`));
    }
  })();
  return stopping;
}

// Every signal, not once: Ctrl-C reaches this process twice (from the terminal, and relayed by tsx),
// and the default action of a second one would exit before the children are stopped.
let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    console.error(`\n${signal}: stopping every child process…`);
    void stopAll().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const log = (line: string) => console.error(line);
const median = (values: number[]) => percentile(values, 0.5);
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const seconds = (v: number) => `${(v / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** The machine's 1-minute load, sampled while a part runs (others' work on a shared machine skews every figure). */
function loadSampler() {
  const samples: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), 5_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    samples.push(os.loadavg()[0]!);
    return samples.reduce((s, v) => s + v, 0) / samples.length;
  };
}

interface Row {
  part: string;
  what: string;
  figure: string;
  against: string;
  detail: string;
}

const rows: Row[] = [];
const notes: string[] = [];
const loads: string[] = [];

// ---------------------------------------------------------------------------------------------
// 1. Cold import of each handler

interface FunctionSpec {
  name: string;
  entry: string;
}

/** The functions a deployed stage has (serverless.yml, without devOnly ones) and the esbuild options it bundles them with. */
function readServerless(): { functions: FunctionSpec[]; options: esbuild.BuildOptions; external: string[]; devOnly: string[] } {
  const doc = parseYaml(readFileSync(resolve(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
    custom: { esbuild: Record<string, unknown> };
    functions: Record<string, { handler: string; devOnly?: boolean }>;
  };
  const e = doc.custom.esbuild;
  const options: esbuild.BuildOptions = {
    bundle: e.bundle as boolean,
    minify: e.minify as boolean,
    sourcemap: e.sourcemap as boolean,
    target: e.target as string,
    platform: e.platform as esbuild.Platform,
    format: e.format as esbuild.Format,
  };
  const external = [...((e.external as string[] | undefined) ?? []), ...((e.exclude as string[] | undefined) ?? [])];
  const all = Object.entries(doc.functions);
  const functions = all
    .filter(([, f]) => !f.devOnly)
    .map(([name, f]) => ({ name, entry: `${f.handler.slice(0, f.handler.lastIndexOf('.'))}.ts` }));
  return { functions, options, external, devOnly: all.filter(([, f]) => f.devOnly).map(([name]) => name) };
}

interface Bundle {
  label: string;
  fn: string;
  sdk: 'external' | 'bundled' | 'none';
  file: string;
  bytes: number;
  /** Bytes in the output by package (node_modules) or own folder, biggest first. */
  inputs: [string, number][];
}

/** A metafile input path as the package it belongs to, or the workspace folder (functions/src, contract/src). */
function inputGroup(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = path.slice(at + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path.split('/').slice(0, 2).join('/');
}

async function buildBundle(
  dir: string,
  label: string,
  fn: string,
  sdk: Bundle['sdk'],
  input: { entry: string } | { contents: string },
  options: esbuild.BuildOptions,
  external: string[],
): Promise<Bundle> {
  const outfile = join(dir, sdk, `${fn}.js`);
  const result = await esbuild.build({
    ...options,
    ...('entry' in input ? { entryPoints: [input.entry] } : { stdin: { contents: input.contents, loader: 'js', resolveDir: ROOT } }),
    absWorkingDir: ROOT,
    outfile,
    external,
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const byGroup = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) byGroup.set(inputGroup(path), (byGroup.get(inputGroup(path)) ?? 0) + bytesInOutput);
  return { label, fn, sdk, file: outfile, bytes: statSync(outfile).size, inputs: [...byGroup.entries()].sort((a, b) => b[1] - a[1]) };
}

/**
 * What the child does: start (its timeOrigin) → the bundle required → handler in hand. It also adds
 * up the time of the bundle's own requires of `@aws-sdk/*` (with everything they load in turn).
 */
const CHILD = [
  "const Module = require('node:module');",
  'const load = Module._load;',
  'let sdk = 0;',
  'let inSdk = false;',
  'Module._load = function (request) {',
  "  if (inSdk || !request.startsWith('@aws-sdk/')) return load.apply(this, arguments);",
  '  inSdk = true;',
  '  const t = performance.now();',
  '  try { return load.apply(this, arguments); } finally { sdk += performance.now() - t; inSdk = false; }',
  '};',
  'const before = performance.now();',
  'const m = require(process.argv[1]);',
  "if (typeof m.handler !== 'function') throw new Error('no handler exported');",
  'const ready = performance.now();',
  'process.stdout.write(JSON.stringify({ ready, require: ready - before, sdk }));',
].join('\n');

interface ColdSample {
  ready: number;
  require: number;
  /** Of which in requires of the SDK (external bundles only). */
  sdk: number;
  wall: number;
}

let coldChild: ChildProcess | undefined;

function coldImportOnce(file: string): Promise<ColdSample> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    // A clean environment (no NODE_OPTIONS from tsx or the shell); NODE_PATH is where the SDK lives,
    // as /var/runtime/node_modules is on NODE_PATH in Lambda.
    const child = spawn(process.execPath, ['-e', CHILD, file], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_PATH: resolve(ROOT, 'node_modules'),
        AWS_REGION: 'cn-north-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    coldChild = child;
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      coldChild = undefined;
      const wall = performance.now() - started;
      if (code !== 0) return reject(new Error(`node ${file} exited ${code}: ${err.trim()}`));
      const { ready, require, sdk } = JSON.parse(out) as { ready: number; require: number; sdk: number };
      resolvePromise({ ready, require, sdk, wall });
    });
  });
}

async function coldImports(flags: Flags): Promise<void> {
  const load = loadSampler();
  const { functions, options, external, devOnly } = readServerless();
  const killChild = onStop('cold-import node', async () => void coldChild?.kill('SIGKILL'));
  const dir = mkdtempSync(join(os.tmpdir(), 'parklink-bench-bundles-'));
  const removeDir = onStop('bundle folder', async () => rmSync(dir, { recursive: true, force: true }));
  try {
    log(`1. bundling ${functions.length} functions (${JSON.stringify(options)}, external ${external.join(', ')}) into ${dir}`);
    const bundles: Bundle[] = [];
    bundles.push(await buildBundle(dir, 'empty handler', 'empty', 'none', { contents: 'exports.handler = async () => ({})' }, options, external));
    for (const f of functions) bundles.push(await buildBundle(dir, f.name, f.name, 'external', { entry: f.entry }, options, external));
    const withSdk = ['requests', 'stations', 'ledgerWorker'].filter((name) => functions.some((f) => f.name === name));
    for (const name of withSdk) {
      const f = functions.find((x) => x.name === name)!;
      bundles.push(await buildBundle(dir, `${name}, SDK bundled`, name, 'bundled', { entry: f.entry }, options, []));
    }

    // Interleaved: every run loads every bundle once, starting one further along each time, so a
    // burst of load on the machine hits all of them alike.
    const samples = new Map<string, ColdSample[]>(bundles.map((b) => [b.file, []]));
    for (let run = 0; run < flags.coldRuns; run++) {
      for (let k = 0; k < bundles.length; k++) {
        const b = bundles[(k + run) % bundles.length]!;
        samples.get(b.file)!.push(await coldImportOnce(b.file));
      }
      log(`   cold-import run ${run + 1}/${flags.coldRuns}`);
    }

    const stat = (b: Bundle) => {
      const s = samples.get(b.file)!;
      return {
        ready: median(s.map((x) => x.ready)),
        require: median(s.map((x) => x.require)),
        sdk: median(s.map((x) => x.sdk)),
        wall: median(s.map((x) => x.wall)),
      };
    };
    const empty = stat(bundles[0]!);
    const externalOf = new Map(bundles.filter((b) => b.sdk === 'external').map((b) => [b.fn, stat(b)]));
    const top = (b: Bundle) =>
      b.inputs
        .slice(0, 3)
        .map(([group, bytes]) => `${group} ${kb(bytes)}`)
        .join(' · ');
    for (const b of bundles) {
      const s = stat(b);
      const against =
        b.sdk === 'none'
          ? 'baseline'
          : `×${(s.ready / empty.ready).toFixed(2)} empty` + (b.sdk === 'bundled' ? `; SDK from runtime ${ms(externalOf.get(b.fn)!.ready)}` : '');
      rows.push({
        part: 'cold import',
        what: b.sdk === 'none' ? '`exports.handler = async () => ({})`' : b.sdk === 'bundled' ? `\`${b.fn}\`, SDK bundled` : `\`${b.fn}\``,
        figure: `${ms(s.ready)} (require ${ms(s.require)}${b.sdk === 'external' ? `, of which SDK ${ms(s.sdk)}` : ''}; process ${ms(s.wall)})`,
        against,
        detail: `bundle ${kb(b.bytes)}${b.sdk === 'none' ? '' : `: ${top(b)}`}`,
      });
    }
    const slowest = bundles.filter((b) => b.sdk === 'external').sort((a, b) => stat(b).ready - stat(a).ready)[0]!;
    const biggest = bundles.filter((b) => b.sdk === 'external').sort((a, b) => b.bytes - a.bytes)[0]!;
    notes.push(
      `Cold import: ${flags.coldRuns} runs of each bundle, interleaved; "start → ready" is \`performance.now()\` in a fresh \`node\` ` +
        `(from the process's time origin) once \`require(bundle).handler\` is a function; "require" is the require alone, ` +
        `"of which SDK" the part of it in the bundle's requires of \`@aws-sdk/*\` (timed by wrapping \`Module._load\`), ` +
        `"process" the whole process as its parent saw it (spawn → exit). Medians. Bundled with ${JSON.stringify(options)}, external ` +
        `${external.join(', ')} (serverless.yml custom.esbuild); \`${devOnly.join(', ')}\` left out (devOnly: no deployed stage has it). ` +
        `The SDK is found through NODE_PATH=node_modules, standing in for the runtime's copy on Lambda's NODE_PATH. ` +
        `Slowest to import: \`${slowest.fn}\` (${ms(stat(slowest).ready)}); biggest bundle: \`${biggest.fn}\` (${kb(biggest.bytes)}: ${top(biggest)}).`,
    );
    // Run by run (each run loaded both within seconds of each other): how often bundling won, and by how much.
    const sdkLines = withSdk.map((name) => {
      const bundledOf = bundles.find((b) => b.fn === name && b.sdk === 'bundled')!;
      const externalBundle = bundles.find((b) => b.fn === name && b.sdk === 'external')!;
      const bundled = stat(bundledOf);
      const fromRuntime = externalOf.get(name)!;
      const a = samples.get(bundledOf.file)!;
      const b = samples.get(externalBundle.file)!;
      const diffs = a.map((x, i) => x.ready - b[i]!.ready);
      const wins = diffs.filter((d) => d < 0).length;
      const signed = (v: number) => `${v > 0 ? '+' : ''}${ms(v)}`;
      return (
        `\`${name}\` ${ms(fromRuntime.ready)} from the runtime vs ${ms(bundled.ready)} bundled ` +
        `(bundled faster in ${wins} of ${diffs.length} runs; median difference run by run ${signed(median(diffs))})`
      );
    });
    notes.push(`AWS SDK, start → ready: ${sdkLines.join('; ')}.`);
  } finally {
    await removeDir();
    await killChild();
  }
  loads.push(`cold import ${load().toFixed(1)}`);
}

// ---------------------------------------------------------------------------------------------
// The local stack for 2 and 3

interface Stack {
  apiUrl: string;
  webPort: number;
  s3Endpoint: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

async function startStack(): Promise<Stack> {
  // The h5 site's port first: the API answers CORS for that origin only (webOrigins.cjs).
  const webPort = await freePort();
  const local = startLocalStack({
    name: `bench-${process.pid}`,
    env: {
      PARKLINK_WEB_PORT: String(webPort),
      // Every call comes from 127.0.0.1: the public station routes' limits would stop the run. The
      // limiter still counts every call.
      RATE_LIMIT_FACTOR: '1000',
    },
  });
  const stop = onStop('the loopback stack', () => local.stop());
  const api = await local.ready;
  return { apiUrl: api.apiUrl, webPort, s3Endpoint: api.s3Endpoint, dynamoEndpoint: api.dynamoEndpoint, stop };
}

async function apiCall<T>(apiUrl: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const devLogin = (apiUrl: string, userId: string) => apiCall<Session>(apiUrl, 'POST', '/v1/auth/dev', undefined, { userId });

// ---------------------------------------------------------------------------------------------
// 2. Warm latency

interface Call {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

type Mode = 'offline' | 'inProcess';

interface RouteBench {
  label: string;
  /** The serverless.yml function that serves it. */
  fn: keyof typeof functionRoutes;
  /** The call; `id` (a created request's id) is returned by creates for claims and replies to use. */
  call(mode: Mode, n: number): Call;
  after?(mode: Mode, body: unknown): void;
}

const ENTERPRISE = 'u-ent-xinrui';
const LIAISON = 'u-approvals-1';
const ADMIN = 'u-admin';
const STATION = 'st-service-center';

/** A China date (YYYY-MM-DD) `days` from today. */
const chinaDate = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

function newRequestBody(n: number) {
  return {
    categoryId: 'cat-approval',
    title: `基准测试诉求 ${n}：厂房消防验收`,
    description: '新厂房消防验收材料已于上周提交，想了解审批进度和还缺哪些材料。',
    fields: {},
  };
}

interface People {
  enterprise: Session;
  liaison: Session;
  admin: Session;
  /** Requests by the enterprise, the first 10 claimed and answered. */
  seeded: string[];
}

/**
 * Logs the three users in and gives them something to list: 30 requests by the enterprise in a
 * category the liaison's department serves, 10 of them claimed and answered (the replies reach the
 * enterprise's inbox). Through the API, as the app would.
 */
async function seedPeople(apiUrl: string): Promise<People> {
  const [enterprise, liaison, admin] = await Promise.all([devLogin(apiUrl, ENTERPRISE), devLogin(apiUrl, LIAISON), devLogin(apiUrl, ADMIN)]);
  log('   seeding 30 requests (10 claimed and answered) through the API');
  const seeded: string[] = [];
  for (let i = 0; i < 30; i++) seeded.push((await apiCall<{ id: string }>(apiUrl, 'POST', '/v1/requests', enterprise.token, newRequestBody(-i))).id);
  for (const id of seeded.slice(0, 10)) {
    await apiCall(apiUrl, 'POST', `/v1/requests/${id}/claim`, liaison.token, {});
    await apiCall(apiUrl, 'POST', `/v1/requests/${id}/replies`, liaison.token, { message: '已收到，正在与审批科室核实材料，明天上午前答复您。' });
  }
  return { enterprise, liaison, admin, seeded };
}

async function warmLatency(flags: Flags, stack: Stack, people: People): Promise<void> {
  const load = loadSampler();
  const { apiUrl } = stack;
  const { enterprise, liaison, admin } = people;
  const someRequest = people.seeded[15]!;
  log('2. warm latency');

  const deps: Deps = depsFromConfig(
    // What serverless-offline gives the handlers (serverless.yml, stage dev), pointed at the same emulators.
    configFromEnv({
      STAGE: 'dev',
      TABLE_NAME: TABLE,
      DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
      S3_ENDPOINT: stack.s3Endpoint,
      BUCKET_NAME: DEV_BUCKET,
      AWS_REGION: 'cn-north-1',
      RATE_LIMIT_FACTOR: '1000',
    }),
    // The same log line made (and redacted) as in Lambda, then dropped instead of printed.
    { log: jsonLogger(() => {}) },
  );
  const stopDeps = onStop('in-process clients', async () => deps.db.doc.destroy());

  const created: Record<Mode, string[]> = { offline: [], inProcess: [] };
  const claimed: Record<Mode, string[]> = { offline: [], inProcess: [] };
  const take = (list: string[]) => {
    const id = list.shift();
    if (!id) throw new Error(`no fresh request left to act on (created ${created.offline.length}/${created.inProcess.length}, claimed ${claimed.offline.length}/${claimed.inProcess.length})`);
    return id;
  };
  const from = `${chinaDate().slice(0, 8)}01`;
  let keys = 0;
  const benches: RouteBench[] = [
    { label: 'GET /v1/me', fn: 'me', call: () => ({ method: 'GET', path: '/v1/me', token: enterprise.token }) },
    { label: 'GET /v1/categories', fn: 'categories', call: () => ({ method: 'GET', path: '/v1/categories', token: enterprise.token }) },
    { label: 'GET /v1/requests?scope=mine (enterprise)', fn: 'requests', call: () => ({ method: 'GET', path: '/v1/requests?scope=mine', token: enterprise.token }) },
    { label: 'GET /v1/requests?scope=pool (liaison)', fn: 'requests', call: () => ({ method: 'GET', path: '/v1/requests?scope=pool', token: liaison.token }) },
    { label: 'GET /v1/requests/{id}', fn: 'requests', call: () => ({ method: 'GET', path: `/v1/requests/${someRequest}`, token: enterprise.token }) },
    { label: 'GET /v1/inbox', fn: 'inbox', call: () => ({ method: 'GET', path: '/v1/inbox', token: enterprise.token }) },
    { label: 'GET /v1/stations/nearby', fn: 'stations', call: () => ({ method: 'GET', path: '/v1/stations/nearby?lat=41.3&lng=123.77' }) },
    { label: 'GET /v1/stations/{id}', fn: 'stations', call: () => ({ method: 'GET', path: `/v1/stations/${STATION}` }) },
    { label: 'GET /v1/needs', fn: 'market', call: () => ({ method: 'GET', path: '/v1/needs', token: enterprise.token }) },
    { label: 'GET /v1/cases (admin)', fn: 'cases', call: () => ({ method: 'GET', path: '/v1/cases', token: admin.token }) },
    {
      label: 'GET /v1/dashboard (admin, this month)',
      fn: 'dashboard',
      call: () => ({ method: 'GET', path: `/v1/dashboard?from=${from}&to=${chinaDate()}`, token: admin.token }),
    },
    {
      label: 'POST /v1/requests (Idempotency-Key)',
      fn: 'requests',
      call: (_mode, n) => ({
        method: 'POST',
        path: '/v1/requests',
        token: enterprise.token,
        body: newRequestBody(n),
        headers: { 'idempotency-key': `bench-${process.pid}-${++keys}` },
      }),
      after: (mode, body) => {
        const id = (body as { id?: string }).id;
        if (!id) throw new Error(`a created request without an id: ${JSON.stringify(body).slice(0, 300)}`);
        created[mode].push(id);
      },
    },
    {
      label: 'POST /v1/requests/{id}/claim (fresh request)',
      fn: 'requests',
      call: (mode) => {
        const id = take(created[mode]);
        claimed[mode].push(id);
        return { method: 'POST', path: `/v1/requests/${id}/claim`, token: liaison.token, body: {} };
      },
    },
    {
      label: 'POST /v1/requests/{id}/replies (just claimed)',
      fn: 'requests',
      call: (mode) => ({
        method: 'POST',
        path: `/v1/requests/${take(claimed[mode])}/replies`,
        token: liaison.token,
        body: { message: '已收到，正在与审批科室核实材料，明天上午前答复您。' },
      }),
    },
  ];

  const overHttp = async (c: Call): Promise<{ ms: number; status: number; body: string }> => {
    const started = performance.now();
    const res = await fetch(`${apiUrl}${c.path}`, {
      method: c.method,
      headers: {
        ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
        ...c.headers,
      },
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
    });
    const body = await res.text();
    return { ms: performance.now() - started, status: res.status, body };
  };
  const inProcess = async (routes: Route[], c: Call): Promise<{ ms: number; status: number; body: string }> => {
    const event = gatewayEvent(c.method, c.path, {
      ...(c.token ? { token: c.token } : {}),
      ...(c.body === undefined ? {} : { body: c.body }),
      ...(c.headers ? { headers: c.headers } : {}),
    });
    const started = performance.now();
    const result = await dispatch(routes, event, deps);
    return { ms: performance.now() - started, status: result.statusCode, body: String(result.body ?? '') };
  };

  try {
    for (const bench of benches) {
      const routes = functionRoutes[bench.fn] as Route[];
      const times: Record<Mode, number[]> = { offline: [], inProcess: [] };
      const sizes: number[] = [];
      let n = 0;
      const once = async (mode: Mode, measured: boolean) => {
        const c = bench.call(mode, ++n);
        const r = mode === 'offline' ? await overHttp(c) : await inProcess(routes, c);
        if (r.status < 200 || r.status > 299) throw new Error(`${bench.label} (${mode}) answered ${r.status}: ${r.body.slice(0, 500)}`);
        bench.after?.(mode, JSON.parse(r.body));
        if (measured) times[mode].push(r.ms);
        if (measured && mode === 'offline') sizes.push(Buffer.byteLength(r.body));
      };
      // Warm-up (first loads, JIT, sockets), then call for call alternately, each first every other time.
      for (let i = 0; i < flags.warmCalls; i++) {
        await once('offline', false);
        await once('inProcess', false);
      }
      for (let i = 0; i < flags.calls; i++) {
        const order: Mode[] = i % 2 === 0 ? ['offline', 'inProcess'] : ['inProcess', 'offline'];
        for (const mode of order) await once(mode, true);
      }
      const p = (mode: Mode, q: number) => percentile(times[mode], q);
      rows.push({
        part: 'warm latency',
        what: bench.label,
        figure: `p50 ${ms(p('offline', 0.5))} · p99 ${ms(p('offline', 0.99))}`,
        against: `in-process p50 ${ms(p('inProcess', 0.5))} · p99 ${ms(p('inProcess', 0.99))}`,
        detail: `serverless-offline adds ${ms(p('offline', 0.5) - p('inProcess', 0.5))} at p50; \`${bench.fn}\`; body ${(median(sizes) / 1024).toFixed(1)} KB`,
      });
      log(`   ${bench.label}: ${rows.at(-1)!.figure}; ${rows.at(-1)!.against}`);
    }
  } finally {
    await stopDeps();
  }
  notes.push(
    `Warm latency: ${flags.calls} sequential calls per route after ${flags.warmCalls} unmeasured ones, over HTTP to serverless-offline ` +
      `(warm handlers, PARKLINK_RELOAD_HANDLER=false) and in this process (\`dispatch\` with deps from \`depsFromConfig\`, stage dev), ` +
      `one call each way in turn, against the same DynamoDB Local (in memory, the demo park plus 30 requests seeded through the API). ` +
      `HTTP figures run from \`fetch\` to the last byte of the body; in-process ones around \`dispatch\`. Nearest-rank percentiles. ` +
      `Users: enterprise ${ENTERPRISE}, liaison ${LIAISON}, admin ${ADMIN}; RATE_LIMIT_FACTOR=1000 (all calls come from 127.0.0.1).`,
  );
  loads.push(`warm latency ${load().toFixed(1)}`);
}

// ---------------------------------------------------------------------------------------------
// 3. h5 in headless Chromium, CPU ×4, Slow 4G

/** Chrome DevTools' "Slow 4G" preset (its NetworkManager: 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up, 150 ms × 3.75). */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1000 * 1000) / 8 * 0.9, uploadThroughput: (750 * 1000) / 8 * 0.9 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };
/** Beside the park's service centre (WGS-84, as browsers give it), as in test/e2e/stations.test.ts. */
const HERE = { latitude: 41.2946, longitude: 123.7663 };
const GOAL_STATIONS_MS = 2_500;
const GOAL_REQUESTS_MS = 3_500;

async function buildH5(): Promise<string> {
  const out = resolve(ROOT, `client/dist/h5-bench-${process.pid}`);
  onStop('h5 build folder', async () => rmSync(out, { recursive: true, force: true }));
  log(`3. building the h5 client into ${out} (about two minutes)`);
  const started = performance.now();
  const child: Child = startChild('h5', resolve(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: resolve(ROOT, 'client'),
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: E2E_API_PLACEHOLDER, PARKLINK_OUTPUT_ROOT: out },
  });
  const stopBuild = onStop('taro build', () => child.stop());
  const code = await new Promise<number | null>((done) => {
    if (child.process.exitCode !== null) return done(child.process.exitCode);
    child.process.once('exit', (c) => done(c));
  });
  await stopBuild();
  if (code !== 0 || !existsSync(join(out, 'index.html'))) throw new Error(`taro build exited ${code}:\n${child.output()}`);
  log(`   built in ${seconds(performance.now() - started)}`);
  return out;
}

/** Minutes from now to 10:00 China time on the next Wednesday that is no holiday (test/e2e/stations.test.ts). */
async function offsetToWednesdayTen(apiUrl: string, adminToken: string): Promise<number> {
  const { holidays } = await apiCall<{ holidays: string[] }>(apiUrl, 'GET', '/v1/calendar', adminToken);
  const CST = 8 * 3_600_000;
  const DAY = 86_400_000;
  const now = Date.now();
  const todayStart = Math.floor((now + CST) / DAY) * DAY - CST;
  for (let d = 0; d < 60; d++) {
    const start = todayStart + d * DAY;
    const local = new Date(start + CST);
    if (local.getUTCDay() !== 3 || holidays.includes(local.toISOString().slice(0, 10))) continue;
    const ten = start + 10 * 3_600_000;
    if (ten > now) return Math.round((ten - now) / 60_000);
  }
  throw new Error('no ordinary Wednesday in the next 60 days');
}

async function launchChromium(): Promise<Browser> {
  // As test/e2e/browser.ts launches it: Debian's Chromium, never a downloaded one.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Records in the page when `selector` first matches a laid-out element (not inside a hidden page:
 * Taro keeps pages it left in the DOM): `__benchSeen<name>` at the DOM change, `__benchVisible<name>`
 * at the next animation frame, both from the navigation's start (performance.now()), and in
 * `__benchEarly<name>` whether it was index.html's early list (client/src/early/stationsScreen.ts)
 * rather than the app's page. Plain JavaScript in a string: a function would reach the page as tsx
 * compiled it, helpers and all.
 */
const visibilityProbe = (selector: string, name = '') => `(() => {
  const selector = ${JSON.stringify(selector)};
  const visible = () => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const observer = new MutationObserver(() => {
    if (window.__benchSeen${name} !== undefined || !visible()) return;
    window.__benchSeen${name} = performance.now();
    window.__benchEarly${name} = !!document.querySelector(selector).closest('.early-screen');
    observer.disconnect();
    requestAnimationFrame(() => { window.__benchVisible${name} = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface PageRun {
  ms: number;
  /** Whether what showed first was index.html's early list, not the app's page. */
  early: boolean;
  /** When the app's own page showed it (`appSelector`), if asked. */
  appMs?: number;
  h5Bytes: number;
  apiBytes: number;
  h5Requests: number;
  h5Urls: string[];
  /** When the last h5 file and the last API answer before the list arrived (ms from navigation start). */
  lastH5: number;
  lastApi: number;
  /** Every request of the run, from the DevTools protocol (ms from the navigation's request). */
  waterfall: WaterfallEntry[];
}

interface WaterfallEntry {
  url: string;
  method: string;
  /** DevTools' resource type: Document, Script, Stylesheet, Fetch, Preflight, … */
  type: string;
  start: number;
  end?: number;
  bytes?: number;
  encoding?: string;
  failed?: string;
}

/** A run's requests as a table: when each started and ended, its bytes on the wire and encoding. */
function waterfallText(run: PageRun, origins: Record<string, string>): string {
  const short = (u: string) => {
    if (u.startsWith('data:')) return `${u.slice(0, 30)}…`;
    for (const [origin, name] of Object.entries(origins)) if (u.startsWith(origin)) return `${name}${u.slice(origin.length)}`;
    return u;
  };
  const lines = [`visible at ${Math.round(run.ms)} ms`, '   start      end     bytes  enc   type        request'];
  for (const e of [...run.waterfall].sort((a, b) => a.start - b.start)) {
    const end = e.end === undefined ? '…' : String(Math.round(e.end));
    lines.push(
      `${String(Math.round(e.start)).padStart(8)} ${end.padStart(8)} ${String(e.bytes ?? '').padStart(9)}  ${(e.encoding ?? '-').padEnd(5)} ${e.type.padEnd(11)} ` +
        `${e.method} ${short(e.url)}${e.failed ? ` (${e.failed})` : ''}`,
    );
  }
  return lines.join('\n');
}

async function timePage(
  browser: Browser,
  url: string,
  selector: string,
  webOrigin: string,
  prepare: (context: BrowserContext) => Promise<void>,
  contextOptions: Parameters<Browser['newContext']>[0] = {},
  appSelector?: string,
): Promise<PageRun> {
  const context = await browser.newContext({ ...PHONE, ...contextOptions });
  try {
    await prepare(context);
    await context.addInitScript({ content: visibilityProbe(selector) });
    if (appSelector) await context.addInitScript({ content: visibilityProbe(appSelector, 'App') });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const urls = new Map<string, string>();
    let h5Bytes = 0;
    let apiBytes = 0;
    const h5Urls: string[] = [];
    const requests = new Map<string, WaterfallEntry & { at: number }>();
    let origin: number | undefined;
    const since = (timestamp: number) => (timestamp - (origin ?? timestamp)) * 1000;
    cdp.on('Network.requestWillBeSent', (e) => {
      urls.set(e.requestId, e.request.url);
      if (origin === undefined && e.type === 'Document') origin = e.timestamp;
      // A redirect reuses the id: the entry keeps the first start.
      const known = requests.get(e.requestId);
      requests.set(e.requestId, { url: e.request.url, method: e.request.method, type: e.type ?? '?', at: e.timestamp, start: since(known?.at ?? e.timestamp) });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      const found = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
      if (r && found) r.encoding = String(found[1]);
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: since(e.timestamp), failed: e.errorText });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const u = urls.get(e.requestId) ?? '';
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: since(e.timestamp), bytes: e.encodedDataLength });
      if (u.startsWith('data:')) return;
      if (u.startsWith(webOrigin)) {
        h5Bytes += e.encodedDataLength;
        h5Urls.push(u);
      } else apiBytes += e.encodedDataLength;
    });
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    // A function, not a string: the site's content security policy forbids eval.
    const handle = await page
      .waitForFunction(() => (window as unknown as { __benchVisible?: number }).__benchVisible, undefined, { timeout: 60_000, polling: 100 })
      .catch(async (error: unknown) => {
        const shot = resolve(ROOT, '.artifacts/bench/h5-failed.png');
        mkdirSync(dirname(shot), { recursive: true });
        await page.screenshot({ path: shot }).catch(() => {});
        const found = await page.locator(selector).count().catch(() => -1);
        throw new Error(`${url}: no visible ${selector} within 60 s (${found} in the DOM; screenshot ${shot}): ${(error as Error).message}`);
      });
    const visibleMs = (await handle.jsonValue()) as number;
    const early = await page.evaluate(() => (window as unknown as { __benchEarly?: boolean }).__benchEarly === true);
    const appMs = appSelector
      ? ((await (
          await page.waitForFunction(() => (window as unknown as { __benchVisibleApp?: number }).__benchVisibleApp, undefined, { timeout: 60_000, polling: 100 })
        ).jsonValue()) as number)
      : undefined;
    // Where the time went, from the page's own resource timing (no named inner functions: tsx would add helpers).
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({ name: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
    );
    const before = entries.filter((e) => e.end <= visibleMs);
    const lastH5 = Math.max(0, ...before.filter((e) => e.name.startsWith(webOrigin)).map((e) => e.end));
    const lastApi = Math.max(0, ...before.filter((e) => !e.name.startsWith(webOrigin)).map((e) => e.end));
    // The bytes that had arrived when the list showed (requests still under way are not counted).
    const waterfall = [...requests.values()].map(({ at: _at, ...entry }) => entry);
    return { ms: visibleMs, early, ...(appMs === undefined ? {} : { appMs }), h5Bytes, apiBytes, h5Requests: h5Urls.length, h5Urls: [...h5Urls], lastH5, lastApi, waterfall };
  } finally {
    await context.close();
  }
}

/** What the h5 files of a run weigh uncompressed (as built; unknown paths are index.html). */
function rawBytes(build: string, urls: string[]): number {
  let total = 0;
  for (const u of new Set(urls)) {
    const path = new URL(u).pathname;
    let file = join(build, decodeURIComponent(path));
    if (!existsSync(file) || !statSync(file).isFile()) file = join(build, 'index.html');
    total += statSync(file).size;
  }
  return total;
}

/** The encodings the h5 files of a run came in (`br`, `gzip`, `none`). */
function encodingsOf(run: PageRun, webOrigin: string): string {
  const found = new Set(run.waterfall.filter((e) => e.url.startsWith(webOrigin) && e.bytes !== undefined).map((e) => e.encoding ?? 'none'));
  return [...found].sort().join(' + ') || 'none';
}

async function h5Pages(flags: Flags, stack: Stack, build: string, people: People): Promise<void> {
  const load = loadSampler();
  const web = await serveStatic(build, stack.webPort, { apiBase: stack.apiUrl, connect: [stack.s3Endpoint] });
  const closeWeb = onStop('h5 server', () => web.close());
  const { admin } = people;
  // The stations' opening hours follow the clock: 10:00 on an ordinary Wednesday, as the browser test does.
  await apiCall(stack.apiUrl, 'PUT', '/v1/dev/clock', admin.token, { offsetMinutes: await offsetToWednesdayTen(stack.apiUrl, admin.token) });
  const browser = await launchChromium();
  const closeBrowser = onStop('Chromium', () => browser.close());
  try {
    const stations: PageRun[] = [];
    const requests: PageRun[] = [];
    // Its own session (a token in storage, as after logging in on the page).
    const session = await devLogin(stack.apiUrl, ENTERPRISE);
    for (let run = 0; run < flags.h5Runs; run++) {
      // (a) A first-time visitor with a fixed position: the stations page is the app's first page.
      stations.push(
        // Either list counts: index.html's early one (early/stationsScreen.ts) or the app's page.
        await timePage(
          browser,
          `${web.url}/`,
          '.station-card',
          web.url,
          async () => {},
          { geolocation: HERE, permissions: ['geolocation'] },
          '#app .stations-page .station-card',
        ),
      );
      // (b) A logged-in enterprise opens its request list: the session (from POST /v1/auth/dev) is
      // in storage as the client keeps it (Taro.setStorageSync → localStorage {data}) before the page runs.
      requests.push(
        await timePage(browser, `${web.url}/#/pages/requests/mine/index`, '.list-page .request-item', web.url, async (context) => {
          const [key, value] = [JSON.stringify('parklink.session'), JSON.stringify(JSON.stringify({ data: session }))];
          await context.addInitScript({ content: `if (!localStorage.getItem(${key})) localStorage.setItem(${key}, ${value});` });
        }),
      );
      log(`   h5 run ${run + 1}/${flags.h5Runs}: stations ${seconds(stations.at(-1)!.ms)}, requests ${seconds(requests.at(-1)!.ms)}`);
    }
    const verdict = (value: number, goal: number) => `goal < ${seconds(goal)}: ${value < goal ? 'met' : 'not met'}`;
    const runsOf = (list: PageRun[]) => list.map((r) => (r.ms / 1000).toFixed(2)).join(', ');
    const earlyOf = (list: PageRun[]) => {
      const n = list.filter((r) => r.early).length;
      return `index.html's early list first in ${n} of ${list.length} runs`;
    };
    const arrivals = (list: PageRun[]) =>
      `last h5 file in at ${seconds(median(list.map((r) => r.lastH5)))}, last API answer at ${seconds(median(list.map((r) => r.lastApi)))}`;
    /** Bytes, files and encodings of the h5 site, and the API calls (CORS preflights apart) of a page's runs. */
    const traffic = (list: PageRun[]) => {
      const typical = list[0]!;
      const api = typical.waterfall.filter((e) => !e.url.startsWith(web.url) && !e.url.startsWith('data:') && e.end !== undefined && e.end <= typical.ms);
      const preflights = api.filter((e) => e.type === 'Preflight' || e.method === 'OPTIONS').length;
      return (
        `h5 ${kb(median(list.map((r) => r.h5Bytes)))} on the wire in ${typical.h5Requests} files (${encodingsOf(typical, web.url)}; ` +
        `${kb(rawBytes(build, typical.h5Urls))} as built), API ${kb(median(list.map((r) => r.apiBytes)))} in ${api.length - preflights} call${api.length - preflights === 1 ? '' : 's'} ` +
        `+ ${preflights} CORS preflight${preflights === 1 ? '' : 's'}`
      );
    };
    const s = median(stations.map((r) => r.ms));
    rows.push({
      part: 'h5, CPU ×4, Slow 4G',
      what: '(a) nearest-stations list visible, first-time visitor with a position',
      figure: seconds(s),
      against: verdict(s, GOAL_STATIONS_MS),
      detail:
        `runs ${runsOf(stations)} s; ${earlyOf(stations)}; the app's own list at ${seconds(median(stations.map((r) => r.appMs ?? r.ms)))} ` +
        `(runs ${stations.map((r) => ((r.appMs ?? r.ms) / 1000).toFixed(2)).join(', ')} s); ${arrivals(stations)}; ${traffic(stations)}`,
    });
    const q = median(requests.map((r) => r.ms));
    rows.push({
      part: 'h5, CPU ×4, Slow 4G',
      what: '(b) logged-in enterprise: its request list visible',
      figure: seconds(q),
      against: verdict(q, GOAL_REQUESTS_MS),
      detail: `runs ${runsOf(requests)} s; ${arrivals(requests)}; ${traffic(requests)}`,
    });
    // The first run of each, request by request (the cache is empty in every run).
    const origins = { [web.url]: 'h5', [stack.apiUrl]: 'API ' };
    const waterfalls =
      `(a) ${web.url}/ — ${waterfallText(stations[0]!, origins)}\n\n` +
      `(b) ${web.url}/#/pages/requests/mine/index — ${waterfallText(requests[0]!, origins)}\n`;
    const waterfallFile = resolve(ROOT, '.artifacts/bench/h5-waterfall.txt');
    mkdirSync(dirname(waterfallFile), { recursive: true });
    writeFileSync(waterfallFile, waterfalls);
    log(`   the first run of each, request by request (also in ${waterfallFile}):\n${waterfalls.replace(/^/gm, '   ')}`);
    notes.push(
      `h5: the production build (\`taro build --type h5\`, as test/e2e/globalSetup.ts makes it) served by scripts/local/web.ts \`serveStatic\` ` +
        `(brotli or gzip by Accept-Encoding from the files the build compressed, with the deployed security headers) in Debian's Chromium (${browser.version()}, headless), ${flags.h5Runs} runs of each, ` +
        `each in a fresh context (empty cache and storage), phone viewport 390×844. Through the DevTools protocol: ` +
        `\`Emulation.setCPUThrottlingRate {rate: ${CPU_SLOWDOWN}}\` and \`Network.emulateNetworkConditions\` with Slow 4G as Chrome DevTools defines it: ` +
        `latency ${SLOW_4G.latency} ms, download ${grouped(SLOW_4G.downloadThroughput)} B/s (1.44 Mbit/s), upload ${grouped(SLOW_4G.uploadThroughput)} B/s (675 kbit/s), ` +
        `on every request (the API too). The time runs from the navigation's start to the animation frame after the first item ` +
        `(\`.station-card\`, \`.request-item\`) is laid out, observed in the page; for (a) either list counts — the one index.html's early script ` +
        `draws from the early search's answer (client/src/early/stationsScreen.ts, the page's look, taps carried out by the app) or the app's own page — ` +
        `and the app's own list (\`#app .stations-page .station-card\`) is timed too. (a) grants geolocation at ${HERE.latitude}, ${HERE.longitude} ` +
        `with the business clock at 10:00 on a Wednesday (stations open); (b) logs in with POST /v1/auth/dev (${ENTERPRISE}) and puts the ` +
        `session into localStorage (\`parklink.session\`, Taro's \`{data}\` wrapper) before the page runs, then opens #/pages/requests/mine/index — ` +
        `the login page is not driven. Bytes: \`encodedDataLength\` of the responses finished by then (on the wire: compressed, with headers). ` +
        `The first run of each, request by request: .artifacts/bench/h5-waterfall.txt (also printed). The emulation leaves CORS preflights ` +
        `unthrottled (they answer in a few ms here): on a real network each is one more round trip before its call.`,
    );
  } finally {
    await closeBrowser();
    await closeWeb();
  }
  loads.push(`h5 ${load().toFixed(1)}`);
}

// ---------------------------------------------------------------------------------------------
// 4. The care-stations and ledger benchmarks, as they are

async function runBench(name: string, script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  let output = '';
  const child = startChild(name, TSX, [resolve(__dirname, script)], { cwd: ROOT, env: { ...process.env, ...env } });
  const stop = onStop(name, () => child.stop());
  const echo = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split(/\r?\n|\r/)) if (line.trim() && !line.startsWith('|')) log(`   [${name}] ${line.trim()}`);
  };
  child.process.stdout?.on('data', echo);
  child.process.stderr?.on('data', echo);
  const code = await new Promise<number | null>((done) => {
    if (child.process.exitCode !== null) return done(child.process.exitCode);
    child.process.once('exit', (c) => done(c));
  });
  await stop();
  return { code, output };
}

const cellsOf = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

async function stationsBench(flags: Flags): Promise<void> {
  const load = loadSampler();
  log(`4. npm run bench:stations with ${grouped(flags.stations)} stations, ${grouped(flags.stationQueries)} queries (minutes)`);
  const { code, output } = await runBench('bench:stations', 'stations.ts', { BENCH_STATIONS: String(flags.stations), BENCH_QUERIES: String(flags.stationQueries) });
  const all = output.split('\n').find((l) => l.startsWith('| all |'));
  const seeding = /stations seeded in (\d+) s/.exec(output)?.[1];
  if (code !== 0 || !all) {
    rows.push({ part: 'care stations', what: `nearest 10 among ${grouped(flags.stations)} stations`, figure: `failed (exit ${code})`, against: '', detail: output.trim().split('\n').slice(-3).join(' / ') });
  } else {
    // | all | queries | mismatches | items read: mean | p50 | p99 | max | under 0.5% | precision | handler p50 | handler p99 | round trips p50 | max |
    const c = cellsOf(all);
    rows.push({
      part: 'care stations',
      what: `nearest 10 among ${grouped(flags.stations)} stations (\`npm run bench:stations\`, ${c[1]} queries)`,
      figure: `handler p50 ${c[9]} · p99 ${c[10]}`,
      against: `items read p99 ${c[5]}, max ${c[6]} of the table; ${c[7]} of queries read under 0.5% (the goal)`,
      detail: `${c[2]} mismatches against brute force; rounds of cell queries p50 ${c[11]}, max ${c[12]} (then the calendars: one more); seeding ${seeding ?? '?'} s`,
    });
  }
  loads.push(`stations bench ${load().toFixed(1)}`);
}

async function ledgerBench(flags: Flags): Promise<void> {
  const load = loadSampler();
  log(`4. npm run bench:ledger with ${grouped(flags.ledgerRows)} requests (minutes)`);
  const { code, output } = await runBench('bench:ledger', 'ledger.ts', { BENCH_LEDGER_REQUESTS: String(flags.ledgerRows) });
  const lines = output.split('\n').filter((l) => /^\| (XLSX|CSV) \|/.test(l));
  const seeding = /seeded in (\d+) s/.exec(output)?.[1];
  if (code !== 0 || lines.length === 0) {
    rows.push({ part: 'ledger export', what: `${grouped(flags.ledgerRows)} requests`, figure: `failed (exit ${code})`, against: '', detail: output.trim().split('\n').slice(-3).join(' / ') });
  }
  // | format | rows exported | rows in the file | time | rows/s | of which writing | peak RSS | RSS before | peak heap | file |
  for (const line of [...new Set(lines)]) {
    const c = cellsOf(line);
    rows.push({
      part: 'ledger export',
      what: `${c[0]}, ${grouped(flags.ledgerRows)} requests in a month (\`npm run bench:ledger\`)`,
      figure: `${c[3]} (${c[4]} rows/s)`,
      against: `worker: 15 min, 1,024 MB; peak RSS ${c[6]}`,
      detail: `${c[2]} of ${c[1]} rows in the file (${c[9]}); writing from memory ${c[5]}; peak heap ${c[8]}; seeding ${seeding ?? '?'} s`,
    });
  }
  loads.push(`ledger bench ${load().toFixed(1)}`);
}

// ---------------------------------------------------------------------------------------------
// The report

function machine(): string {
  const cpus = os.cpus();
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) osName = `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux
  }
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${osName}, Node ${process.version}`;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function table(): string {
  const escape = (s: string) => s.replaceAll('|', '\\|');
  const lines = ['| part | what | figure | against | detail |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${[r.part, r.what, r.figure, r.against, r.detail].map(escape).join(' | ')} |`);
  return lines.join('\n');
}

function flagsLine(flags: Flags): string {
  if (flags.onlyH5) return `${flags.quick ? '--quick ' : ''}--only-h5; ${flags.h5Runs} h5 runs`;
  const set = [
    flags.quick && '--quick',
    flags.skipH5 && '--skip-h5',
    flags.skipLedger && '--skip-ledger',
    flags.skipStations && '--skip-stations',
    flags.skipCold && '--skip-cold',
    flags.skipLatency && '--skip-latency',
  ].filter(Boolean);
  return `${set.length ? set.join(' ') : 'no flags'}; ${flags.coldRuns} cold-import runs, ${flags.calls} calls per route, ${flags.h5Runs} h5 runs, ` +
    `${grouped(flags.stations)} stations, ${grouped(flags.ledgerRows)} ledger requests`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const started = performance.now();
  const date = new Date();
  const head = commit();

  if (!flags.skipCold) await coldImports(flags);

  log('starting DynamoDB Local, local S3 and serverless-offline (warm handlers)');
  // The h5 build and the stack start side by side; nothing is measured until both are done (the
  // build keeps both cores busy for minutes).
  const building = flags.skipH5 ? Promise.resolve(undefined) : flags.h5Build ? Promise.resolve(flags.h5Build) : buildH5();
  building.catch(() => {});
  const stack = await startStack();
  const stopStack = onStop('stack', () => stack.stop());
  const build = await building;
  const people = await seedPeople(stack.apiUrl);
  if (!flags.skipLatency) await warmLatency(flags, stack, people);
  if (build) await h5Pages(flags, stack, build, people);
  await stopStack();

  if (!flags.skipStations) await stationsBench(flags);
  if (!flags.skipLedger) await ledgerBench(flags);

  const took = (performance.now() - started) / 60_000;
  if (flags.onlyH5 && existsSync(OUTPUT)) {
    const escape = (cell: string) => cell.replaceAll('|', '\\|');
    writeFileSync(
      OUTPUT,
      mergeH5(readFileSync(OUTPUT, 'utf8'), {
        rows: rows.map((r) => `| ${[r.part, r.what, r.figure, r.against, r.detail].map(escape).join(' | ')} |`),
        note: notes.find((n) => n.startsWith('h5: ')),
        when: `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC; commit ${head}; ${flagsLine(flags)}; load ${loads.join(', ')}`,
      }),
    );
    console.log(table());
    log(`\nthe h5 rows written to ${OUTPUT}; took ${took.toFixed(1)} min`);
    return;
  }
  const markdown = [
    '# Benchmarks',
    '',
    'Figures that vary from run to run and machine to machine, measured by `npm run bench` (scripts/bench/main.ts; never part of `npm test`).',
    '',
    `- Machine: ${machine()}`,
    `- Date: ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC; commit ${head}`,
    `- Run: ${flagsLine(flags)}; took ${took.toFixed(1)} min`,
    `- Mean 1-minute load average while each part ran (on ${os.cpus().length} cores; others' work on a shared machine skews every figure): ${loads.join(', ')}`,
    '',
    table(),
    '',
    '## How each figure is made',
    '',
    ...notes.map((n) => `- ${n}`),
    !flags.skipStations || !flags.skipLedger
      ? '- Care stations and ledger: `scripts/bench/stations.ts` and `scripts/bench/ledger.ts` run unchanged as child processes (each with its own DynamoDB Local), ' +
        'with BENCH_STATIONS / BENCH_QUERIES and BENCH_LEDGER_REQUESTS; the rows are read from the tables they print (their full tables: .artifacts/bench/).'
      : '',
    '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  writeFileSync(OUTPUT, markdown);
  console.log(table());
  log(`\nwritten to ${OUTPUT}; took ${took.toFixed(1)} min`);
}

main()
  .catch((error: unknown) => {
    // After Ctrl-C the steps under way fail as their servers stop: not news.
    if (!signalled) console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
