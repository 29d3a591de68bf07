/**
 * Builds the h5 client once for every browser test file: it is made for a placeholder API origin
 * that each file's static server swaps for its own stack's API (scripts/local/web.ts serveStatic).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../../scripts/local/api';
import { E2E_API_PLACEHOLDER } from '../../scripts/local/web';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this run's h5 build (its own per run, so two runs side by side never share one). */
    h5Build: string;
  }
}

const build = resolve(ROOT, `client/dist/h5-e2e-${process.pid}`);

export async function setup(project: TestProject): Promise<void> {
  await promisify(execFile)(resolve(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: resolve(ROOT, 'client'),
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: E2E_API_PLACEHOLDER, PARKLINK_OUTPUT_ROOT: build },
    maxBuffer: 64 * 1024 * 1024,
  });
  project.provide('h5Build', build);
}

export function teardown(): void {
  rmSync(build, { recursive: true, force: true });
}
