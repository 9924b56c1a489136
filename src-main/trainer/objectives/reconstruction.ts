import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { bernoulliNll } from './bernoulli-nll';

/** How a decoder's output is scored against x: all return per-sample sums over the D outputs, in nats or squared units. */
export type ReconstructionKind = 'bernoulli' | 'gaussian' | 'mse';

/** How a model's decoder output is read: Bernoulli logits, Gaussian means, or squared-error targets. */
export function reconstructionKindOf(model: ModelConfig): ReconstructionKind {
  if (model.family === 'vae') return model.likelihood === 'bernoulli' ? 'bernoulli' : 'gaussian';
  return 'reconstruction' in model ? model.reconstruction : 'mse';
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * −log N(x; μ, σ² I) summed over outputs: Σ (x − μ)² / (2σ²) + log σ + ½ log 2π. `logSigma` is a scalar
 * (fixed or learned), shared by every output.
 */
export function gaussianNll(mean: tf.Tensor2D, x: tf.Tensor2D, logSigma: tf.Scalar): tf.Tensor1D {
  return tf.tidy(() => {
    const d = x.shape[1];
    const sq = tf.sum(tf.square(tf.sub(x, mean)), 1);
    return tf.add(tf.mul(sq, tf.mul(0.5, tf.exp(tf.mul(-2, logSigma)))), tf.mul(d, tf.add(logSigma, HALF_LOG_2PI))) as tf.Tensor1D;
  });
}

/** Σ (x − x̃)²: the seeds' ℓ(x̃, x) = ‖x̃ − x‖² for (linear, deep, denoising) autoencoders. */
export function squaredError(output: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(output, x)), 1) as tf.Tensor1D);
}

/** The per-sample reconstruction loss of a decoder output (logits for Bernoulli, means otherwise). */
export function reconstructionLoss(kind: ReconstructionKind, output: tf.Tensor2D, x: tf.Tensor2D, logSigma?: tf.Scalar): tf.Tensor1D {
  switch (kind) {
    case 'bernoulli':
      return bernoulliNll(output, x);
    case 'gaussian':
      if (!logSigma) throw new Error('a Gaussian decoder needs σ');
      return gaussianNll(output, x, logSigma);
    case 'mse':
      return squaredError(output, x);
  }
}

/** E[x | z]: the sigmoid of Bernoulli logits, the output itself otherwise. */
export function expectedOutput(kind: ReconstructionKind, output: tf.Tensor2D): tf.Tensor2D {
  return kind === 'bernoulli' ? (tf.sigmoid(output) as tf.Tensor2D) : output;
}
