import { describe, expect, it } from 'vitest';
import { coverage, median, periodBounds, rate } from './dashboard';

describe('dashboard arithmetic', () => {
  it('gives rates in whole per-mille with their base, and none without a base', () => {
    expect(rate(7, 8)).toEqual({ met: 7, of: 8, permille: 875 });
    expect(rate(1, 3)).toEqual({ met: 1, of: 3, permille: 333 });
    expect(rate(0, 0)).toEqual({ met: 0, of: 0 });
  });

  it('takes the median of odd and even counts', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, 20, 30, 41])).toBe(25);
    expect(median([])).toBeUndefined();
  });

  it('counts coverage per zone and industry', () => {
    const enterprises = [
      { id: 'a', zone: '东区', industry: '电子信息' },
      { id: 'b', zone: '东区', industry: '电商' },
      { id: 'c', zone: '西区', industry: '电子信息' },
    ];
    const c = coverage(enterprises, (id) => (id === 'b' ? 0 : 2));
    expect(c).toMatchObject({ enterprises: 3, withMembers: 2, rate: { permille: 667 } });
    expect(c.byZone).toEqual([
      { name: '东区', enterprises: 2, withMembers: 1 },
      { name: '西区', enterprises: 1, withMembers: 1 },
    ]);
    expect(c.byIndustry[0]).toEqual({ name: '电子信息', enterprises: 2, withMembers: 2 });
  });

  it('bounds a period of China dates in UTC', () => {
    const { start, end } = periodBounds('2026-11-01', '2026-11-30');
    expect(new Date(start).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-11-30T15:59:59.999Z');
  });
});
