import * as tf from '@tensorflow/tfjs';

/**
 * −log p(x|z) for a Bernoulli decoder given its logits, summed over pixels: [batch] in nats.
 * Uses the stable form max(l, 0) − l·x + log(1 + e^{−|l|}) of the sigmoid cross-entropy,
 * which is exact for x ∈ [0, 1] (continuous-Bernoulli normalizer not applied, as in Kingma & Welling 2013).
 */
export function bernoulliNll(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const perPixel = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.sum(perPixel, 1) as tf.Tensor1D;
  });
}
