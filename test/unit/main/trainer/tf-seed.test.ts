import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { corrupt } from '../../../../src-main/trainer/noise';
import { tfSeed } from '../../../../src-main/trainer/tf-seed';

describe('tfSeed', () => {
  it('passes every seed but 0 through, so runs with them draw what they drew before', () => {
    for (const seed of [1, 42, 1_000_003, 2 ** 31 - 1]) expect(tfSeed(seed)).toBe(seed);
    expect(tfSeed(0)).not.toBe(0);
  });

  it('makes seed 0 repeat: the same noise twice (tfjs alone treats 0 as no seed)', async () => {
    await tf.setBackend('cpu');
    const x = tf.zeros([4, 8]);
    const a = corrupt(x, { kind: 'gaussian', sigma: 1 }, 0);
    const b = corrupt(x, { kind: 'gaussian', sigma: 1 }, 0);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    const unseeded = [tf.randomNormal([4, 8], 0, 1, 'float32', 0), tf.randomNormal([4, 8], 0, 1, 'float32', 0)];
    expect(Array.from(await unseeded[0].data())).not.toEqual(Array.from(await unseeded[1].data()));
    tf.dispose([x, a, b, ...unseeded]);
  });
});
