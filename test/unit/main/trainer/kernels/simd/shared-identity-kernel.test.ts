import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';

describe('clones on wasm share memory', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('a clone keeps its values after the original is disposed, and frees the memory with the last reference', () => {
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const buffers = backend.numDataIds();
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(buffers + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    expect(backend.numDataIds()).toBe(buffers + 1);
    y.dispose();
    expect(backend.numDataIds()).toBe(buffers);
  });

  it('gradients through saved (cloned) tensors are unchanged', () => {
    const w = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.25]]));
    const x = tf.tensor2d([[1, 2], [-3, 1]]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.relu(tf.matMul(x, w)))) as tf.Scalar, [w]);
    // d/dW Σ relu(xW)² = xᵀ·(2·relu(xW)); xW = [[4.5, -0.5], [0.5, 3.25]] → xᵀ·[[9, 0], [1, 6.5]]
    expect(Array.from(grads[w.name].dataSync())).toEqual([6, -19.5, 19, 6.5]);
    tf.dispose([w, x, grads[w.name]]);
  });
});
