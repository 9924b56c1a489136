import { describe, expect, it } from 'vitest';
import { metricDirection } from '../../../../src-shared/metrics/metric-direction';

/**
 * Every metric name the trainer records (src-main/trainer/train-step.ts, train-run.ts, families/*.ts), and the
 * direction that makes a value better.
 */
const RECORDED: [string, 'lower' | 'higher' | null][] = [
  // per step (train-step.ts: loss + the family's terms)
  ['loss', 'lower'],
  ['recon', 'lower'],
  ['kl', 'lower'],
  ['kl_weight', null],
  ['sigma', null],
  // per epoch (train-run.ts)
  ['train_loss', 'lower'],
  ['early_stopped', null],
  // VAE (families/vae.ts)
  ['val_loss', 'lower'],
  ['val_recon', 'lower'],
  ['val_kl', 'lower'],
  ['kl_dim_1', 'lower'],
  ['kl_dim_16', 'lower'],
  ['val_elbo', 'higher'],
  ['val_iwae', 'higher'],
  ['active_units', 'higher'],
  ['psnr', 'higher'],
  // AE and DAE (families/ae.ts, dae.ts)
  ['val_mse', 'lower'],
  ['psnr_noisy', 'higher'],
  ['psnr_denoised', 'higher'],
  ['denoised_mse', 'lower'],
  ['noisy_mse', 'lower'],
  // linear AE and PCA (families/linear-ae.ts)
  ['explained_variance', 'higher'],
  ['principal_angle_max_deg', 'lower'],
  ['principal_angle_mean_deg', 'lower'],
  // disentanglement on sprites (trainer/disentanglement.ts)
  ['mig', 'higher'],
  ['beta_vae_score', 'higher'],
];

/** Names other tools and the coming graph families use, with split prefixes. */
const OTHERS: [string, 'lower' | 'higher' | null][] = [
  ['test_loss', 'lower'],
  ['test_elbo', 'higher'],
  ['train_recon', 'lower'],
  ['val_auc', 'higher'],
  ['test_ap', 'higher'],
  ['val_accuracy', 'higher'],
  ['test_error', 'lower'],
  ['val_nll', 'lower'],
  ['neg_elbo', 'lower'],
  ['iwae_log_likelihood', 'higher'],
  ['val_rmse', 'lower'],
  ['Val_Loss', 'lower'],
  ['learning_rate', null],
  ['val_throughput', null],
  ['apples', null],
  ['', null],
];

describe('metricDirection', () => {
  it.each(RECORDED)('%s (recorded by the trainer) → %s', (name, direction) => {
    expect(metricDirection(name)).toBe(direction);
  });

  it.each(OTHERS)('%s → %s', (name, direction) => {
    expect(metricDirection(name)).toBe(direction);
  });
});
