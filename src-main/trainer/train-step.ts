import * as tf from '@tensorflow/tfjs';
import type { VaeMlp } from './models';
import { negativeElbo } from './objectives/elbo';
import { reparameterize } from './objectives/reparameterize';

export interface StepValues {
  loss: number;
  recon: number;
  kl: number;
}

/**
 * One optimizer step on a batch: encode, reparameterize with a per-step seed, decode, minimize the β-weighted
 * negative ELBO. Returns the batch means as numbers; every tensor it made is disposed.
 */
export function trainStep(model: VaeMlp, optimizer: tf.Optimizer, xb: tf.Tensor2D, beta: number, noiseSeed: number): StepValues {
  let kept: tf.Tensor[] = [];
  const loss = optimizer.minimize(
    () => {
      const { mu, logVar } = model.encode(xb);
      const logits = model.decode(reparameterize(mu, logVar, noiseSeed));
      const terms = negativeElbo(logits, xb, mu, logVar, beta);
      kept = [tf.keep(terms.recon), tf.keep(terms.kl)];
      return terms.loss;
    },
    true,
    model.variables,
  ) as tf.Scalar;
  const packed = tf.stack([loss, ...kept]);
  const [lossValue, recon, kl] = packed.dataSync();
  tf.dispose([loss, packed, ...kept]);
  return { loss: lossValue, recon, kl };
}
