import * as tf from '@tensorflow/tfjs';
import { readAll } from '../read-values';

export const EVAL_BATCH = 512;

/** The mean over samples of each column of a per-sample tensor ([N] or [N, K]), and of its square, in float64. */
export interface ColumnMoments {
  mean: Float64Array;
  meanSquare: Float64Array;
}

/**
 * Runs `fn` over x in batches of EVAL_BATCH; `fn` returns per-sample tensors ([n] or [n, K]) and each becomes the
 * mean over all N samples of every column (and of its square), read back and summed in float64: tfjs reduces in
 * float32, and a float32 sum of thousands of terms loses digits a reported metric must keep. Per-sample values
 * themselves are sums over one sample's D values, short enough for float32.
 */
export async function batchedMoments(x: tf.Tensor, fn: (xb: tf.Tensor, start: number) => Record<string, tf.Tensor>): Promise<Record<string, ColumnMoments>> {
  const n = x.shape[0];
  const sums: Record<string, { sum: Float64Array; square: Float64Array }> = {};
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, n - start);
    const values = await readAll(tf.tidy(() => fn(x.slice(start, size), start)));
    for (const [name, v] of Object.entries(values)) {
      const k = v.length / size;
      const acc = (sums[name] ??= { sum: new Float64Array(k), square: new Float64Array(k) });
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < k; j++) {
          const value = v[i * k + j];
          acc.sum[j] += value;
          acc.square[j] += value * value;
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([name, { sum, square }]) => [name, { mean: sum.map((s) => s / n), meanSquare: square.map((s) => s / n) }]));
}

/** The mean of a per-sample tensor ([N]) read back and summed in float64; the tensor is disposed. */
export async function sampleMean(perSample: tf.Tensor): Promise<number> {
  const { values } = await readAll({ values: perSample });
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Per-sample squared error Σ_d (a − b)² of two [N, D] tensors. */
export const squaredErrorPerSample = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D => tf.sum(tf.square(tf.sub(a, b)), 1) as tf.Tensor1D;

/** PSNR in dB for signals in [0, 1], from the mean squared error per value: 10 · log10(1 / MSE). */
export const psnr = (msePerValue: number): number => 10 * Math.log10(1 / Math.max(msePerValue, 1e-12));

export const flatten = (x: tf.Tensor): tf.Tensor2D => x.reshape([x.shape[0], -1]) as tf.Tensor2D;
