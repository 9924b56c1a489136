import { describe, expect, it } from 'vitest';
import { smoothEma } from '../../../../src-shared/metrics/smoothing';
import { mulberry32 } from '../../../../src-shared/datasets/rng';

/**
 * Independent form of the debiased EMA: the weighted mean of the finite points so far, point i weighted by w^(t−i)
 * where t − i counts the finite points after it.
 */
function weightedMean(values: number[], w: number): number[] {
  const seen: number[] = [];
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    seen.push(v);
    let num = 0;
    let den = 0;
    seen.forEach((x, i) => {
      const weight = w ** (seen.length - 1 - i);
      num += weight * x;
      den += weight;
    });
    return num / den;
  });
}

describe('smoothEma', () => {
  it('matches hand-computed values at weight 0.5', () => {
    // m1 = 0.5 → 0.5/0.5 = 1; m2 = 0.25 + 1 = 1.25 → 1.25/0.75; m3 = 0.625 + 1.5 = 2.125 → 2.125/0.875
    const smoothed = smoothEma([1, 2, 3], 0.5);
    expect(smoothed[0]).toBe(1);
    expect(smoothed[1]).toBeCloseTo(5 / 3, 14);
    expect(smoothed[2]).toBeCloseTo(17 / 7, 14);
  });

  it('passes NaN and infinities through without moving the average', () => {
    const smoothed = smoothEma([1, NaN, 2, Infinity, -Infinity, 3], 0.5);
    expect(smoothed[0]).toBe(1);
    expect(smoothed[1]).toBeNaN();
    expect(smoothed[2]).toBeCloseTo(5 / 3, 14);
    expect(smoothed[3]).toBe(Infinity);
    expect(smoothed[4]).toBe(-Infinity);
    expect(smoothed[5]).toBeCloseTo(17 / 7, 14);
  });

  it('leaves values unchanged at weight 0', () => {
    const values = [3, -1, 0.25, NaN, 7];
    expect(smoothEma(values, 0)).toEqual(values);
  });

  it('starts at the first value and moves slowly at weight 0.999', () => {
    const smoothed = smoothEma([0, 10], 0.999);
    expect(smoothed[0]).toBe(0);
    // (0.999 · 0 + 1 · 10) / (0.999 + 1)
    expect(smoothed[1]).toBeCloseTo(10 / 1.999, 10);
  });

  it('agrees with the weighted-mean form on a noisy series with gaps', () => {
    const random = mulberry32(3);
    const values = Array.from({ length: 300 }, (_, i) => (i % 37 === 5 ? NaN : Math.exp(-i / 100) + 0.1 * random()));
    for (const w of [0.1, 0.6, 0.95, 0.999]) {
      const smoothed = smoothEma(values, w);
      const expected = weightedMean(values, w);
      smoothed.forEach((v, i) => (Number.isNaN(expected[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(expected[i], 9)));
    }
  });

  it('returns a flat series exactly as it is, even with gaps', () => {
    // Smoothed, 0.1 would come back as 0.1 ± an ulp at some points.
    const flat = Array.from({ length: 50 }, () => 0.1);
    expect(smoothEma(flat, 0.9)).toEqual(flat);
    const gappy = flat.map((v, i) => (i === 3 ? NaN : v));
    expect(smoothEma(gappy, 0.9)).toEqual(gappy);
  });

  it('follows TensorBoard at the edges: weight 1 shows 0, weights outside [0, 1] are clamped', () => {
    expect(smoothEma([1, 2, NaN], 1)).toEqual([0, 0, NaN]);
    expect(smoothEma([1, 2], 5)).toEqual([0, 0]);
    expect(smoothEma([1, 2], -3)).toEqual([1, 2]);
    expect(smoothEma([1, 2], NaN)).toEqual([1, 2]);
    expect(smoothEma([], 0.6)).toEqual([]);
  });
});
