import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import type { Autoencoder } from '../models/autoencoder';
import { expectedOutput, reconstructionLoss, type ReconstructionKind } from '../objectives/reconstruction';
import { batchedMoments, flatten, psnr, squaredErrorPerSample } from './metrics';
import type { EvalContext, Family } from './types';

type DeterministicConfig = Extract<ModelConfig, { family: 'ae' | 'dae' | 'linear-ae' | 'pca' }>;

export const reconstructionKindOf = (config: DeterministicConfig): ReconstructionKind => ('reconstruction' in config ? config.reconstruction : 'mse');

/** Reconstruction of x through the code z = encode(x): the output as the loss sees it, and its expected value. */
export function reconstruct(model: Autoencoder, config: DeterministicConfig, input: tf.Tensor, training = false) {
  const output = model.decode(model.encode(input, training).mu, training);
  return { output, mean: expectedOutput(reconstructionKindOf(config), output) };
}

/** Held-out reconstruction metrics of a deterministic autoencoder, for clean inputs. */
export async function reconstructionMetrics(model: Autoencoder, config: DeterministicConfig, x: tf.Tensor, ctx: EvalContext): Promise<Record<string, number>> {
  const kind = reconstructionKindOf(config);
  const d = x.size / x.shape[0];
  const means = await batchedMoments(x, (xb) => {
    const flat = flatten(xb);
    const { output, mean } = reconstruct(model, config, xb);
    return { recon: reconstructionLoss(kind, output, flat), squared: squaredErrorPerSample(mean, flat) };
  });
  const valRecon = means.recon.mean[0];
  const valMse = means.squared.mean[0];
  return { val_recon: valRecon, val_mse: valMse, val_loss: valRecon, ...(ctx.isImage ? { psnr: psnr(valMse / d) } : {}) };
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
