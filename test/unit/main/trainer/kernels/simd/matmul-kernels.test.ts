import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';

interface Case {
  a: number[];
  b: number[];
  transposeA?: boolean;
  transposeB?: boolean;
  bias?: number[];
  activation?: 'linear' | 'relu' | 'elu';
}

interface Product {
  shape: number[];
  values: Float32Array;
  inputs: Float32Array[];
}

/**
 * The same product in float64 from the float32 inputs (what both backends approximate), and for each output the
 * probabilistic float32 error bound of a K-term dot product (Higham & Mary 2019): 2·√(K+1)·u·(Σ|a·b| + |bias|).
 */
function exact(c: Case, [a, b, bias]: Float32Array[], outShape: number[]): { values: Float64Array; bound: Float64Array } {
  const [m, n] = outShape.slice(-2);
  const k = c.transposeA ? c.a[c.a.length - 2] : c.a[c.a.length - 1];
  const batches = outShape.slice(0, -2).reduce((x, y) => x * y, 1);
  const aBatch = c.a.length > 2 && c.a.slice(0, -2).reduce((x, y) => x * y, 1) > 1;
  const bBatch = c.b.length > 2 && c.b.slice(0, -2).reduce((x, y) => x * y, 1) > 1;
  const out = new Float64Array(batches * m * n);
  const bound = new Float64Array(batches * m * n);
  for (let t = 0; t < batches; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = bias ? bias[j] : 0;
        let magnitude = Math.abs(sum);
        for (let p = 0; p < k; p++) {
          const av = a[(aBatch ? t * m * k : 0) + (c.transposeA ? p * m + i : i * k + p)];
          const bv = b[(bBatch ? t * k * n : 0) + (c.transposeB ? j * k + p : p * n + j)];
          sum += av * bv;
          magnitude += Math.abs(av * bv);
        }
        bound[(t * m + i) * n + j] = 2 * Math.sqrt(k + 1) * 2 ** -24 * magnitude + 1e-12;
        out[(t * m + i) * n + j] = c.activation === 'relu' ? Math.max(sum, 0) : c.activation === 'elu' && sum < 0 ? Math.expm1(sum) : sum;
      }
    }
  }
  return { values: out, bound };
}

/** One product on a backend, from the same seeded inputs; returns shape, values and the inputs. */
async function product(backend: string, c: Case): Promise<Product> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const a = tf.randomNormal(c.a, 0, 1, 'float32', 1);
    const b = tf.randomNormal(c.b, 0, 1, 'float32', 2);
    const bias = c.bias ? tf.randomNormal(c.bias, 0, 1, 'float32', 3) : undefined;
    const out =
      bias || c.activation
        ? tf.fused.matMul({ a, b, transposeA: c.transposeA, transposeB: c.transposeB, bias, activation: c.activation })
        : tf.matMul(a, b, c.transposeA, c.transposeB);
    const inputs = [a, b, ...(bias ? [bias] : [])].map((t) => t.dataSync() as Float32Array);
    return { shape: out.shape, values: out.dataSync() as Float32Array, inputs };
  });
}

describe('SIMD GEMM kernels on wasm', () => {
  beforeAll(async () => {
    const report = await selectBackend('wasm');
    expect(report.detail).toContain('Latent Lab SIMD kernels');
  });

  it.each<[string, Case]>([
    ['reference VAE encoder, bias + ReLU', { a: [128, 784], b: [784, 400], bias: [400], activation: 'relu' }],
    ['dy·Wᵀ (transposed B)', { a: [1, 128, 784], b: [1, 400, 784], transposeB: true }],
    ['xᵀ·dy (transposed A)', { a: [128, 784], b: [128, 400], transposeA: true }],
    ['rows not a multiple of 4, columns not of 8', { a: [7, 13], b: [13, 21], bias: [21], activation: 'linear' }],
    ['both transposed, odd sizes', { a: [13, 7], b: [21, 13], transposeA: true, transposeB: true }],
    ['fewer than 8 columns', { a: [6, 3], b: [3, 1], bias: [1], activation: 'relu' }],
    ['one row, transposed A', { a: [5, 1], b: [5, 9], transposeA: true }],
    ['batched, B broadcast', { a: [3, 5, 9], b: [9, 3] }],
    ['batched, A broadcast, bias as a row', { a: [6, 5], b: [3, 5, 10], bias: [1, 10], activation: 'relu' }],
    ['batched, equal batches, transposed B', { a: [2, 6, 4], b: [2, 10, 4], transposeB: true }],
    ['empty inner dimension', { a: [4, 0], b: [0, 3], bias: [3] }],
    ['empty output', { a: [0, 5], b: [5, 3] }],
    ['ELU (tfjs kernel fallback)', { a: [9, 11], b: [11, 10], bias: [10], activation: 'elu' }],
  ])('%s: the shape of the cpu backend, and the exact product to float32 accuracy', async (_name, c) => {
    const cpu = await product('cpu', c);
    const wasm = await product('wasm', c);
    expect(wasm.shape).toEqual(cpu.shape);
    wasm.inputs.forEach((input, i) => expect(Array.from(input)).toEqual(Array.from(cpu.inputs[i])));
    const truth = exact(c, wasm.inputs, wasm.shape);
    const outside = (values: Float32Array) => values.filter((v, i) => !(Math.abs(v - truth.values[i]) <= truth.bound[i])).length;
    expect(outside(cpu.values)).toBe(0);
    expect(outside(wasm.values)).toBe(0);
  });

  it('keeps NaN through the fused ReLU (so a diverging run is caught, not hidden as zeros)', async () => {
    await tf.setBackend('wasm');
    const out = tf.tidy(() => tf.fused.matMul({ a: tf.tensor2d([[NaN, 1]]), b: tf.ones([2, 3]), bias: tf.zeros([3]), activation: 'relu' }).dataSync());
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });

  it('leaves no tensors or bytes behind over repeated calls', async () => {
    await tf.setBackend('wasm');
    const a = tf.randomNormal([64, 32]);
    const b = tf.randomNormal([16, 32]);
    tf.matMul(a, b, false, true).dispose();
    const before = tf.memory();
    for (let i = 0; i < 20; i++) tf.matMul(a, b, false, true).dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    tf.dispose([a, b]);
  });
});
