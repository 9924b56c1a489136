import * as tf from '@tensorflow/tfjs';
import type { VaeMlp } from './models';
import { negativeElbo } from './objectives/elbo';
import { reparameterize } from './objectives/reparameterize';

export interface HeldOutMetrics {
  val_loss: number;
  val_recon: number;
  val_kl: number;
  /** ELBO in nats per sample (β-independent): −(recon + KL). */
  val_elbo: number;
}

/**
 * Held-out metrics averaged over every validation sample, with a fixed seed for z so epochs are comparable.
 * Batches are weighted by their size, so the mean is exact whatever the batch split.
 */
export function evaluateHeldOut(model: VaeMlp, x: tf.Tensor2D, beta: number, seed: number, batchSize = 512): HeldOutMetrics {
  const n = x.shape[0];
  let recon = 0;
  let kl = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const [r, k] = tf.tidy(() => {
      const xb = x.slice([start, 0], [size, -1]);
      const { mu, logVar } = model.encode(xb);
      const logits = model.decode(reparameterize(mu, logVar, seed + start));
      const terms = negativeElbo(logits, xb, mu, logVar, beta);
      return tf.stack([terms.recon, terms.kl]).dataSync();
    });
    recon += r * size;
    kl += k * size;
  }
  recon /= n;
  kl /= n;
  return { val_loss: recon + beta * kl, val_recon: recon, val_kl: kl, val_elbo: -(recon + kl) };
}
