import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readValues } from '../../../../src-main/trainer/read-values';

describe('readValues', () => {
  it('reads the result of a tidy scope and frees it with every intermediate', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const values = await readValues(() => tf.add(tf.mul(tf.tensor1d([1, 2, 3]), 2), 1));
    expect(Array.from(values)).toEqual([3, 5, 7]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
