import { describe, expect, it } from 'vitest';
import { gaussianQuantiles, inverseNormalCdf } from '../../../../src-shared/math/inverse-normal-cdf';

/**
 * Φ⁻¹ at the double nearest p, to 20 digits, from mpmath at 40 digits (findroot of ncdf(x) − p): 0.999999 is not a
 * double, and near 1 the difference matters (dΦ⁻¹/dp ≈ 2·10⁵ there).
 */
const KNOWN: [number, number][] = [
  [0.5, 0],
  [0.975, 1.9599639845400538556],
  [0.025, -1.9599639845400542118],
  [0.9, 1.2815515655446005935],
  [0.99, 2.3263478740408407676],
  [0.999, 3.0902323061678132778],
  [0.3, -0.52440051270804081597],
  [0.05, -1.644853626951472688],
  [0.42, -0.20189347914185089071], // centre region, |p − ½| ≤ 0.425
  [0.075, -1.4395314709384559349], // just past the centre region
  [0.43, -0.17637416478086133876],
  [1e-5, -4.2648907939228246102],
  [0.999999, 4.7534243088170877657],
  [1e-10, -6.3613409024040561991],
  [1e-300, -37.047096299361199237], // the far tail, r = √(−log p) > 5
];

/** Φ(x) = ½ erfc(−x/√2) by its own series (Abramowitz & Stegun 7.1.5 for |x| < 5): independent of the rational approximation. */
function normalCdf(x: number): number {
  const t = x / Math.SQRT2;
  let term = t;
  let sum = t;
  for (let n = 1; n < 200; n++) {
    term *= (-t * t) / n;
    sum += term / (2 * n + 1);
  }
  return 0.5 + sum / Math.sqrt(Math.PI);
}

describe('inverse normal CDF (Wichura AS 241)', () => {
  it.each(KNOWN)('Φ⁻¹(%s) = %s to about 1e-15 relative', (p, x) => {
    expect(Math.abs(inverseNormalCdf(p) - x)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(x)));
  });

  it('is odd about ½ and increasing', () => {
    for (const p of [0.001, 0.07, 0.2, 0.4, 0.49]) expect(inverseNormalCdf(1 - p)).toBeCloseTo(-inverseNormalCdf(p), 10);
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < 1000; i++) {
      const x = inverseNormalCdf(i / 1000);
      expect(x).toBeGreaterThan(last);
      last = x;
    }
  });

  it('inverts Φ computed independently', () => {
    for (let i = 1; i < 100; i++) {
      const p = i / 100;
      expect(normalCdf(inverseNormalCdf(p))).toBeCloseTo(p, 13);
    }
  });

  it('gives ±∞ at the ends and refuses probabilities outside [0, 1]', () => {
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    for (const p of [-0.1, 1.5, Number.NaN]) expect(() => inverseNormalCdf(p)).toThrow(/p must lie in \[0, 1\]/);
  });
});

describe('Gaussian quantile grid', () => {
  it('places k points at Φ⁻¹((i + ½)/k): symmetric, increasing, finite', () => {
    const q = gaussianQuantiles(4);
    expect(q[0]).toBeCloseTo(inverseNormalCdf(0.125), 15);
    expect(q[1]).toBeCloseTo(-0.31863936396437514, 14);
    expect(q[2]).toBeCloseTo(0.31863936396437514, 14);
    expect(q[3]).toBeCloseTo(1.1503493803760079, 14);
    const odd = gaussianQuantiles(5);
    expect(odd[2]).toBe(0);
    for (const k of [1, 2, 7, 20]) {
      const grid = gaussianQuantiles(k);
      expect(grid).toHaveLength(k);
      grid.forEach((x, i) => {
        expect(Number.isFinite(x)).toBe(true);
        expect(x).toBeCloseTo(-grid[k - 1 - i], 12);
      });
    }
  });

  it('gives each cell the same prior mass: Φ of the points are the midpoints of k equal bins', () => {
    gaussianQuantiles(10).forEach((x, i) => expect(normalCdf(x)).toBeCloseTo((i + 0.5) / 10, 13));
  });

  it('refuses a grid of no points', () => {
    expect(() => gaussianQuantiles(0)).toThrow(/positive integer/);
    expect(() => gaussianQuantiles(2.5)).toThrow(/positive integer/);
  });
});
