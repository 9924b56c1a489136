import * as tf from '@tensorflow/tfjs';
import type { ObjectiveConfig } from '../../../src-shared/config/run-config';

/**
 * The KL part of the (β-)VAE loss at a training step, from the per-dimension KL of the batch ([batch, z]):
 * - β with linear warm-up: w(t) = β · min(1, t / warmupSteps) (Bowman et al. 2016);
 * - free bits: each dimension's batch-mean KL counts as at least λ (Kingma et al. 2016);
 * - capacity annealing: γ · |KL − C(t)|, C(t) = cMax · min(1, t / steps) (Burgess et al. 2018), which replaces β.
 * Returns the scalar to add to the reconstruction loss and the weight used (for the curves).
 */
export function klTerm(klPerDim: tf.Tensor2D, objective: ObjectiveConfig, step: number): { term: tf.Scalar; weight: number; capacity: number | null } {
  const capacity = objective.capacity ? objective.capacity.cMax * Math.min(1, step / objective.capacity.steps) : null;
  const weight = objective.capacity
    ? objective.capacity.gamma
    : objective.beta * (objective.warmupSteps > 0 ? Math.min(1, step / objective.warmupSteps) : 1);
  const term = tf.tidy(() => {
    const perDim = tf.mean(klPerDim, 0);
    const kl = objective.freeBits > 0 ? tf.sum(tf.maximum(perDim, objective.freeBits)) : tf.sum(perDim);
    return (capacity !== null ? tf.mul(weight, tf.abs(tf.sub(kl, capacity))) : tf.mul(weight, kl)) as tf.Scalar;
  });
  return { term, weight, capacity };
}

/**
 * The same KL part in numbers, from per-dimension KL means, at the end of the schedules (full warm-up, C = cMax):
 * what the held-out loss reports, so early stopping watches the quantity training minimizes.
 */
export function klPenalty(perDim: number[], objective: ObjectiveConfig): number {
  const kl = perDim.reduce((sum, v) => sum + (objective.freeBits > 0 ? Math.max(v, objective.freeBits) : v), 0);
  return objective.capacity ? objective.capacity.gamma * Math.abs(kl - objective.capacity.cMax) : objective.beta * kl;
}
