/**
 * Guards on the toolchain: serverless@4 downloads a binary and needs a login, so it must never be
 * installed (serverless-offline@14 names it as a peer; .npmrc keeps npm from adding it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const version = (pkg: string) =>
  JSON.parse(readFileSync(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;

describe('the toolchain', () => {
  it('has no serverless v4 anywhere in node_modules; osls provides the serverless command', () => {
    const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8'));
    const serverlessPackages = Object.entries(lock.packages as Record<string, { version?: string }>).filter(([path]) =>
      path.endsWith('node_modules/serverless'),
    );
    for (const [path, info] of serverlessPackages) expect(info.version, path).not.toMatch(/^4\./);
    expect(existsSync(resolve(ROOT, 'node_modules/serverless'))).toBe(false);
    expect(version('osls')).toMatch(/^4\./);
    expect(readFileSync(resolve(ROOT, '.npmrc'), 'utf8')).toMatch(/^legacy-peer-deps=true$/m);
  });

  it('pins the versions known to work here', () => {
    expect(version('typescript')).toMatch(/^5\./);
    expect(version('vitest')).toMatch(/^4\./);
    expect(version('webpack')).toBe('5.91.0');
    expect(version('@tarojs/cli')).toBe('4.2.1');
  });

  it('names no registry host in committed npm files', () => {
    const npmrc = readFileSync(resolve(ROOT, '.npmrc'), 'utf8');
    expect(npmrc).not.toMatch(/registry/);
    expect(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')).not.toMatch(/"resolved": "https?:/);
  });
});
