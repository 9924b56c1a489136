import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { corrupt } from '../noise';
import { reconstructionLoss } from '../objectives/reconstruction';
import { reconstruct, reconstructionMetrics } from './ae';
import { batchedMeans, flatten, meanSquaredErrorPerValue, psnr, sampleMean } from './metrics';
import type { Family } from './types';

type DaeConfig = Extract<ModelConfig, { family: 'dae' }>;

/**
 * Denoising autoencoder (Vincent et al. 2008): trained on corrupted input against the clean target, so it learns
 * to point noisy points back to the data. Reports PSNR of the noisy input and of its denoised reconstruction.
 */
export const daeFamily: Family<DaeConfig> = {
  batchLoss(model, config, xb, ctx) {
    const noisy = corrupt(xb, config.noise, ctx.noiseSeed);
    const { output } = reconstruct(model, config, noisy, true);
    const recon = tf.mean(reconstructionLoss(config.reconstruction, output, flatten(xb))) as tf.Scalar;
    return { loss: recon, terms: { recon } };
  },
  evaluate(model, config, x, ctx) {
    const denoising = batchedMeans(x, (xb, start) => {
      const clean = flatten(xb);
      const noisy = corrupt(xb, config.noise, ctx.seed + start);
      const { output, mean } = reconstruct(model, config, noisy);
      return {
        val_loss: sampleMean(reconstructionLoss(config.reconstruction, output, clean)),
        noisy_mse: meanSquaredErrorPerValue(flatten(noisy), clean),
        denoised_mse: meanSquaredErrorPerValue(mean, clean),
      };
    });
    const clean = reconstructionMetrics(model, config, x, ctx);
    return {
      val_loss: denoising.val_loss,
      val_recon: clean.val_recon,
      val_mse: clean.val_mse,
      ...(ctx.isImage ? { psnr: clean.psnr, psnr_noisy: psnr(denoising.noisy_mse), psnr_denoised: psnr(denoising.denoised_mse) } : {}),
      denoised_mse: denoising.denoised_mse,
      noisy_mse: denoising.noisy_mse,
    };
  },
};
