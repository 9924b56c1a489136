import * as tf from '@tensorflow/tfjs';
import { BERNOULLI_NLL } from '../kernels/simd/bernoulli-kernels';

/**
 * −log p(x|z) for a Bernoulli decoder given its logits, summed over pixels: [batch] in nats.
 * Uses the stable form max(l, 0) − l·x + log(1 + e^{−|l|}) of the sigmoid cross-entropy,
 * which is exact for x ∈ [0, 1] (continuous-Bernoulli normalizer not applied, as in Kingma & Welling 2013).
 * One fused kernel (and one for its gradient) where the backend has it (wasm with Latent Lab's SIMD kernels).
 */
export function bernoulliNll(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  const fused =
    tf.getKernel(BERNOULLI_NLL, tf.getBackend()) !== undefined &&
    logits.dtype === 'float32' &&
    x.dtype === 'float32' &&
    logits.rank === 2 &&
    tf.util.arraysEqual(logits.shape, x.shape);
  if (fused) return tf.engine().runKernel(BERNOULLI_NLL, { logits, x }) as tf.Tensor1D;
  return tf.tidy(() => {
    const perPixel = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.sum(perPixel, 1) as tf.Tensor1D;
  });
}
