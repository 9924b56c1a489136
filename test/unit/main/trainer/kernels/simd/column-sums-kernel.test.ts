import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';

async function sumOn(backend: string, shape: number[], axis: number | number[], keepDims: boolean): Promise<{ shape: number[]; values: number[] }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = tf.sum(tf.randomNormal(shape, 0, 1, 'float32', 11), axis, keepDims);
    return { shape: out.shape, values: Array.from(out.dataSync()) };
  });
}

describe('column sums on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it.each<[string, number[], number | number[], boolean]>([
    ['bias gradient of a 784-wide layer', [128, 784], 0, false],
    ['columns not a multiple of 4', [9, 7], 0, true],
    ['one column', [5, 1], [0], false],
    ['all leading axes of a rank-3 tensor', [2, 3, 6], [1, 0], false],
    ['kept dims, rank 3', [2, 3, 5], [0, 1], true],
    ['rows (tfjs kernel)', [4, 6], 1, false],
    ['everything (tfjs kernel)', [4, 6], [0, 1], false],
  ])('%s: the cpu backend’s shape and values', async (_name, shape, axis, keepDims) => {
    const cpu = await sumOn('cpu', shape, axis, keepDims);
    const wasm = await sumOn('wasm', shape, axis, keepDims);
    expect(wasm.shape).toEqual(cpu.shape);
    wasm.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i], 4));
  });
});
