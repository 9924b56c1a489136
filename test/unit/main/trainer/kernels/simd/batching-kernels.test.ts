import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';

async function on<T>(backend: string, fn: () => T): Promise<T> {
  await tf.setBackend(backend);
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}

describe('row gather and contiguous slice on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it.each<[string, () => tf.Tensor]>([
    ['a shuffled minibatch of rows', () => tf.gather(tf.randomNormal([50, 7, 3], 0, 1, 'float32', 1), tf.tensor1d([49, 0, 17, 17, 3], 'int32'))],
    ['2-D indices', () => tf.gather(tf.randomNormal([9, 4], 0, 1, 'float32', 2), tf.tensor2d([[1, 2], [8, 0]], [2, 2], 'int32'))],
    ['int32 rows', () => tf.gather(tf.range(0, 40, 1, 'int32').reshape([10, 4]), tf.tensor1d([9, 1], 'int32'))],
    ['no indices', () => tf.gather(tf.randomNormal([5, 3], 0, 1, 'float32', 3), tf.tensor1d([], 'int32'))],
    ['axis 1 (tfjs kernel)', () => tf.gather(tf.randomNormal([5, 6], 0, 1, 'float32', 4), tf.tensor1d([5, 0], 'int32'), 1)],
    ['a range of rows', () => tf.slice(tf.randomNormal([30, 6], 0, 1, 'float32', 5), [12, 0], [8, -1])],
    ['inside one row', () => tf.slice(tf.randomNormal([4, 6, 5], 0, 1, 'float32', 6), [2, 3, 0], [1, 2, 5])],
    ['a column (not contiguous: tfjs kernel)', () => tf.slice(tf.randomNormal([6, 5], 0, 1, 'float32', 7), [0, 2], [-1, 1])],
  ])('%s: the values and shape of the cpu backend', async (_name, make) => {
    const cpu = await on('cpu', () => ({ shape: make().shape, values: Array.from(make().dataSync()) }));
    const wasm = await on('wasm', () => ({ shape: make().shape, values: Array.from(make().dataSync()) }));
    expect(wasm).toEqual(cpu);
  });

  it('an index out of range is refused as tfjs refuses it', async () => {
    await tf.setBackend('wasm');
    const x = tf.zeros([3, 2]);
    const idx = tf.tensor1d([0, 3], 'int32');
    expect(() => tf.gather(x, idx).dataSync()).toThrow();
    tf.dispose([x, idx]);
  });
});

describe('row gather while the wasm heap grows', () => {
  it('fills the minibatch even when allocating it grows the heap (a heap view taken before would be empty)', async () => {
    await selectBackend('wasm');
    const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    const before = heap();
    const x = tf.ones([4, 1 << 20]);
    const idx = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32');
    const rows = tf.gather(x, idx);
    expect(heap()).toBeGreaterThan(before);
    const sum = tf.sum(rows).dataSync()[0];
    expect(sum).toBe(8 * (1 << 20));
    tf.dispose([x, idx, rows]);
  });
});
