import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { registerFastTransposedMatMul } from '../../../../../src-main/trainer/kernels/fast-transposed-matmul-wasm';

async function product(backend: string, transposeA: boolean, transposeB: boolean, fused: boolean): Promise<number[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const a = tf.randomNormal(transposeA ? [3, 7, 5] : [3, 5, 7], 0, 1, 'float32', 1) as tf.Tensor3D;
    const b = tf.randomNormal(transposeB ? [3, 4, 7] : [3, 7, 4], 0, 1, 'float32', 2) as tf.Tensor3D;
    const out = fused
      ? tf.fused.matMul({ a, b, transposeA, transposeB, bias: tf.ones([4]), activation: 'relu' })
      : tf.matMul(a, b, transposeA, transposeB);
    return Array.from(out.dataSync());
  });
}

describe('transposed matmul on wasm', () => {
  it.each([
    [true, false, false],
    [false, true, false],
    [true, true, false],
    [true, false, true],
    [false, true, true],
  ])('transposeA %s, transposeB %s (fused %s): same numbers as the cpu backend', async (ta, tb, fused) => {
    registerFastTransposedMatMul();
    const cpu = await product('cpu', ta, tb, fused);
    const wasm = await product('wasm', ta, tb, fused);
    expect(wasm.length).toBe(cpu.length);
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i], 4));
  });

  it('leaves no tensors behind', async () => {
    registerFastTransposedMatMul();
    await tf.setBackend('wasm');
    const a = tf.randomNormal([64, 32]);
    const b = tf.randomNormal([64, 16]);
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    tf.matMul(a, b, true, false).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytes);
    tf.dispose([a, b]);
  });
});
