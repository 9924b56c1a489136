import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../models/autoencoder';
import { reconstructionLoss, type ReconstructionKind } from './reconstruction';

const LOG_2PI = Math.log(2 * Math.PI);
/** Rows per decoder call when estimating the bound (bounds the memory of one group: rows × data dimension). */
const DECODE_ROWS = 8192;

/**
 * The importance-weighted bound (Burda et al. 2016, eq. 8), per sample, in nats:
 *   L_k(x) = log (1/k) Σᵢ p(x | zᵢ) p(zᵢ) / q(zᵢ | x),  zᵢ ~ q(z | x).
 * L_1 is the ELBO; L_k ≤ L_{k+1} ≤ log p(x) in expectation, so large k gives the log-likelihood estimate papers report.
 */
export function importanceWeightedBound(model: Autoencoder, x: tf.Tensor, k: number, kind: ReconstructionKind, seed: number, logSigma?: tf.Scalar): Float32Array {
  return tf.tidy(() => {
    const { mu, logVar } = model.encode(x);
    if (!logVar) throw new Error('the importance-weighted bound needs a Gaussian encoder');
    const [n, z] = mu.shape;
    const flat = x.reshape([n, -1]) as tf.Tensor2D;
    // Samples are decoded in groups (one decoder call for up to DECODE_ROWS rows): one call per sample made the
    // bound a quarter of a small run's time. Each group's tidy keeps only its [n, g] log-weights.
    const group = Math.max(1, Math.floor(DECODE_ROWS / n));
    const logWeights: tf.Tensor2D[] = [];
    for (let first = 0; first < k; first += group) {
      const g = Math.min(group, k - first);
      logWeights.push(
        tf.tidy(() => {
          // The same ε as one sample at a time: sample i is drawn with seed + i. Rows are sample-major.
          const eps = tf.concat(Array.from({ length: g }, (_, j) => tf.randomNormal([n, z], 0, 1, 'float32', seed + first + j)), 0) as tf.Tensor2D;
          const muG = tf.tile(mu, [g, 1]);
          const logVarG = tf.tile(logVar, [g, 1]);
          const sample = tf.add(muG, tf.mul(tf.exp(tf.mul(0.5, logVarG)), eps)) as tf.Tensor2D;
          const logPx = tf.neg(reconstructionLoss(kind, model.decode(sample), tf.tile(flat, [g, 1]), logSigma));
          const logPz = tf.mul(-0.5, tf.sum(tf.add(tf.square(sample), LOG_2PI), 1));
          // log q(z|x) with z = μ + σε: −½ Σ (ε² + log 2π + log σ²).
          const logQz = tf.mul(-0.5, tf.sum(tf.add(tf.add(tf.square(eps), LOG_2PI), logVarG), 1));
          return tf.transpose(tf.reshape(tf.sub(tf.add(logPx, logPz), logQz), [g, n])) as tf.Tensor2D;
        }),
      );
    }
    return tf.sub(tf.logSumExp(tf.concat(logWeights, 1), 1), Math.log(k)).dataSync() as Float32Array;
  });
}
