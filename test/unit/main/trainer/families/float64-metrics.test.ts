import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainedVariance } from '../../../../../src-main/trainer/families/linear-ae';
import { columnMeans, meanSquaredErrorPerValue, sampleMean } from '../../../../../src-main/trainer/families/metrics';
import { useWasm } from '../../../../helpers/train-in-process';

beforeAll(useWasm);

/**
 * 20,000 samples of 400 values (8 M, the size of Fashion-MNIST's test set): rows alternate 0.6 and 0.4 in every
 * column, so the mean is their midpoint, and every reconstruction is 0.01 low. The answer follows in closed form
 * from the float32 values the arrays hold.
 */
const N = 20_000;
const D = 400;
function synthetic() {
  const x = new Float32Array(N * D);
  const reconstruction = new Float32Array(N * D);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < D; j++) {
      x[i * D + j] = i % 2 === 0 ? 0.6 : 0.4;
      reconstruction[i * D + j] = x[i * D + j] - 0.01;
    }
  }
  const [hi, lo] = [Math.fround(0.6), Math.fround(0.4)];
  const mean = (hi + lo) / 2;
  const total = (N / 2) * D * ((hi - mean) ** 2 + (lo - mean) ** 2);
  const residual = (N / 2) * D * ((hi - Math.fround(hi - 0.01)) ** 2 + (lo - Math.fround(lo - 0.01)) ** 2);
  return { x, reconstruction, expected: 1 - residual / total };
}

describe('metrics accumulate in float64', () => {
  it('explained variance of 8 M values matches the closed form to 1e-12, where a float32 sum is visibly off', () => {
    const { x, reconstruction, expected } = synthetic();
    expect(explainedVariance(x, reconstruction, N)).toBeCloseTo(expected, 12);
    // What tfjs' float32 reductions give on the same data: the issue's bias, reproduced.
    const float32 = tf.tidy(() => {
      const t = tf.tensor2d(x, [N, D]);
      const residual = tf.sum(tf.square(tf.sub(t, tf.tensor2d(reconstruction, [N, D])))).dataSync()[0];
      const total = tf.sum(tf.square(tf.sub(t, tf.mean(t, 0)))).dataSync()[0];
      return 1 - residual / total;
    });
    expect(Math.abs(float32 - expected)).toBeGreaterThan(1e-6);
  });

  it('means over samples and columns are float64 sums of per-sample values', () => {
    // 1e8 then a million ones: a float32 running sum would not move; the float64 one counts every one.
    const values = new Float32Array(1_000_001).fill(1);
    values[0] = 1e8;
    expect(sampleMean(tf.tensor1d(values))).toBe((1e8 + 1_000_000) / 1_000_001);
    expect(Array.from(columnMeans(tf.tensor2d([1, 10, 2, 20, 3, 30], [3, 2])))).toEqual([2, 20]);
    const a = tf.tensor2d([0, 0, 1, 1], [2, 2]);
    const b = tf.tensor2d([1, 0, 1, 0], [2, 2]);
    expect(meanSquaredErrorPerValue(a, b)).toBe(0.5);
  });
});
