/**
 * `npm run bench:ledger` (issue 9): the ledger export (台账) of a park with 100,000 requests in one
 * month, against its own DynamoDB Local in memory and a local S3 server.
 *
 * 1. Seeds the demo park and N requests (BENCH_LEDGER_REQUESTS, default 100,000) made by the real
 *    domain rules — submitted, most claimed, answered, resolved and rated — stored as the app stores them.
 * 2. Runs the export job (services/ledgerExport.ts, the worker Lambda's code) in a child process,
 *    for XLSX and for CSV, and reads its time and peak memory (maxRSS) there.
 * 3. Downloads each file and counts its rows: every request must be a row.
 * 4. Prints one Markdown table and writes it to .artifacts/bench/ledger.md.
 *
 * Not part of `npm test` (it takes minutes). Exits non-zero if a file misses a row.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { Unzip, UnzipInflate } from 'fflate';
import { auditEvent } from '../../functions/src/domain/admin/audit';
import { newExport, type LedgerExportRecord } from '../../functions/src/domain/ledger/exports';
import { claim, rate, reply, resolve as resolveRequest, submit, type CategoryForSubmit, type RequestState } from '../../functions/src/domain/request';
import type { User } from '../../functions/src/domain/user';
import { ulidGenerator } from '../../functions/src/ports/ids';
import { demoPark } from '../../functions/src/seed/demoPark';
import { writeParkSeed } from '../../functions/src/seed/parkSeed';
import { requestSheet, rowOf } from '../../functions/src/domain/ledger/sheets';
import { sheetWriter } from '../../functions/src/ports/sheetWriter';
import { ledgerExportStore } from '../../functions/src/store/ledgerExports';
import { requestItem } from '../../functions/src/store/requests';
import { ensureTable } from '../../functions/src/store/table';
import { startDynamo } from '../local/dynamo';
import { freePort } from '../local/ports';
import { DEV_BUCKET, startS3 } from '../local/s3';
import { localDb } from '../local/table';
import { seeded } from './random';
import { writeAll } from './seed';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const REQUESTS = Number(process.env.BENCH_LEDGER_REQUESTS ?? 100_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const TABLE = 'parklink-bench';
const PARK = 'park-demo';
/** November 2026, China time. */
const FROM = '2026-11-01';
const TO = '2026-11-30';
const MONTH_START = Date.parse('2026-11-01T00:00:00+08:00');
const MONTH_MS = 30 * 86_400_000;
const OUTPUT = resolve(__dirname, '../../.artifacts/bench/ledger.md');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** N requests across the month by the demo park's enterprises, each taken as far as its fate says. */
function makeRequests(): RequestState[] {
  const seed = demoPark(PARK);
  const random = seeded(9);
  const contacts = seed.users.filter((u) => u.roles.includes('enterprise')) as User[];
  const liaisons = seed.users.filter((u) => u.roles.includes('liaison')) as User[];
  const categories: CategoryForSubmit[] = seed.categories.map((c) => ({
    id: c.id,
    name: c.name,
    fields: [],
    claimSla: c.claimSla,
    resolveSla: c.resolveSla,
    departments: c.departmentIds.map((id) => ({ id, name: seed.departments.find((d) => d.id === id)!.name })),
  }));
  const requests: RequestState[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    let at = MONTH_START + Math.floor((i * MONTH_MS) / REQUESTS);
    const ids = ulidGenerator(() => at);
    const moment = () => ({ now: new Date(at).toISOString(), eventId: ids(), calendar: seed.calendar });
    const category = categories[i % categories.length]!;
    const contact = contacts[i % contacts.length]!;
    let state = submit(contact, { categoryId: category.id, title: `第 ${i + 1} 号诉求：厂房消防验收进度咨询`, description: '新厂房消防验收材料已于上周提交，想了解审批进度、还缺哪些材料，以及现场检查的大致时间安排。', fields: {} }, category, ids(), moment());
    const fate = random();
    const liaison = liaisons.find((l) => category.departments.some((d) => d.id === l.departmentId));
    if (fate > 0.15 && liaison) {
      at += (1 + Math.floor(random() * 30)) * 3_600_000 * 0.25;
      state = claim(state, liaison, moment());
      at += 3_600_000;
      state = reply(state, liaison, { message: '已收到，正在与审批科室核实材料，明天上午前答复您。', visibility: 'public' } as never, moment());
      if (fate > 0.35) {
        at += 86_400_000;
        state = resolveRequest(state, liaison, { message: '材料已补齐，验收安排在下周二上午，请现场负责人到场。' }, moment());
        if (fate > 0.5) {
          at += 3_600_000;
          state = rate(state, contact, { satisfied: fate > 0.55, score: fate > 0.55 ? 5 : 2, comment: fate > 0.9 ? '答复及时，非常满意' : undefined } as never, moment());
        }
      }
    }
    requests.push(state);
  }
  return requests;
}

interface ChildResult {
  ms: number;
  baselineRss: number;
  maxRss: number;
  peakHeap: number;
  record: LedgerExportRecord;
}

