import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../src-shared/config/run-config';
import type { Family, StepContext } from './families/types';
import type { Autoencoder } from './models';
import { setDropoutStep } from './network/step-seeded-dropout';

/**
 * One optimizer step on a batch: the family's loss, minimized over the model's variables. Returns the loss and
 * the family's named terms as numbers (one read-back per step, asynchronous: a GPU backend maps its buffers back
 * only that way); every tensor it made is disposed.
 */
export async function trainStep(family: Family, model: Autoencoder, config: ModelConfig, optimizer: tf.Optimizer, xb: tf.Tensor, ctx: StepContext): Promise<Record<string, number>> {
  setDropoutStep(ctx.noiseSeed);
  let names: string[] = [];
  let kept: tf.Scalar[] = [];
  const loss = optimizer.minimize(
    () => {
      const { loss, terms } = family.batchLoss(model, config, xb, ctx);
      names = Object.keys(terms);
      kept = names.map((n) => tf.keep(terms[n]));
      return loss;
    },
    true,
    model.variables,
  ) as tf.Scalar;
  const packed = tf.stack([loss, ...kept]);
  tf.dispose([loss, ...kept]);
  const values = await packed.data();
  packed.dispose();
  return Object.fromEntries([['loss', values[0]], ...names.map((n, i) => [n, values[i + 1]])]);
}
