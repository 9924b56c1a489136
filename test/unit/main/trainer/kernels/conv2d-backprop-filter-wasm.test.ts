import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { registerWasmConvGradients } from '../../../../../src-main/trainer/kernels/conv2d-backprop-filter-wasm';

/** ∂/∂W of Σ (conv2d(x, W) · g), on a backend: the filter gradient a training step needs. */
async function filterGradient(backend: string, stride: number, pad: 'same' | 'valid', transpose: boolean): Promise<Float32Array> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal([3, 9, 9, 2], 0, 1, 'float32', 1);
    const w = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 2);
    const grad = tf.grad((filter: tf.Tensor) => {
      if (transpose) {
        // conv2dTranspose's filter is [h, w, out, in]: here 2 output channels from the 4 of x4.
        const x4 = tf.randomNormal([3, 5, 5, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
        const y = tf.conv2dTranspose(x4, filter as tf.Tensor4D, [3, 9, 9, 2], stride, pad);
        return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 4)));
      }
      const y = tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, stride, pad);
      return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 4)));
    });
    return grad(w).dataSync() as Float32Array;
  });
}

describe('Conv2DBackpropFilter for the wasm backend', () => {
  it.each([
    [1, 'same' as const, false],
    [2, 'same' as const, false],
    [1, 'valid' as const, false],
    [2, 'valid' as const, false],
    [2, 'same' as const, true],
  ])('matches the cpu backend (stride %i, %s padding, transposed %s)', async (stride, pad, transpose) => {
    registerWasmConvGradients();
    const cpu = await filterGradient('cpu', stride, pad, transpose);
    const wasm = await filterGradient('wasm', stride, pad, transpose);
    expect(wasm.length).toBe(cpu.length);
    for (let i = 0; i < cpu.length; i++) expect(wasm[i]).toBeCloseTo(cpu[i], 3);
  });
});
