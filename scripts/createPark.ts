/**
 * `npm run park:create -- --name <园区名称> --admin <管理员姓名> [--id park-xxx] [--days 7]`
 *
 * The platform operator's command: creates a park (a tenant) with its first admin and prints the
 * admin's one-use invitation code. Talks to the table named by TABLE_NAME (default parklink-dev)
 * at DYNAMODB_ENDPOINT (default: the local DynamoDB of `npm start`, http://127.0.0.1:8000); for
 * a deployed stage, unset DYNAMODB_ENDPOINT and set TABLE_NAME=parklink-prod and AWS credentials.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ulidGenerator } from '../functions/src/ports/ids';
import { createPark, ParkSetupError } from '../functions/src/services/parkSetup';
import { documentClient } from '../functions/src/store/client';

async function main() {
  // Node 20 is the project's decision; the SDK's notice about its 2027 releases is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: { name: { type: 'string' }, admin: { type: 'string' }, id: { type: 'string' }, days: { type: 'string' } },
  });
  if (!values.name || !values.admin) {
    console.error('用法 / usage: npm run park:create -- --name <园区名称> --admin <管理员姓名> [--id park-xxx] [--days 7]');
    process.exit(2);
  }
  const endpoint = process.env.DYNAMODB_ENDPOINT === undefined ? 'http://127.0.0.1:8000' : process.env.DYNAMODB_ENDPOINT;
  const db = {
    doc: documentClient({ region: process.env.AWS_REGION ?? 'cn-north-1', ...(endpoint ? { endpoint } : {}) }),
    tableName: process.env.TABLE_NAME ?? 'parklink-dev',
  };
  try {
    const park = await createPark(
      db,
      { name: values.name, adminName: values.admin, ...(values.id ? { parkId: values.id } : {}), ...(values.days ? { inviteDays: Number(values.days) } : {}) },
      { now: new Date(), newId: ulidGenerator(), random: (n) => randomBytes(n) },
    );
    console.log(`园区已创建 / park created: ${values.name} (${park.parkId}) in ${db.tableName}`);
    console.log(`管理员 / admin: ${values.admin} (${park.adminUserId})`);
    console.log(`邀请码 / invite code: ${park.inviteCode}   (有效至 / valid until ${park.inviteExpiresAt})`);
    console.log(`小程序路径 / mini-program path: ${park.invitePath}`);
  } catch (error) {
    console.error(`未能创建园区 / could not create the park: ${error instanceof ParkSetupError ? error.message : (error as Error).message}`);
    process.exit(1);
  } finally {
    db.doc.destroy();
  }
}

void main();
