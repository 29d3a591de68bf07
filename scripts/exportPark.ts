/**
 * `npm run export-park -- --park <id> [--out file.jsonl]`
 *
 * Writes every item of one park to a JSON Lines file (functions/src/services/parkBackup.ts: a header,
 * one item a line in DynamoDB's JSON, a trailer with the count and SHA-256), readable by its owner only
 * — it holds personal data. Without --out: <park>-<UTC time>.jsonl here. An existing file is never
 * overwritten; the file appears under its name only once complete. Talks to the table named by
 * TABLE_NAME (default parklink-dev) at DYNAMODB_ENDPOINT (default: the local DynamoDB of `npm start`,
 * http://127.0.0.1:8000); for a deployed stage, DYNAMODB_ENDPOINT= (empty), TABLE_NAME=parklink-prod,
 * AWS_REGION and AWS credentials.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { BackupError, exportPark } from '../functions/src/services/parkBackup';
import { argumentsOrUsage, tableFromEnv } from './backupCli';

const USAGE = '用法 / usage: npm run export-park -- --park <园区ID / park id> [--out file.jsonl]';

async function main() {
  const values = argumentsOrUsage({ park: { type: 'string' }, out: { type: 'string' } }, 'park', USAGE);
  const park = values.park as string;
  const out = (values.out as string | undefined) ?? `${park}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.jsonl`;
  if (existsSync(out)) {
    console.error(`未导出 / not exported: ${out} already exists`);
    process.exit(1);
  }
  const db = tableFromEnv();
  const partial = `${out}.partial`;
  const file = createWriteStream(partial, { mode: 0o600, flags: 'wx' });
  try {
    await once(file, 'open');
    const summary = await exportPark(db, park, async (line) => {
      if (!file.write(`${line}\n`)) await once(file, 'drain');
    });
    file.end();
    await finished(file);
    renameSync(partial, out);
    console.log(`园区已导出 / park exported: ${summary.parkId} from ${db.tableName} → ${out}`);
    console.log(`条目 / items: ${summary.items}   sha256: ${summary.sha256}`);
    console.log(Object.entries(summary.entities).sort(([a], [b]) => a.localeCompare(b)).map(([entity, n]) => `  ${entity}: ${n}`).join('\n'));
    console.log('文件含个人信息，请妥善保管 / the file holds personal data: keep it safe');
  } catch (error) {
    file.destroy();
    rmSync(partial, { force: true });
    console.error(`未能导出 / could not export: ${error instanceof BackupError ? error.message : (error as Error).message}`);
    process.exit(1);
  } finally {
    db.doc.destroy();
  }
}

void main();
