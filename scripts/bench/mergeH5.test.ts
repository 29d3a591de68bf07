import { describe, expect, it } from 'vitest';
import { mergeH5 } from './mergeH5';

const REPORT = [
  '# Benchmarks',
  '',
  '- Mean 1-minute load average: cold import 6.6, h5 6.8',
  '',
  '| part | what | figure | against | detail |',
  '|---|---|---|---|---|',
  '| cold import | `health` | 130 ms | × | a |',
  '| h5, CPU ×4, Slow 4G | (a) stations | 7.16 s | not met | old |',
  '| h5, CPU ×4, Slow 4G | (b) requests | 7.09 s | not met | old |',
  '| care stations | nearest 10 | 135 ms | ok | b |',
  '',
  '## How each figure is made',
  '',
  '- Cold import: how.',
  '- h5: the old way.',
  '- Care stations and ledger: as they are.',
  '',
].join('\n');

const FRESH = { rows: ['| h5, CPU ×4, Slow 4G | (a) stations | 3.16 s | not met | new |', '| h5, CPU ×4, Slow 4G | (b) requests | 3.04 s | met | new |'], note: 'h5: the new way.', when: '2026-12-02 10:28 UTC' };

describe('mergeH5', () => {
  it('replaces the h5 rows and note where they stood, and says when they were measured', () => {
    const merged = mergeH5(REPORT, FRESH);
    const lines = merged.split('\n');
    const cold = lines.indexOf('| cold import | `health` | 130 ms | × | a |');
    expect(lines.slice(cold, cold + 4)).toEqual(['| cold import | `health` | 130 ms | × | a |', ...FRESH.rows, '| care stations | nearest 10 | 135 ms | ok | b |']);
    expect(lines).toContain('- h5: the new way.');
    expect(merged).not.toMatch(/\| old \||the old way/);
    expect(lines[3]).toBe('- h5 rows: measured on their own (`--only-h5`) 2026-12-02 10:28 UTC');
  });

  it('gives the same file when run again (nothing drifts)', () => {
    const once = mergeH5(REPORT, FRESH);
    expect(mergeH5(once, FRESH)).toBe(once);
  });

  it('adds rows and note to a report without h5 (a run with --skip-h5)', () => {
    const without = REPORT.split('\n').filter((l) => !l.startsWith('| h5') && !l.startsWith('- h5')).join('\n');
    const lines = mergeH5(without, FRESH).split('\n');
    expect(lines.indexOf(FRESH.rows[0]!)).toBe(lines.indexOf('| care stations | nearest 10 | 135 ms | ok | b |') + 1);
    expect(lines.indexOf('- h5: the new way.')).toBe(lines.indexOf('- Care stations and ledger: as they are.') - 1);
  });
});
