import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../models/autoencoder';
import { reconstructionLoss, type ReconstructionKind } from './reconstruction';
import { tfSeed } from '../tf-seed';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * The importance-weighted bound (Burda et al. 2016, eq. 8), per sample, in nats:
 *   L_k(x) = log (1/k) Σᵢ p(x | zᵢ) p(zᵢ) / q(zᵢ | x),  zᵢ ~ q(z | x).
 * L_1 is the ELBO; L_k ≤ L_{k+1} ≤ log p(x) in expectation, so large k gives the log-likelihood estimate papers report.
 */
export function importanceWeightedBound(model: Autoencoder, x: tf.Tensor, k: number, kind: ReconstructionKind, seed: number, logSigma?: tf.Scalar): tf.Tensor1D {
  return tf.tidy(() => {
    const { mu, logVar } = model.encode(x);
    if (!logVar) throw new Error('the importance-weighted bound needs a Gaussian encoder');
    const [n, z] = mu.shape;
    const flat = x.reshape([n, -1]) as tf.Tensor2D;
    const logWeights: tf.Tensor1D[] = [];
    for (let i = 0; i < k; i++) {
      // One tidy per sample: only its [n] log-weight outlives it, not the decoded [n, D] output.
      logWeights.push(
        tf.tidy(() => {
          const eps = tf.randomNormal([n, z], 0, 1, 'float32', tfSeed(seed + i));
          const sample = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps)) as tf.Tensor2D;
          const logPx = tf.neg(reconstructionLoss(kind, model.decode(sample), flat, logSigma));
          const logPz = tf.mul(-0.5, tf.sum(tf.add(tf.square(sample), LOG_2PI), 1));
          // log q(z|x) with z = μ + σε: −½ Σ (ε² + log 2π + log σ²).
          const logQz = tf.mul(-0.5, tf.sum(tf.add(tf.add(tf.square(eps), LOG_2PI), logVar), 1));
          return tf.sub(tf.add(logPx, logPz), logQz) as tf.Tensor1D;
        }),
      );
    }
    return tf.sub(tf.logSumExp(tf.stack(logWeights, 1), 1), Math.log(k)) as tf.Tensor1D;
  });
}
