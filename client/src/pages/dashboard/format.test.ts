import { describe, expect, it } from 'vitest';
import { barWidth, chinaToday, durationText, overdueText, periodFrom, presetOf, presetPeriod, rateBase, rateText, wanText } from './format';

describe('dashboard periods', () => {
  it('reads today in China whatever the device’s timezone', () => {
    expect(chinaToday(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(chinaToday(Date.parse('2026-11-30T15:59:00Z'))).toBe('2026-11-30');
  });

  it('gives each preset its dates: the running ones end today, last month is whole', () => {
    expect(presetPeriod('month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(presetPeriod('quarter', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-11-23' });
    expect(presetPeriod('quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('year', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(presetPeriod('lastMonth', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2028-03-05')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('lights a preset’s chip for dates that match it, and only then', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-23')).toBe('lastMonth');
    expect(presetOf({ from: '2026-11-01', to: '2026-11-22' }, '2026-11-23')).toBeUndefined();
  });

  it('takes a period from page parameters only when both are dates in order', () => {
    expect(periodFrom('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodFrom('2026-11-30', '2026-11-01')).toBeUndefined();
    expect(periodFrom('2026-11', '2026-11-30')).toBeUndefined();
    expect(periodFrom(undefined, '2026-11-30')).toBeUndefined();
  });
});

describe('dashboard figures', () => {
  it('shows rates with their base, and a dash without one', () => {
    expect(rateText({ permille: 875, met: 35, of: 40 })).toBe('87.5%');
    expect(rateText({ permille: 1000, met: 1, of: 1 })).toBe('100%');
    expect(rateText({ met: 0, of: 0 })).toBe('—');
    expect(rateBase({ permille: 875, met: 35, of: 40 })).toBe('35 / 40');
    expect(rateBase({ met: 0, of: 0 })).toBe('暂无');
  });

  it('says durations in words', () => {
    expect(durationText(undefined)).toBe('—');
    expect(durationText(0)).toBe('不到 1 分钟');
    expect(durationText(45)).toBe('45 分钟');
    expect(durationText(200)).toBe('3 小时 20 分');
    expect(durationText(180)).toBe('3 小时');
    expect(durationText(2 * 1440)).toBe('2 天');
    expect(durationText(2 * 1440 + 190)).toBe('2 天 3 小时');
    expect(overdueText(0)).toBe('刚超时');
    expect(overdueText(65)).toBe('已超时 1 小时 5 分');
  });

  it('shows money in 万元 and bars that never vanish for a non-zero value', () => {
    expect(wanText(300_000_000)).toBe('300');
    expect(wanText(1_250_000)).toBe('1.25');
    expect(wanText(1)).toBe('0');
    expect(barWidth(0, 10)).toBe('0%');
    expect(barWidth(5, 0)).toBe('0%');
    expect(barWidth(1, 1000)).toBe('2%');
    expect(barWidth(1, 3)).toBe('33.3%');
    expect(barWidth(12, 10)).toBe('100%');
  });
});
