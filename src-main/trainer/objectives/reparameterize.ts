import * as tf from '@tensorflow/tfjs';
import { tfSeed } from '../tf-seed';

/** The reparameterization trick z = μ + σ·ε, ε ~ N(0, I), σ = exp(½ log σ²) (Kingma & Welling 2013, §2.4). */
export function reparameterize(mu: tf.Tensor2D, logVar: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', tfSeed(seed));
    return tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps)) as tf.Tensor2D;
  });
}
