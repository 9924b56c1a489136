import * as tf from '@tensorflow/tfjs';

/**
 * KL(N(μ, diag σ²) ‖ N(0, I)) in closed form, per latent dimension:
 *   ½ (μ² + σ² − 1 − log σ²)   (Kingma & Welling 2013, App. B)
 * Returns a [batch, latentDim] tensor; sum over the last axis for the per-sample KL.
 */
export function klPerDim(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(0.5, tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(1, logVar))) as tf.Tensor2D);
}

/** Per-sample KL(q(z|x) ‖ p(z)) in nats: [batch]. */
export function gaussianKl(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(klPerDim(mu, logVar), 1) as tf.Tensor1D);
}
