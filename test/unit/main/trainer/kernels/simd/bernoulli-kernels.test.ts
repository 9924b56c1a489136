import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';
import { BERNOULLI_NLL } from '../../../../../../src-main/trainer/kernels/simd/bernoulli-kernels';
import { bernoulliNll } from '../../../../../../src-main/trainer/objectives/bernoulli-nll';

/** Logits from −100 to 100 (saturated, moderate, near zero) and targets in [0, 1], not only 0/1. */
function inputs(rows: number, d: number): { logits: number[][]; x: number[][] } {
  const scale = [100, 30, 8, 1, 1e-3, 1e-7];
  const logits = Array.from({ length: rows }, (_, i) => Array.from({ length: d }, (_, j) => (((i * 7 + j * 13) % 11) - 5) / 5 * scale[(i + j) % scale.length]));
  const x = Array.from({ length: rows }, (_, i) => Array.from({ length: d }, (_, j) => ((i * 3 + j * 5) % 9) / 8));
  return { logits, x };
}

/** Float64 truth: per-row Σ max(l,0) − l·x + log1p(e^−|l|), and the gradient σ(l) − x. */
function exact(logits: number[][], x: number[][]): { nll: number[]; grad: number[][] } {
  const sigmoid = (l: number) => (l >= 0 ? 1 / (1 + Math.exp(-l)) : Math.exp(l) / (1 + Math.exp(l)));
  return {
    nll: logits.map((row, i) => row.reduce((s, l, j) => s + Math.max(l, 0) - l * x[i][j] + Math.log1p(Math.exp(-Math.abs(l))), 0)),
    grad: logits.map((row, i) => row.map((l, j) => sigmoid(l) - x[i][j])),
  };
}

describe('fused Bernoulli NLL on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
    expect(tf.getKernel(BERNOULLI_NLL, 'wasm')).toBeDefined();
  });

  it.each([
    [5, 784],
    [3, 7],
    [4, 2],
    [2, 1],
    [1, 4],
  ])('%i rows × %i values: the float64 sum and gradient to float32 accuracy', (rows, d) => {
    const { logits, x } = inputs(rows, d);
    const truth = exact(logits, x);
    const l = tf.tensor2d(logits);
    const t = tf.tensor2d(x);
    const dy = tf.tensor1d(Array.from({ length: rows }, (_, i) => 1 + i));
    const nll = bernoulliNll(l, t).arraySync();
    const [gradL, gradX] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(bernoulliNll(a as tf.Tensor2D, b as tf.Tensor2D), dy)))([l, t]);
    nll.forEach((v, i) => {
      const magnitude = logits[i].reduce((s, q) => s + Math.abs(q), 0) + d;
      expect(Math.abs(v - truth.nll[i])).toBeLessThanOrEqual(4e-7 * magnitude + 1e-6);
    });
    (gradL.arraySync() as number[][]).forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo((1 + i) * truth.grad[i][j], 6)));
    (gradX.arraySync() as number[][]).forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo(-(1 + i) * logits[i][j], 3)));
    tf.dispose([l, t, dy, gradL, gradX]);
  });

  it('agrees with the composite formula on the cpu backend', async () => {
    const { logits, x } = inputs(6, 33);
    const run = () => tf.tidy(() => Array.from(bernoulliNll(tf.tensor2d(logits), tf.tensor2d(x)).dataSync()));
    const wasm = run();
    await tf.setBackend('cpu');
    const cpu = run();
    await tf.setBackend('wasm');
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i], 3));
  });

  it('passes NaN through, forward and backward (a diverging decoder is caught, not hidden)', () => {
    const out = tf.tidy(() => Array.from(bernoulliNll(tf.tensor2d([[0.5, NaN, 1, 2, 3]]), tf.tensor2d([[1, 0, 1, 0, 1]])).dataSync()));
    expect(Number.isNaN(out[0])).toBe(true);
    const grad = tf.tidy(() =>
      Array.from(tf.grad((l: tf.Tensor) => tf.sum(bernoulliNll(l as tf.Tensor2D, tf.tensor2d([[1, 0, 1, 0, 1]]))))(tf.tensor2d([[0.5, NaN, 1, 2, 3]])).dataSync()),
    );
    expect(Number.isNaN(grad[1])).toBe(true);
    expect(grad.filter(Number.isFinite)).toHaveLength(4);
  });

  it('leaves no tensors behind, forward and backward', () => {
    const l = tf.randomNormal([8, 10]) as tf.Tensor2D;
    const x = tf.randomUniform([8, 10]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((a: tf.Tensor) => tf.sum(bernoulliNll(a as tf.Tensor2D, x)))(l);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([l, x]);
  });
});
