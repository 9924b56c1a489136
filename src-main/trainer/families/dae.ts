import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { corrupt } from '../noise';
import { reconstructionLoss } from '../objectives/reconstruction';
import { reconstruct, reconstructionMetrics } from './ae';
import { batchedMoments, flatten, psnr, squaredErrorPerSample } from './metrics';
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
  async evaluate(model, config, x, ctx) {
    const d = x.size / x.shape[0];
    const denoising = await batchedMoments(x, (xb, start) => {
      const clean = flatten(xb);
      const noisy = corrupt(xb, config.noise, ctx.seed + start);
      const { output, mean } = reconstruct(model, config, noisy);
      return {
        loss: reconstructionLoss(config.reconstruction, output, clean),
        noisy: squaredErrorPerSample(flatten(noisy), clean),
        denoised: squaredErrorPerSample(mean, clean),
      };
    });
    const noisyMse = denoising.noisy.mean[0] / d;
    const denoisedMse = denoising.denoised.mean[0] / d;
    const clean = await reconstructionMetrics(model, config, x, ctx);
    return {
      val_loss: denoising.loss.mean[0],
      val_recon: clean.val_recon,
      val_mse: clean.val_mse,
      ...(ctx.isImage ? { psnr: clean.psnr, psnr_noisy: psnr(noisyMse), psnr_denoised: psnr(denoisedMse) } : {}),
      denoised_mse: denoisedMse,
      noisy_mse: noisyMse,
    };
  },
};
