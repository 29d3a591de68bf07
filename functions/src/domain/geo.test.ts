import geohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import { blockAround, cellOf, coveredRadius, distanceMetres, inChina } from './geo';

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

describe('geohash blocks across cell edges', () => {
  it('covers a neighbour just across the edge of the query point’s cell', () => {
    // Two points a few metres apart on either side of a precision-5 cell boundary.
    const cell = cellOf({ lat: 41.29, lng: 123.77 }, 5);
    const [, , maxLat] = geohash.decode_bbox(cell);
    const below = { lat: maxLat - 0.00002, lng: 123.77 };
    const above = { lat: maxLat + 0.00002, lng: 123.77 };
    expect(cellOf(below, 5)).not.toBe(cellOf(above, 5));
    expect(distanceMetres(below, above)).toBeLessThan(5);
    expect(blockAround(below, 5)).toContain(cellOf(above, 5));
  });

  it('guarantees at least one cell of radius, and no more than the block', () => {
    const p = { lat: 31.2304, lng: 121.4737 };
    const r = coveredRadius(p, 5);
    expect(r).toBeGreaterThan(4000); // a precision-5 cell is about 4.9 km × 4.9 km here (4.2 km wide)
    expect(r).toBeLessThan(10_000);
    // Every point within that radius falls in the block.
    const block = new Set(blockAround(p, 5));
    for (let angle = 0; angle < 360; angle += 15) {
      const dLat = ((r * 0.999) / 111_320) * Math.cos((angle * Math.PI) / 180);
      const dLng = ((r * 0.999) / (111_320 * Math.cos((p.lat * Math.PI) / 180))) * Math.sin((angle * Math.PI) / 180);
      expect(block.has(cellOf({ lat: p.lat + dLat, lng: p.lng + dLng }, 5))).toBe(true);
    }
  });
});
