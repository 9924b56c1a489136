import { classificationAccuracy, fitSoftmaxRegression } from '../math/softmax-regression';

/**
 * The BetaVAE disentanglement score (Higgins et al. 2017, §3 and App. A.4), as disentanglement_lib's
 * `beta_vae.py`: each point is a batch of pairs (x₁, x₂) that share the value of one randomly chosen factor k; its
 * feature is the mean over the batch of |μ(x₁) − μ(x₂)| per code dimension and its label is k. A linear classifier
 * (softmax regression, math/softmax-regression.ts) is trained on some points; the score is its accuracy on held-out
 * points. A disentangled code makes the fixed factor's dimension the one with small differences, which a linear
 * classifier reads off; chance is 1 / (number of factors).
 */

/** Pairs per point, as in the paper and disentanglement_lib (`batch_size = 64`). */
export const BETA_VAE_BATCH = 64;

export interface BetaVaePoint {
  /** The factor the pairs share (0-based). */
  factor: number;
  /** mean |μ(x₁) − μ(x₂)| per code dimension. */
  feature: Float64Array;
}

export interface BetaVaeResult {
  /** Accuracy on the held-out points: the score. */
  score: number;
  trainAccuracy: number;
  trainPoints: number;
  evalPoints: number;
}

/** mean_b |z₁_b − z₂_b| per dimension over a batch of `batch` pairs of `k`-d codes (row-major), in float64. */
export function betaVaeFeature(codes1: ArrayLike<number>, codes2: ArrayLike<number>, batch: number, k: number): Float64Array {
  if (codes1.length !== batch * k || codes2.length !== batch * k) {
    throw new RangeError(`betaVaeFeature: expected ${batch} pairs of ${k}-d codes, got ${codes1.length} and ${codes2.length} values`);
  }
  const feature = new Float64Array(k);
  for (let b = 0; b < batch; b++) for (let j = 0; j < k; j++) feature[j] += Math.abs(codes1[b * k + j] - codes2[b * k + j]);
  for (let j = 0; j < k; j++) feature[j] /= batch;
  return feature;
}

/** Trains the linear classifier on `train` and scores it on `held`; `factors` is the number of classes. */
export function betaVaeScore(train: BetaVaePoint[], held: BetaVaePoint[], factors: number): BetaVaeResult {
  if (train.length === 0 || held.length === 0) throw new RangeError('betaVaeScore needs training and held-out points');
  const x = train.map((p) => p.feature);
  const y = train.map((p) => p.factor);
  const model = fitSoftmaxRegression(x, y, factors);
  return {
    score: classificationAccuracy(
      model,
      held.map((p) => p.feature),
      held.map((p) => p.factor),
    ),
    trainAccuracy: classificationAccuracy(model, x, y),
    trainPoints: train.length,
    evalPoints: held.length,
  };
}
