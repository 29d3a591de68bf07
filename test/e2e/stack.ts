/**
 * The whole product for a browser test file, on ports and folders of its own so it can run beside
 * `npm start` and the other tiers: DynamoDB Local in memory with the demo park, a local S3 server,
 * the API under serverless-offline (with its own esbuild folder), the h5 build made for this API
 * (in its own output folder), served statically. Exposes the API URL for test hooks (dev clock).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startApi } from '../../scripts/local/api';
import { startDynamo } from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';
import { DEV_BUCKET, startS3 } from '../../scripts/local/s3';
import { prepareTable } from '../../scripts/local/table';
import { serveStatic } from '../../scripts/local/web';

export interface E2eStack {
  apiUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

let stacks = 0;

export async function startE2eStack(): Promise<E2eStack> {
  const name = `e2e-${process.pid}-${++stacks}`;
  const h5Output = resolve(ROOT, `client/dist/h5-${name}`);
  const esbuildDir = `.esbuild-${name}`;
  const stops: (() => Promise<void>)[] = [
    async () => {
      rmSync(h5Output, { recursive: true, force: true });
      rmSync(resolve(ROOT, esbuildDir), { recursive: true, force: true });
    },
  ];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const dynamo = await startDynamo({ port: await freePort() });
    stops.push(() => dynamo.stop());
    await prepareTable(dynamo.client, 'parklink-dev');
    const s3 = await startS3({ port: await freePort(), buckets: [DEV_BUCKET] });
    stops.push(() => s3.stop());
    const api = await startApi({
      port: await freePort(),
      lambdaPort: await freePort(),
      dynamoEndpoint: dynamo.endpoint,
      env: { S3_ENDPOINT: s3.endpoint, PARKLINK_ESBUILD_DIR: esbuildDir },
    });
    stops.push(() => api.child.stop());
    await buildH5(api.url, h5Output);
    const web = await serveStatic(h5Output, await freePort());
    stops.push(() => web.close());
    return { apiUrl: api.url, webUrl: web.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function buildH5(apiUrl: string, output: string) {
  await promisify(execFile)(resolve(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: resolve(ROOT, 'client'),
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: apiUrl, PARKLINK_OUTPUT_ROOT: output },
    maxBuffer: 64 * 1024 * 1024,
  });
}
