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

/** PSNR in dB for signals in [0, 1], from the mean squared error per value: 10 · log10(1 / MSE). */
export const psnr = (msePerValue: number): number => 10 * Math.log10(1 / Math.max(msePerValue, 1e-12));

/** Mean over the batch of the per-value squared error between two [N, D] tensors. */
export function meanSquaredErrorPerValue(a: tf.Tensor2D, b: tf.Tensor2D): number {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(a, b))).dataSync()[0]);
}

export const flatten = (x: tf.Tensor): tf.Tensor2D => x.reshape([x.shape[0], -1]) as tf.Tensor2D;
