/**
 * Builds the h5 client once for every browser test file: it is made for a placeholder API origin
 * that each file's static server swaps for its own stack's API (scripts/local/web.ts serveStatic).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { ROOT } from '../../scripts/local/api';
import { E2E_API_PLACEHOLDER } from '../../scripts/local/web';

export const E2E_H5_BUILD = resolve(ROOT, 'client/dist/h5-e2e');

export async function setup(): Promise<void> {
  rmSync(E2E_H5_BUILD, { recursive: true, force: true });
  await promisify(execFile)(resolve(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: resolve(ROOT, 'client'),
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: E2E_API_PLACEHOLDER, PARKLINK_OUTPUT_ROOT: E2E_H5_BUILD },
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function teardown(): void {
  rmSync(E2E_H5_BUILD, { recursive: true, force: true });
}
