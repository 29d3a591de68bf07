/**
 * `npm start`: the whole product on this machine — DynamoDB Local (data kept in .data/), the table
 * and the demo park, a local S3 server for attachments (.data/s3), the API (the real Lambda handlers
 * under serverless-offline) and the h5 client. Ctrl-C stops everything. Ports: PARKLINK_API_PORT,
 * PARKLINK_WEB_PORT, PARKLINK_DYNAMO_PORT, PARKLINK_LAMBDA_PORT, PARKLINK_S3_PORT.
 */
import { resolve } from 'node:path';
import type { DevUserList } from '@parklink/contract';
import { configFromEnv } from '../functions/src/config';
import { depsFromConfig } from '../functions/src/http/deps';
import { sweepOverdue } from '../functions/src/jobs/overdueSweep';
import { ROOT, startApi } from './local/api';
import { startDynamo, type LocalDynamo } from './local/dynamo';
import { DEV_BUCKET, startS3, type LocalS3 } from './local/s3';
import { DEV_WECHAT_APP, startFakeWeChat, type FakeWeChat } from './local/fakeWeChat';
import { withStageClock } from '../functions/src/http/middleware';
import { pushSettingsFromEnv, sendPendingPushes } from '../functions/src/jobs/pushSender';

/** The local WeChat app: the fake server accepts only these, and only codes it issued itself. */
import { assertPortFree } from './local/ports';
import type { Child } from './local/processes';
import { prepareTable } from './local/table';
import { startWebDev } from './local/web';

// The project runs on Node 20 by decision (see README); the SDK's advance notice is not news here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main() {
  const ports = {
    PARKLINK_API_PORT: port('PARKLINK_API_PORT', 3000),
    PARKLINK_WEB_PORT: port('PARKLINK_WEB_PORT', 10086),
    PARKLINK_DYNAMO_PORT: port('PARKLINK_DYNAMO_PORT', 8000),
    PARKLINK_LAMBDA_PORT: port('PARKLINK_LAMBDA_PORT', 3002),
    PARKLINK_S3_PORT: port('PARKLINK_S3_PORT', 4569),
    PARKLINK_WECHAT_PORT: port('PARKLINK_WECHAT_PORT', 3099),
  };
  for (const [name, value] of Object.entries(ports)) await assertPortFree(value, name);

  const children: Child[] = [];
  let dynamo: LocalDynamo | undefined;
  let s3: LocalS3 | undefined;
  let wechat: FakeWeChat | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止 / stopping…');
    await Promise.all(children.map((child) => child.stop()));
    await dynamo?.stop();
    await s3?.stop();
    await wechat?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    step('DynamoDB Local');
    dynamo = await startDynamo({ port: ports.PARKLINK_DYNAMO_PORT, dataDir: resolve(ROOT, '.data/dynamodb') });
    const table = await prepareTable(dynamo.client, 'parklink-dev');
    console.log(
      `  table parklink-dev ${table.created ? 'created' : 'exists'}` +
        (table.indexesAdded.length ? ` (indexes added: ${table.indexesAdded.join(', ')})` : '') +
        `; ${table.seeded ? `demo park seeded (${table.seeded} items)` : 'demo park present'}` +
        (table.refreshed ? ` (categories, departments and calendar refreshed)` : ''),
    );

    step('S3 (s3rver, attachments)');
    s3 = await startS3({ port: ports.PARKLINK_S3_PORT, dataDir: resolve(ROOT, '.data/s3'), buckets: [DEV_BUCKET] });
    console.log(`  bucket ${DEV_BUCKET} ready`);

    step('WeChat (local fake: login codes, subscribe messages)');
    wechat = await startFakeWeChat({ port: ports.PARKLINK_WECHAT_PORT, ...DEV_WECHAT_APP });
    const wechatEnv = {
      WECHAT_APP_ID: DEV_WECHAT_APP.appId,
      WECHAT_APP_SECRET: DEV_WECHAT_APP.appSecret,
      WECHAT_API_BASE: wechat.apiBase,
      WECHAT_TEMPLATE_PROGRESS: 'dev-template-progress',
      WECHAT_TEMPLATE_TODO: 'dev-template-todo',
    };

    step('API (serverless-offline)');
    const api = await startApi({
      port: ports.PARKLINK_API_PORT,
      lambdaPort: ports.PARKLINK_LAMBDA_PORT,
      dynamoEndpoint: dynamo.endpoint,
      env: { S3_ENDPOINT: s3.endpoint, ...wechatEnv },
      echo: process.env.PARKLINK_VERBOSE === '1',
    });
    children.push(api.child);

    startJobTimer(dynamo.endpoint, wechatEnv);

    step('h5 client (taro --watch)');
    const web = await startWebDev({ port: ports.PARKLINK_WEB_PORT, apiUrl: api.url, wechatUrl: wechat.apiBase, echo: process.env.PARKLINK_VERBOSE === '1' });
    children.push(web.child);

    await printSummary(api.url, web.url, dynamo.endpoint, s3.endpoint, wechat.apiBase);
  } catch (error) {
    console.error(`\n启动失败 / failed to start: ${(error as Error).message}`);
    await stop(1);
  }
}

/**
 * The scheduled jobs AWS runs (overdue sweep every 15 minutes, WeChat pushes every minute), here on
 * one local timer (PARKLINK_SWEEP_SECONDS, default 60), on the stage's clock like the API.
 */
function startJobTimer(dynamoEndpoint: string, wechatEnv: Record<string, string>) {
  const seconds = Number(process.env.PARKLINK_SWEEP_SECONDS ?? 60);
  const env = { ...process.env, ...wechatEnv, STAGE: 'dev', DYNAMODB_ENDPOINT: dynamoEndpoint };
  const deps = depsFromConfig(configFromEnv(env), { log: () => {} });
  const push = pushSettingsFromEnv(env);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const now = await withStageClock(deps);
      const swept = await sweepOverdue(now);
      if (swept.escalated) console.log(`[sweep] escalated ${swept.escalated} overdue request(s)`);
      const pushed = await sendPendingPushes(now, push);
      if (pushed.sent) console.log(`[push] sent ${pushed.sent} subscribe message(s) to the fake WeChat`);
    } catch (error) {
      console.error(`[jobs] failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
}

function step(what: string) {
  console.log(`▶ ${what}…`);
}

async function printSummary(apiUrl: string, webUrl: string, dynamoEndpoint: string, s3Endpoint: string, wechatUrl: string) {
  const { users } = (await (await fetch(`${apiUrl}/v1/auth/dev/users`)).json()) as DevUserList;
  console.log(`
ParkLink 园企通 is running — Ctrl-C stops everything.
  h5 client   ${webUrl}
  API         ${apiUrl}   (health: ${apiUrl}/v1/health)
  DynamoDB    ${dynamoEndpoint}   (data in .data/; npm run reset wipes it)
  S3          ${s3Endpoint}/${DEV_BUCKET}   (attachments, in .data/s3; reached by presigned URLs)
  WeChat      ${wechatUrl}   (a local fake; subscribe messages it received: ${wechatUrl}/_sent)

Demo logins (pick one on the h5 login page, or POST ${apiUrl}/v1/auth/dev {"userId": …}):`);
  for (const user of users) {
    const unit = user.enterpriseName ?? user.departmentName ?? user.parkName;
    console.log(`  ${user.id.padEnd(18)} ${user.name}\t${user.roles.join(',')}\t${unit}`);
  }
  console.log('\nEdits under functions/, contract/ and client/ are picked up without a restart.');
}

void main();
