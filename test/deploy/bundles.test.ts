/**
 * What each Lambda function loads on a cold start, weighed on the package `serverless package
 * --stage prod` makes (issue 11): the minified JavaScript in its zip — our code plus what we bundle
 * — at most 150 KB, and no AWS SDK inside (the nodejs22.x runtime provides it; BENCHMARKS.md has
 * the cold-start figures that decided this). The figures are printed per function.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipEntries, type ZipEntry } from './zipEntries';

const ROOT = resolve(__dirname, '../..');
const KB = 1024;
const BUDGET = 150 * KB;

let packages: Record<string, ZipEntry[]>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parklink-bundles-'));
  // A deployed stage's template hashes the h5 build's boot script (scripts/deploy/webHosting.cjs):
  // any index.html will do for weighing the functions.
  const h5 = mkdtempSync(join(tmpdir(), 'parklink-bundles-h5-'));
  writeFileSync(join(h5, 'index.html'), '<!doctype html><script>boot()</script>');
  await promisify(execFile)(resolve(ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'prod', '--package', dir], {
    cwd: ROOT,
    // Its own esbuild work folder: the other deploy test may package at the same moment.
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', PARKLINK_ESBUILD_DIR: '.esbuild-bundles', PARKLINK_WEB_ORIGINS: 'https://yqt.example.gov.cn', PARKLINK_H5_DIR: h5 },
  });
  const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
  packages = Object.fromEntries(zips.map((zip) => [zip.replace(/\.zip$/, ''), zipEntries(join(dir, zip))]));
}, 300_000);

const javascript = (entries: ZipEntry[]) => entries.filter((e) => e.name.endsWith('.js')).reduce((sum, e) => sum + e.size, 0);

describe('Lambda bundles', () => {
  it('hold every function', () => {
    expect(Object.keys(packages).length).toBeGreaterThan(15);
  });

  it('keep each function within 150 KB of minified JavaScript', () => {
    const sizes = Object.entries(packages)
      .map(([name, entries]) => ({ name, kb: javascript(entries) / KB }))
      .sort((a, b) => b.kb - a.kb);
    console.log(`Minified JavaScript per function (budget 150 KB):\n${sizes.map((s) => `  ${s.name.padEnd(18)} ${s.kb.toFixed(1)} KB`).join('\n')}`);
    const over = sizes.filter((s) => s.kb * KB > BUDGET).map((s) => `${s.name} ${s.kb.toFixed(1)} KB`);
    expect(over, 'functions over 150 KB').toEqual([]);
  });

  it('leave the AWS SDK to the runtime and ship no source maps', () => {
    for (const [name, entries] of Object.entries(packages)) {
      expect(entries.filter((e) => /node_modules\/@aws-sdk|node_modules\/@smithy|\.map$/.test(e.name)).map((e) => e.name), name).toEqual([]);
    }
  });
});
