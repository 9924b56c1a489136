import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import type { Autoencoder } from '../models/autoencoder';
import { expectedOutput, reconstructionLoss, type ReconstructionKind } from '../objectives/reconstruction';
import { batchedMeans, flatten, meanSquaredErrorPerValue, psnr, sampleMean } from './metrics';
import type { EvalContext, Family } from './types';

type DeterministicConfig = Extract<ModelConfig, { family: 'ae' | 'dae' | 'linear-ae' | 'pca' }>;

export const reconstructionKindOf = (config: DeterministicConfig): ReconstructionKind => ('reconstruction' in config ? config.reconstruction : 'mse');

/** Reconstruction of x through the code z = encode(x): the output as the loss sees it, and its expected value. */
export function reconstruct(model: Autoencoder, config: DeterministicConfig, input: tf.Tensor, training = false) {
  const output = model.decode(model.encode(input, training).mu, training);
  return { output, mean: expectedOutput(reconstructionKindOf(config), output) };
}

/** Held-out reconstruction metrics of a deterministic autoencoder, for clean inputs. */
export function reconstructionMetrics(model: Autoencoder, config: DeterministicConfig, x: tf.Tensor, ctx: EvalContext): Record<string, number> {
  const kind = reconstructionKindOf(config);
  const means = batchedMeans(x, (xb) => {
    const flat = flatten(xb);
    const { output, mean } = reconstruct(model, config, xb);
    return {
      val_recon: sampleMean(reconstructionLoss(kind, output, flat)),
      val_mse: sampleMean(tf.sum(tf.square(tf.sub(mean, flat)), 1)),
      mse_per_value: meanSquaredErrorPerValue(mean, flat),
    };
  });
  const { mse_per_value: msePerValue, ...rest } = means;
  return { ...rest, val_loss: means.val_recon, ...(ctx.isImage ? { psnr: psnr(msePerValue) } : {}) };
}

/** Deep autoencoder (MLP or convolutional): a deterministic code, trained to reconstruct its input. */
export const aeFamily: Family<Extract<ModelConfig, { family: 'ae' }>> = {
  batchLoss(model, config, xb) {
    const { output } = reconstruct(model, config, xb, true);
    const recon = tf.mean(reconstructionLoss(config.reconstruction, output, flatten(xb))) as tf.Scalar;
    return { loss: recon, terms: { recon } };
  },
  evaluate: reconstructionMetrics,
};
