import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainedVariance } from '../../../../../src-main/trainer/families/linear-ae';
import { batchedMoments, sampleMean, squaredErrorPerSample } from '../../../../../src-main/trainer/families/metrics';
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

  it('means over samples and columns are float64 sums of per-sample values', async () => {
    // 1e8 then a million ones: a float32 running sum would not move; the float64 one counts every one.
    const values = new Float32Array(1_000_001).fill(1);
    values[0] = 1e8;
    expect(await sampleMean(tf.tensor1d(values))).toBe((1e8 + 1_000_000) / 1_000_001);
    // Over batches of 512 (1,100 samples: three batches), each column's mean and mean square.
    const x = tf.tensor2d(Array.from({ length: 1100 * 2 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) : i % 4 === 1 ? 1 : 3)), [1100, 2]);
    const moments = await batchedMoments(x, (xb) => ({ column: xb, squared: squaredErrorPerSample(xb as tf.Tensor2D, tf.zerosLike(xb) as tf.Tensor2D) }));
    expect(Array.from(moments.column.mean)).toEqual([1099 / 2, 2]);
    expect(moments.column.meanSquare[1]).toBe(5);
    expect(moments.column.meanSquare[0]).toBeCloseTo(((1099 * 1100) * (2 * 1099 + 1)) / 6 / 1100, 6);
    expect(moments.squared.mean).toHaveLength(1);
    x.dispose();
  });
});
