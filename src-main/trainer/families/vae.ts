import * as tf from '@tensorflow/tfjs';
import type { VaeModelConfig } from '../../../src-shared/config/run-config';
import { ACTIVE_UNIT_THRESHOLD } from '../../../src-shared/latent/traversal';
import type { Autoencoder } from '../models/autoencoder';
import { klPerDim } from '../objectives/gaussian-kl';
import { importanceWeightedBound } from '../objectives/iwae';
import { klPenalty, klTerm } from '../objectives/kl-schedule';
import { expectedOutput, reconstructionLoss } from '../objectives/reconstruction';
import { reparameterize } from '../objectives/reparameterize';
import { batchedMoments, flatten, psnr, sampleMean, squaredErrorPerSample } from './metrics';
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

  async evaluate(model, config, x, ctx) {
    const kind = likelihoodKind(config);
    const d = x.size / x.shape[0];
    const means = await batchedMoments(x, (xb, start) => {
      const flat = flatten(xb);
      const { mu, logVar } = model.encode(xb);
      const logSigma = logSigmaOf(model, config);
      const sample = reparameterize(mu, logVar as tf.Tensor2D, ctx.seed + start);
      const perSample: Record<string, tf.Tensor> = {
        recon: reconstructionLoss(kind, model.decode(sample), flat, logSigma),
        klPerDim: klPerDim(mu, logVar as tf.Tensor2D),
        mu,
      };
      if (ctx.isImage) perSample.squared = squaredErrorPerSample(expectedOutput(kind, model.decode(mu)), flat);
      return perSample;
    });
    const valRecon = means.recon.mean[0];
    const perDim = Array.from(means.klPerDim.mean);
    const valKl = perDim.reduce((a, b) => a + b, 0);
    // Active units (Burda et al. 2016): latent dimensions whose posterior mean varies with x, Cov_x(E[z|x]) > 0.01.
    const { mean: muMean, meanSquare: muSquare } = means.mu;
    const activeUnits = Array.from(muMean).filter((m, j) => muSquare[j] - m ** 2 > ACTIVE_UNIT_THRESHOLD).length;
    const subset = Math.min(IWAE_SAMPLES_MAX, x.shape[0]);
    const xs = x.slice(0, subset);
    try {
      const iwae = await sampleMean(tf.tidy(() => importanceWeightedBound(model, xs, ctx.objective.iwaeSamples, kind, ctx.seed + 17, logSigmaOf(model, config))));
      // The ELBO of the same images, so the bound is read against its own L₁ (the held-out ELBO covers every image).
      const iwaeElbo = -(await sampleMean(
        tf.tidy(() => {
          const { mu, logVar } = model.encode(xs);
          const sample = reparameterize(mu, logVar as tf.Tensor2D, ctx.seed + 17);
          const recon = reconstructionLoss(kind, model.decode(sample), flatten(xs), logSigmaOf(model, config));
          return tf.add(recon, tf.sum(klPerDim(mu, logVar as tf.Tensor2D), 1));
        }),
      ));
      const values: Record<string, number> = { val_recon: valRecon, val_kl: valKl };
      perDim.forEach((v, j) => (values[`kl_dim_${j + 1}`] = v));
      return {
        ...values,
        val_loss: valRecon + klPenalty(perDim, ctx.objective),
        val_elbo: -(valRecon + valKl),
        val_iwae: iwae,
        val_iwae_elbo: iwaeElbo,
        active_units: activeUnits,
        ...(means.squared ? { psnr: psnr(means.squared.mean[0] / d) } : {}),
      };
    } finally {
      xs.dispose();
    }
  },
};