async function exportOnce(db: ReturnType<typeof localDb>, env: NodeJS.ProcessEnv, format: 'xlsx' | 'csv'): Promise<ChildResult> {
  const admin = { id: 'u-admin', parkId: PARK, name: '周书记', roles: ['admin'] } as User;
  const ids = ulidGenerator();
  const now = new Date().toISOString();
  const record = newExport(admin, { from: FROM, to: TO, format }, ids(), now);
  await ledgerExportStore.create(db, record, auditEvent(admin, 'ledger.export', { type: 'ledger', id: record.id }, { after: { from: FROM, to: TO, format } }, ids(), now));
  const { stdout } = await promisify(execFile)(resolve(__dirname, '../../node_modules/.bin/tsx'), [resolve(__dirname, 'ledgerChild.ts'), PARK, record.id], { env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** Rows in the file's first sheet (xl/worksheets/sheet1.xml or the first CSV), counted as it inflates. */
async function countRows(url: string, format: 'xlsx' | 'csv'): Promise<number> {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let rows = 0;
  let tail = '';
  const decoder = new TextDecoder();
  const unzip = new Unzip((file) => {
    if (format === 'xlsx' ? file.name !== 'xl/worksheets/sheet1.xml' : !file.name.startsWith('诉求台账')) return;
    file.ondata = (error, chunk) => {
      if (error) throw error;
      const text = tail + decoder.decode(chunk, { stream: true });
      const marker = format === 'xlsx' ? '<row ' : '\r\n';
      rows += text.split(marker).length - 1;
      tail = text.slice(-8);
      if (tail.includes(marker.slice(0, 1))) tail = tail.slice(tail.lastIndexOf(marker.slice(0, 1)));
      else tail = '';
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(bytes, true);
  // The header row is not a request.
  return rows - 1;
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${mb(os.totalmem())} RAM, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`;
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const dynamo = await startDynamo({ port: await freePort() });
  const s3 = await startS3({ port: await freePort(), buckets: [DEV_BUCKET] });
  try {
    await ensureTable(dynamo.client, TABLE);
    const db = localDb(dynamo.client, TABLE);
    await writeParkSeed(db, demoPark(PARK));
    let t = performance.now();
    const requests = makeRequests();
    const items = requests.map(requestItem);
    const itemBytes = items.reduce((n, i) => n + JSON.stringify(i).length, 0);
    console.log(`made ${grouped(requests.length)} requests (${mb(itemBytes)} as JSON) in ${((performance.now() - t) / 1000).toFixed(1)} s; seeding…`);
    t = performance.now();
    await writeAll(db, items, WRITERS, (n) => n % 20_000 < 25 && process.stdout.write(`  ${grouped(n)}\r`));
    const seedSeconds = (performance.now() - t) / 1000;
    console.log(`seeded in ${seedSeconds.toFixed(0)} s (${grouped(items.length / seedSeconds)} items/s)`);

    // The same rows written from memory: what the export costs without DynamoDB Local's reading.
    const writeOnly: Record<string, number> = {};
    for (const format of ['xlsx', 'csv'] as const) {
      const spec = requestSheet({ creditCodeOf: () => '91210502MA0Y8K3L2X', now: new Date().toISOString() });
      let bytes = 0;
      const started = performance.now();
      const writer = sheetWriter(format, (chunk) => (bytes += chunk.length));
      writer.sheet(spec.name, spec.columns);
      for (const r of requests) writer.row(rowOf(spec, r));
      writer.end();
      writeOnly[format] = (performance.now() - started) / 1000;
      console.log(`${format}: ${grouped(requests.length)} rows written from memory in ${writeOnly[format]!.toFixed(1)} s (${mb(bytes)})`);
    }

    const env = { ...process.env, STAGE: 'bench', TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint, S3_ENDPOINT: s3.endpoint, BUCKET_NAME: DEV_BUCKET, LOG_LEVEL: 'silent' };
    const rows: string[] = [];
    let missing = 0;
    for (const format of ['xlsx', 'csv'] as const) {
      const result = await exportOnce(db, env, format);
      if (result.record.status !== 'ready') throw new Error(`${format} export ${result.record.status}: ${result.record.error}`);
      const { requests: exported } = result.record.rows!;
      const { presignGet } = (await import('../../functions/src/http/deps')).depsFromConfig((await import('../../functions/src/config')).configFromEnv(env)).storage;
      const url = await presignGet({ key: result.record.objectKey!, expiresInSeconds: 600 });
      const counted = await countRows(url, format);
      if (counted !== REQUESTS || exported !== REQUESTS) missing += Math.abs(REQUESTS - counted);
      rows.push(
        `| ${format.toUpperCase()} | ${grouped(exported)} | ${grouped(counted)} | ${(result.ms / 1000).toFixed(1)} s | ${grouped(exported / (result.ms / 1000))} | ${writeOnly[format]!.toFixed(1)} s | ${mb(result.maxRss)} | ${mb(result.baselineRss)} | ${mb(result.peakHeap)} | ${mb(result.record.sizeBytes!)} |`,
      );
      console.log(rows.at(-1));
    }
    const table = [
      `Ledger export (台账), ${grouped(REQUESTS)} requests in one month — ${new Date().toISOString().slice(0, 10)}, commit ${commit}`,
      `Machine: ${machine}. DynamoDB Local (in memory) and s3rver on loopback; seeding ${seedSeconds.toFixed(0)} s.`,
      '',
      '| format | rows exported | rows in the file | time | rows/s | of which writing (from memory) | peak RSS | RSS before | peak heap | file |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Rows missing from a file: ${missing}. The worker Lambda has 1,024 MB and 15 minutes (serverless.yml ledgerWorker).`,
    ].join('\n');
    console.log(`\n${table}`);
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, `${table}\n`);
    if (missing) process.exitCode = 1;
  } finally {
    await s3.stop();
    await dynamo.stop();
  }
}

void main();
