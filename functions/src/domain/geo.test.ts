import geohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import { cellOf, cellsCoveringChina, childCells, distanceMetres, distanceToCell, inChina } from './geo';

describe('distances', () => {
  it('measures the great circle (Beijing Tiananmen → Shanghai People’s Square ≈ 1,067 km)', () => {
    const d = distanceMetres({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1060);
    expect(d / 1000).toBeLessThan(1075);
  });

  it('is zero to itself and symmetric', () => {
    const a = { lat: 41.29, lng: 123.77 };
    const b = { lat: 41.3, lng: 123.78 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6);
  });
});

describe('China', () => {
  it.each([
    [{ lat: 41.29, lng: 123.77 }, true], // Benxi
    [{ lat: 18.25, lng: 109.5 }, true], // Sanya
    [{ lat: 51.5, lng: -0.12 }, false], // London
    [{ lat: 0, lng: 0 }, false],
  ])('%o in China: %s', (point, expected) => {
    expect(inChina(point)).toBe(expected);
  });
});

describe('geohash cells', () => {
  it('are never nearer than the distance to their box, across a cell edge too', () => {
    const cell = cellOf({ lat: 41.29, lng: 123.77 }, 5);
    const [minLat, minLng, maxLat, maxLng] = geohash.decode_bbox(cell);
    const inside = { lat: (minLat + maxLat) / 2, lng: (minLng + maxLng) / 2 };
    expect(distanceToCell(inside, cell)).toBe(0);
    // A few metres above the top edge: that far from the cell, and the cell's own points are no nearer.
    const above = { lat: maxLat + 0.00002, lng: inside.lng };
    expect(distanceToCell(above, cell)).toBeGreaterThan(1);
    expect(distanceToCell(above, cell)).toBeLessThan(5);
    const next = random(3);
    for (let i = 0; i < 200; i++) {
      const q = { lat: minLat + next() * (maxLat - minLat), lng: minLng + next() * (maxLng - minLng) };
      expect(distanceMetres(above, q)).toBeGreaterThanOrEqual(distanceToCell(above, cell) - 1e-6);
    }
  });

  it('split into 32 children that tile their parent', () => {
    const children = childCells('wxr');
    expect(children).toHaveLength(32);
    expect(new Set(children.map((c) => c.slice(0, 3)))).toEqual(new Set(['wxr']));
    const p = geohash.decode('wxrv7');
    expect(children).toContain(cellOf({ lat: p.latitude, lng: p.longitude }, 4));
  });

  it('cover China’s box at precision 2 with about sixty cells, one of them holding any point in China', () => {
    const cover = new Set(cellsCoveringChina(2));
    expect(cover.size).toBe(70);
    for (const p of [{ lat: 41.29, lng: 123.77 }, { lat: 18.25, lng: 109.5 }, { lat: 53.5, lng: 73.6 }, { lat: 3.9, lng: 135 }]) expect(cover.has(cellOf(p, 2))).toBe(true);
  });
});

/** A seeded random sequence, so every run checks the same points. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}
