/**
 * `npm run import-park -- --in file.jsonl [--replace]`
 *
 * Writes a park back from a file of `npm run export-park` (functions/src/services/parkBackup.ts). The
 * whole file is checked first — header, every line, the count and the SHA-256 in its trailer — and
 * nothing is written if it fails, if another park holds any of its keys (openids, invitations, user or
 * station ids), or if the park has data in the table: --replace first deletes the park's items the file
 * does not have (the others it overwrites), so the park is then exactly the file. Talks to the table
 * named by TABLE_NAME (default parklink-dev) at DYNAMODB_ENDPOINT (default: the local DynamoDB of
 * `npm start`, http://127.0.0.1:8000); for a deployed stage, DYNAMODB_ENDPOINT= (empty),
 * TABLE_NAME=parklink-prod, AWS_REGION and AWS credentials.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { BackupError, importPark } from '../functions/src/services/parkBackup';
import { argumentsOrUsage, tableFromEnv } from './backupCli';

const USAGE = '用法 / usage: npm run import-park -- --in file.jsonl [--replace]';

async function main() {
  const values = argumentsOrUsage({ in: { type: 'string' }, replace: { type: 'boolean' } }, 'in', USAGE);
  const path = values.in as string;
  const replace = values.replace === true;
  if (!existsSync(path)) {
    console.error(`未导入 / not imported: no file ${path}`);
    process.exit(1);
  }
  const db = tableFromEnv();
  try {
    // Read twice: checked in full first, then written line by line as checked.
    const lines = () => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    const summary = await importPark(db, lines, { replace });
    console.log(`园区已导入 / park imported: ${summary.parkId} (exported ${summary.exportedAt}) into ${db.tableName}`);
    console.log(`写入 / written: ${summary.items} items${replace ? `   删除 / deleted first: ${summary.deleted}` : ''}`);
    if (summary.districts.length) console.log(`重新统计的区县 / districts recounted: ${summary.districts.join('、')}`);
  } catch (error) {
    console.error(`未能导入 / could not import: ${error instanceof BackupError ? error.message : (error as Error).message}`);
    process.exit(1);
  } finally {
    db.doc.destroy();
  }
}

void main();
