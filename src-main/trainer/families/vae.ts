import * as tf from '@tensorflow/tfjs';
import type { VaeModelConfig } from '../../../src-shared/config/run-config';
import { ACTIVE_UNIT_THRESHOLD } from '../../../src-shared/latent/traversal';
import type { Autoencoder } from '../models/autoencoder';
import { klPerDim } from '../objectives/gaussian-kl';
import { importanceWeightedBound } from '../objectives/iwae';
import { klPenalty, klTerm } from '../objectives/kl-schedule';
import { expectedOutput, reconstructionLoss } from '../objectives/reconstruction';
import { reparameterize } from '../objectives/reparameterize';
import { batchedMeans, columnMeans, flatten, meanSquaredErrorPerValue, psnr, sampleMean } from './metrics';
import type { Family } from './types';

/** The importance-weighted bound is estimated on this many held-out samples (it costs k decodes each). */
const IWAE_SAMPLES_MAX = 256;

const likelihoodKind = (config: VaeModelConfig) => (config.likelihood === 'bernoulli' ? 'bernoulli' : 'gaussian');

/** log σ of the decoder: learned, fixed, or none (Bernoulli). Fixed ones are made inside the caller's tidy. */
function logSigmaOf(model: Autoencoder, config: VaeModelConfig): tf.Scalar | undefined {
  if (config.likelihood === 'bernoulli') return undefined;
  return (model.logSigma as tf.Scalar | null) ?? tf.scalar(Math.log(config.sigma));
}

/**
 * VAE and β-VAE: Gaussian encoder, reparameterized sample, decoder likelihood, closed-form KL to N(0, I)
 * (Kingma & Welling 2013), with β, warm-up, free bits or capacity annealing from the objective.
 */
export const vaeFamily: Family<VaeModelConfig> = {
  batchLoss(model, config, xb, ctx) {
    const { mu, logVar } = model.encode(xb, true);
    if (!logVar) throw new Error('a VAE needs a Gaussian encoder');
    const output = model.decode(reparameterize(mu, logVar, ctx.noiseSeed), true);
    const recon = tf.mean(reconstructionLoss(likelihoodKind(config), output, flatten(xb), logSigmaOf(model, config))) as tf.Scalar;
    const perDim = klPerDim(mu, logVar);
    const kl = tf.sum(tf.mean(perDim, 0)) as tf.Scalar;
    const { term, weight } = klTerm(perDim, ctx.objective, ctx.step);
    const terms: Record<string, tf.Scalar> = { recon, kl, kl_weight: tf.scalar(weight) };
    if (model.logSigma) terms.sigma = tf.exp(model.logSigma) as tf.Scalar;
    return { loss: tf.add(recon, term) as tf.Scalar, terms };
  },

  evaluate(model, config, x, ctx) {
    const kind = likelihoodKind(config);
    const latentDim = model.latentDim;
    const muSums = new Float64Array(latentDim);
    const muSquares = new Float64Array(latentDim);
    const means = batchedMeans(x, (xb, start) => {
      const flat = flatten(xb);
      const { mu, logVar } = model.encode(xb);
      const logSigma = logSigmaOf(model, config);
      const sample = reparameterize(mu, logVar as tf.Tensor2D, ctx.seed + start);
      const recon = sampleMean(reconstructionLoss(kind, model.decode(sample), flat, logSigma));
      const perDim = columnMeans(klPerDim(mu, logVar as tf.Tensor2D));
      const muValues = mu.dataSync();
      for (let i = 0; i < muValues.length; i++) {
        muSums[i % latentDim] += muValues[i];
        muSquares[i % latentDim] += muValues[i] ** 2;
      }
      const values: Record<string, number> = { val_recon: recon, val_kl: Array.from(perDim).reduce((a, b) => a + b, 0) };
      perDim.forEach((v, j) => (values[`kl_dim_${j + 1}`] = v));
      if (ctx.isImage) values.mse_per_value = meanSquaredErrorPerValue(expectedOutput(kind, model.decode(mu)), flat);
      return values;
    });
    const n = x.shape[0];
    // Active units (Burda et al. 2016): latent dimensions whose posterior mean varies with x, Cov_x(E[z|x]) > 0.01.
    const activeUnits = Array.from(muSums).filter((s, j) => muSquares[j] / n - (s / n) ** 2 > ACTIVE_UNIT_THRESHOLD).length;
    const subset = Math.min(IWAE_SAMPLES_MAX, n);
    const iwae = tf.tidy(() => {
      const bound = importanceWeightedBound(model, x.slice(0, subset), ctx.objective.iwaeSamples, kind, ctx.seed + 17, logSigmaOf(model, config));
      return Array.from(bound).reduce((a, b) => a + b, 0) / subset;
    });
    // The ELBO of the same images, so the bound is read against its own L₁ (the held-out ELBO covers every image).
    const iwaeElbo = tf.tidy(() => {
      const xs = x.slice(0, subset);
      const { mu, logVar } = model.encode(xs);
      const sample = reparameterize(mu, logVar as tf.Tensor2D, ctx.seed + 17);
      const recon = reconstructionLoss(kind, model.decode(sample), flatten(xs), logSigmaOf(model, config));
      return -sampleMean(tf.add(recon, tf.sum(klPerDim(mu, logVar as tf.Tensor2D), 1)));
    });
    const { mse_per_value: msePerValue, ...rest } = means;
    return {
      ...rest,
      val_loss: means.val_recon + klPenalty(Array.from({ length: latentDim }, (_, j) => means[`kl_dim_${j + 1}`]), ctx.objective),
      val_elbo: -(means.val_recon + means.val_kl),
      val_iwae: iwae,
      val_iwae_elbo: iwaeElbo,
      active_units: activeUnits,
      ...(msePerValue !== undefined ? { psnr: psnr(msePerValue) } : {}),
    };
  },
};
