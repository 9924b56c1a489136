import * as tf from '@tensorflow/tfjs';
import type { NoiseConfig } from '../../src-shared/config/run-config';
import { tfSeed } from './tf-seed';

/**
 * Corrupts a batch for a denoising autoencoder (Vincent et al. 2008): additive Gaussian (σ), masking (each value
 * set to 0 with probability p), or salt-and-pepper (each value set to 0 or 1, equally likely, with probability p).
 */
export function corrupt(x: tf.Tensor, noise: NoiseConfig, seed: number): tf.Tensor {
  return tf.tidy(() => {
    switch (noise.kind) {
      case 'gaussian':
        return tf.add(x, tf.mul(noise.sigma, tf.randomNormal(x.shape, 0, 1, 'float32', tfSeed(seed))));
      case 'masking':
        return tf.mul(x, tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', tfSeed(seed)), noise.p), 'float32'));
      case 'salt-pepper': {
        const hit = tf.less(tf.randomUniform(x.shape, 0, 1, 'float32', tfSeed(seed)), noise.p);
        // A seed no other step uses (seed + 1 would be the next step's own).
        const salt = tf.cast(tf.less(tf.randomUniform(x.shape, 0, 1, 'float32', (seed ^ 0x5bd1e995) >>> 0), 0.5), 'float32');
        return tf.where(hit, salt, x);
      }
    }
  });
}
