import * as tf from '@tensorflow/tfjs';
import { bernoulliNll } from './bernoulli-nll';
import { gaussianKl } from './gaussian-kl';

export interface ElboTerms {
  /** Batch mean of the training objective −E_q[log p(x|z)] + β·KL (nats/sample). */
  loss: tf.Scalar;
  /** Batch mean of −log p(x|z) at one sample z ~ q(z|x): the reconstruction term. */
  recon: tf.Scalar;
  /** Batch mean of KL(q(z|x) ‖ p(z)). */
  kl: tf.Scalar;
}

/**
 * The (β-weighted) negative ELBO: E_q[−log p(x|z)] + β·KL(q(z|x) ‖ p(z)), one Monte-Carlo sample of z per x.
 * β = 1 gives −ELBO (Kingma & Welling 2013, eq. 10); β ≠ 1 is the β-VAE objective (Higgins et al. 2017).
 */
export function negativeElbo(logits: tf.Tensor2D, x: tf.Tensor2D, mu: tf.Tensor2D, logVar: tf.Tensor2D, beta: number): ElboTerms {
  return tf.tidy(() => {
    const recon = tf.mean(bernoulliNll(logits, x)) as tf.Scalar;
    const kl = tf.mean(gaussianKl(mu, logVar)) as tf.Scalar;
    const loss = tf.add(recon, tf.mul(beta, kl)) as tf.Scalar;
    return { loss, recon, kl };
  });
}
