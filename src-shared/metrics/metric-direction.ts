export type MetricDirection = 'lower' | 'higher';

/** Split prefixes: `val_loss` is better lower for the same reason `loss` is. */
const SPLIT_PREFIX = /^(val|test|train)_/;

/** Values that describe the run rather than score it: the KL weight's schedule, a learned σ, a stop flag. */
const NOT_A_SCORE = new Set(['kl_weight', 'sigma', 'early_stopped', 'lr', 'learning_rate', 'epoch', 'step', 'samples_per_sec']);

const words = (list: string[]) => new RegExp(`(^|_)(${list.join('|')})(_|$)`);

/** Checked in order; the first match decides. A loss is lower-is-better even when built from a higher one (neg_elbo). */
const RULES: [RegExp, MetricDirection][] = [
  [words(['loss', 'nll', 'nelbo', 'neg']), 'lower'],
  // ELBO and the IWAE bound are log-likelihood bounds (Kingma & Welling 2013; Burda et al. 2016); MIG and the BetaVAE
  // score are disentanglement scores in [0, 1] (Chen et al. 2018; Higgins et al. 2017).
  [
    words(['elbo', 'iwae', 'log_likelihood', 'll', 'psnr', 'ssim', 'explained_variance', 'r2', 'active_units', 'auc', 'ap', 'accuracy', 'acc', 'precision', 'recall', 'f1', 'mig', 'beta_vae_score']),
    'higher',
  ],
  [words(['recon', 'kl', 'mse', 'rmse', 'mae', 'error', 'err', 'angle', 'bpd', 'distortion']), 'lower'],
];

/**
 * Whether a metric is better lower (losses, reconstruction error, KL, principal angles) or higher (ELBO, IWAE
 * bound, PSNR, explained variance, active units, AUC/AP, accuracy, MIG, BetaVAE score); null for a name it does not know, or for values
 * that are not scores (kl_weight, sigma). Used to pick a run's best value and to colour comparisons.
 */
export function metricDirection(name: string): MetricDirection | null {
  const bare = name.toLowerCase().replace(SPLIT_PREFIX, '');
  if (NOT_A_SCORE.has(bare)) return null;
  return RULES.find(([pattern]) => pattern.test(bare))?.[1] ?? null;
}
