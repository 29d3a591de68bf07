/**
 * The HTTP API as API Gateway would run it: serverless-offline serving the real Lambda handlers
 * from serverless.yml, bundled by serverless-esbuild. esbuild rebuilds on every source change and
 * serverless-offline reloads the handler on every request (`reloadHandler`), so edits are live.
 */
import { resolve } from 'node:path';
import { startChild, type Child } from './processes';
import { waitFor } from './wait';

export interface ApiOptions {
  port: number;
  lambdaPort: number;
  dynamoEndpoint: string;
  stage?: string;
  env?: Record<string, string>;
  echo?: boolean;
}

export const ROOT = resolve(__dirname, '../..');

export async function startApi(options: ApiOptions): Promise<{ url: string; child: Child }> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = startChild(
    'api',
    resolve(ROOT, 'node_modules/.bin/serverless'),
    [
      'offline',
      'start',
      '--stage',
      options.stage ?? 'dev',
      '--host',
      '127.0.0.1',
      '--httpPort',
      String(options.port),
      '--lambdaPort',
      String(options.lambdaPort),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: options.dynamoEndpoint,
        // Where handlers start background jobs: this serverless-offline's own Lambda endpoint.
        LAMBDA_ENDPOINT: `http://127.0.0.1:${options.lambdaPort}`,
        SLS_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
      ...(options.echo !== undefined ? { echo: options.echo } : {}),
    },
  );
  try {
    await waitFor(`the API on ${url}`, 90_000, async () => {
      if (child.process.exitCode !== null) throw new Error(`serverless offline exited:\n${child.output()}`);
      const response = await fetch(`${url}/v1/health`);
      if (response.status !== 200) throw new Error(`health answered ${response.status}`);
    });
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}\n${child.output()}`);
  }
  return { url, child };
}
