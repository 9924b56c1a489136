import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDropoutStep, StepSeededDropout } from '../../../../../src-main/trainer/network/step-seeded-dropout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('StepSeededDropout', () => {
  const layer = new StepSeededDropout({ name: 'drop_test', rate: 0.5, offset: 3 });
  const x = tf.ones([4, 64]);
  const mask = (step: number) => {
    setDropoutStep(step);
    return Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync());
  };

  it('draws a new mask every step, the same one for the same step', () => {
    expect(mask(1)).not.toEqual(mask(2));
    expect(mask(5)).toEqual(mask(5));
  });

  it('drops about `rate` of the values and scales the rest by 1 / (1 − rate)', () => {
    const values = mask(9);
    const dropped = values.filter((v) => v === 0).length / values.length;
    expect(dropped).toBeGreaterThan(0.35);
    expect(dropped).toBeLessThan(0.65);
    expect(values.filter((v) => v !== 0).every((v) => Math.abs(v - 2) < 1e-6)).toBe(true);
  });

  it('passes inputs through unchanged outside training', () => {
    expect(Array.from((layer.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(Array(256).fill(1));
  });
});
