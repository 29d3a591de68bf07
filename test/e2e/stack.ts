/**
 * The whole product for the browser test, on ports of its own so it can run beside `npm start`:
 * DynamoDB Local in memory with the demo park, the API under serverless-offline, the h5 build
 * (made for this API) served statically.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startApi } from '../../scripts/local/api';
import { startDynamo } from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';
import { prepareTable } from '../../scripts/local/table';
import { serveStatic } from '../../scripts/local/web';

export interface E2eStack {
  apiUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

export const H5_OUTPUT = resolve(ROOT, 'client/dist/h5-e2e');

export async function startE2eStack(): Promise<E2eStack> {
  const dynamo = await startDynamo({ port: await freePort() });
  const stops: (() => Promise<void>)[] = [() => dynamo.stop()];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    await prepareTable(dynamo.client, 'parklink-dev');
    const api = await startApi({ port: await freePort(), lambdaPort: await freePort(), dynamoEndpoint: dynamo.endpoint });
    stops.push(() => api.child.stop());
    await buildH5(api.url);
    const web = await serveStatic(H5_OUTPUT, await freePort());
    stops.push(() => web.close());
    return { apiUrl: api.url, webUrl: web.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function buildH5(apiUrl: string) {
  await promisify(execFile)(resolve(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: resolve(ROOT, 'client'),
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: apiUrl, PARKLINK_OUTPUT_ROOT: H5_OUTPUT },
    maxBuffer: 64 * 1024 * 1024,
  });
}
