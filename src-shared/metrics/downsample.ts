import type { MetricSeries } from '../contract/types';

/** A series held in any array-like columns (typed arrays straight from storage, or plain arrays). */
export interface ColumnSeries {
  step: ArrayLike<number>;
  epoch: ArrayLike<number>;
  values: Record<string, ArrayLike<number>>;
  /** Wall-clock time of each point (ms since the Unix epoch), carried along with the points kept. */
  time?: ArrayLike<number>;
}

/**
 * Thins a long per-step series for a chart without losing what a reader looks for: the x range (steps) is cut
 * into equal buckets and, for every metric, the points holding its minimum and its maximum in each bucket are kept
 * (the min/max decimation of plotting libraries, e.g. Chart.js's "min-max" decimation), with the first and last
 * points. A single divergent step in a million stays visible; a mean or stride sample would hide it.
 *
 * Every kept point keeps all metrics' values and its epoch. Bucket count: max(1, ⌊maxPoints / (2 · metrics)⌋), so
 * the result has at most maxPoints + 2 points whenever maxPoints ≥ 2 · metrics. NaN values are ignored when
 * looking for extremes (an infinity is an extreme, and is kept). Series already within `maxPoints` come back as
 * they are.
 */
export function downsampleSeries(series: MetricSeries | ColumnSeries, maxPoints: number): MetricSeries {
  const n = series.step.length;
  if (n <= maxPoints) {
    return {
      step: Array.from(series.step),
      epoch: Array.from(series.epoch),
      values: Object.fromEntries(Object.entries(series.values).map(([k, v]) => [k, Array.from(v)])),
      ...(series.time ? { time: Array.from(series.time) } : {}),
    };
  }
  const names = Object.keys(series.values);
  const buckets = Math.max(1, Math.floor(maxPoints / (2 * Math.max(1, names.length))));
  const first = series.step[0];
  const span = series.step[n - 1] - first;
  const bucketOf = new Int32Array(n);
  if (span > 0) {
    for (let i = 0; i < n; i++) {
      bucketOf[i] = Math.min(buckets - 1, Math.max(0, Math.floor(((series.step[i] - first) / span) * buckets)));
    }
  }

  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const minAt = new Int32Array(buckets);
  const maxAt = new Int32Array(buckets);
  for (const name of names) {
    const values = series.values[name];
    minAt.fill(-1);
    maxAt.fill(-1);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v !== 'number' || Number.isNaN(v)) continue;
      const b = bucketOf[i];
      if (minAt[b] < 0 || v < values[minAt[b]]) minAt[b] = i;
      if (maxAt[b] < 0 || v > values[maxAt[b]]) maxAt[b] = i;
    }
    for (let b = 0; b < buckets; b++) {
      if (minAt[b] >= 0) keep[minAt[b]] = 1;
      if (maxAt[b] >= 0) keep[maxAt[b]] = 1;
    }
  }

  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) kept.push(i);
  return {
    step: kept.map((i) => series.step[i]),
    epoch: kept.map((i) => series.epoch[i]),
    values: Object.fromEntries(names.map((name) => [name, kept.map((i) => series.values[name][i] ?? NaN)])),
    ...(series.time ? { time: kept.map((i) => series.time![i]) } : {}),
  };
}
