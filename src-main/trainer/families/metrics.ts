import * as tf from '@tensorflow/tfjs';

export const EVAL_BATCH = 512;

/** Runs `fn` over x in batches and returns the batch-size-weighted mean of each value it reports. */
export function batchedMeans(x: tf.Tensor, fn: (xb: tf.Tensor, start: number) => Record<string, number>): Record<string, number> {
  const n = x.shape[0];
  const sums: Record<string, number> = {};
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, n - start);
    const values = tf.tidy(() => fn(x.slice(start, size), start));
    for (const [k, v] of Object.entries(values)) sums[k] = (sums[k] ?? 0) + v * size;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / n]));
}

/**
 * The mean of per-sample values (a [N] tensor), summed in float64: tfjs reduces in float32, and a float32 sum of
 * thousands of terms loses digits a reported metric must keep. Per-sample values themselves are sums over one
 * sample's D values, short enough for float32.
 */
export function sampleMean(perSample: tf.Tensor): number {
  const values = perSample.dataSync();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The mean of each column of an [N, K] tensor over its N rows, summed in float64. */
export function columnMeans(t: tf.Tensor2D): Float64Array {
  const [n, k] = t.shape;
  const values = t.dataSync();
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sums[j] += values[i * k + j];
  return sums.map((s) => s / n);
}

/** PSNR in dB for signals in [0, 1], from the mean squared error per value: 10 · log10(1 / MSE). */
export const psnr = (msePerValue: number): number => 10 * Math.log10(1 / Math.max(msePerValue, 1e-12));

/** Mean over the batch of the per-value squared error between two [N, D] tensors (per-sample sums, then float64). */
export function meanSquaredErrorPerValue(a: tf.Tensor2D, b: tf.Tensor2D): number {
  return tf.tidy(() => sampleMean(tf.sum(tf.square(tf.sub(a, b)), 1)) / a.shape[1]);
}

export const flatten = (x: tf.Tensor): tf.Tensor2D => x.reshape([x.shape[0], -1]) as tf.Tensor2D;
