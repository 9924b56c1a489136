import { describe, expect, it } from 'vitest';
import { downsampleSeries } from '../../../../src-shared/metrics/downsample';
import type { MetricSeries } from '../../../../src-shared/contract/types';
import { mulberry32 } from '../../../../src-shared/datasets/rng';

/** A run's per-step series: steps 1..n, 1000 steps an epoch, a noisy decaying loss and a KL. */
function series(n: number, seed = 1): MetricSeries {
  const random = mulberry32(seed);
  const step = Array.from({ length: n }, (_, i) => i + 1);
  return {
    step,
    epoch: step.map((s) => Math.ceil(s / 1000)),
    values: {
      loss: step.map((s) => 100 / Math.sqrt(s) + random()),
      kl: step.map(() => 5 + random()),
    },
  };
}

const isIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

describe('downsampleSeries', () => {
  it('returns a series within the limit as it is', () => {
    const s = series(500);
    expect(downsampleSeries(s, 500)).toEqual(s);
  });

  it('keeps a single spike in a million points, within the bound, with first and last, x increasing', () => {
    const s = series(1_000_000);
    s.values.loss[654_321] = 1e9;
    s.values.kl[123_456] = -3;
    const out = downsampleSeries(s, 1000);
    expect(out.step.length).toBeLessThanOrEqual(1002);
    expect(out.step.length).toBeGreaterThan(500);
    expect(out.step[0]).toBe(1);
    expect(out.step.at(-1)).toBe(1_000_000);
    expect(isIncreasing(out.step)).toBe(true);
    const spike = out.step.indexOf(654_322);
    expect(spike).toBeGreaterThan(0);
    expect(out.values.loss[spike]).toBe(1e9);
    // Every kept point carries all metrics and its epoch.
    const dip = out.step.indexOf(123_457);
    expect(out.values.kl[dip]).toBe(-3);
    expect(out.values.loss[dip]).toBe(s.values.loss[123_456]);
    expect(out.epoch[dip]).toBe(124);
    expect(Math.max(...out.values.loss)).toBe(1e9);
    expect(Math.min(...out.values.kl)).toBe(-3);
  });

  it('keeps each bucket’s min and max of every metric', () => {
    // 2 metrics, maxPoints 8 → 2 buckets over steps 1..8: [1,4] and [5,8] by x.
    const s: MetricSeries = {
      step: [1, 2, 3, 4, 5, 6, 7, 8, 8.5],
      epoch: [1, 1, 1, 1, 2, 2, 2, 2, 2],
      values: { a: [5, 1, 9, 5, 5, 5, 0, 5, 5], b: [3, 3, 3, 3, 3, 2, 3, 3, 3] },
    };
    const out = downsampleSeries(s, 8);
    // a: min at step 2, max at 3 (bucket 1); min at 7, max at 5, the first of the ties (bucket 2).
    // b: min and max at 1 (ties: the first); min at 6, max at 5 (bucket 2). And the first and last points.
    expect(out.step).toEqual([1, 2, 3, 5, 6, 7, 8.5]);
    expect(out.values.a).toEqual([5, 1, 9, 5, 5, 0, 5]);
    expect(out.epoch).toEqual([1, 1, 1, 2, 2, 2, 2]);
  });

  it('ignores NaN when looking for extremes', () => {
    // Every even step is missing; a NaN never compares, so it must not be taken as a bucket's min or max.
    const step = Array.from({ length: 10_000 }, (_, i) => i);
    const kl = step.map((i) => (i % 2 === 0 ? NaN : Math.cos(i / 300)));
    kl[5001] = 99;
    const out = downsampleSeries({ step, epoch: step.map(() => 1), values: { kl } }, 100);
    expect(out.step.length).toBeLessThanOrEqual(102);
    expect(out.values.kl).toContain(99);
    // Apart from the first point (kept always, and missing here), every kept point has a value.
    expect(out.values.kl.slice(1).every(Number.isFinite)).toBe(true);
    expect(out.values.kl[0]).toBeNaN();
  });

  it('keeps only the ends of a metric that is all NaN, and handles a series with no metrics', () => {
    const n = 1000;
    const step = Array.from({ length: n }, (_, i) => i);
    const out = downsampleSeries({ step, epoch: step.map(() => 1), values: { x: step.map(() => NaN) } }, 10);
    expect(out.step).toEqual([0, n - 1]);
    expect(downsampleSeries({ step, epoch: step.map(() => 1), values: {} }, 10).step).toEqual([0, n - 1]);
  });

  it('stays within maxPoints + 2 for many metrics and bounds', () => {
    const s = series(5000, 9);
    for (let m = 0; m < 6; m++) s.values[`kl_dim_${m + 1}`] = s.values.kl.map((v) => v * (m + 1) + Math.sin(m));
    for (const maxPoints of [16, 50, 333, 1000, 4999]) {
      const out = downsampleSeries(s, maxPoints);
      expect(out.step.length).toBeLessThanOrEqual(maxPoints + 2);
      expect(isIncreasing(out.step)).toBe(true);
      expect(Object.keys(out.values)).toEqual(Object.keys(s.values));
      for (const values of Object.values(out.values)) expect(values).toHaveLength(out.step.length);
    }
  });
});
