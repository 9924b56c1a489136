import type * as tf from '@tensorflow/tfjs';
import type { ModelConfig, ObjectiveConfig } from '../../../src-shared/config/run-config';
import type { Autoencoder } from '../models/autoencoder';

export interface StepContext {
  step: number;
  /** Seed of this step's noise (reparameterization, corruption). */
  noiseSeed: number;
  objective: ObjectiveConfig;
}

export interface EvalContext {
  seed: number;
  objective: ObjectiveConfig;
  /** Whether samples are images with values in [0, 1] (PSNR is reported for those). */
  isImage: boolean;
  /** The training split, for families whose metrics compare with PCA of the training data. */
  train: tf.Tensor;
  /** Per-run cache of what metrics derive once from the training data; the training loop disposes it. */
  cache: Map<string, tf.Tensor>;
}

/**
 * One autoencoder family: its training loss on a batch and its held-out metrics. A new family is one file
 * implementing this and one line in families/index.ts.
 */
export interface Family<M extends ModelConfig = ModelConfig> {
  /** Called inside the optimizer's gradient tape: the scalar to minimize and named scalars to plot per step. */
  batchLoss(model: Autoencoder, config: M, xb: tf.Tensor, ctx: StepContext): { loss: tf.Scalar; terms: Record<string, tf.Scalar> };
  /** Metrics on the held-out split at the end of each epoch; `val_loss` drives early stopping. */
  evaluate(model: Autoencoder, config: M, x: tf.Tensor, ctx: EvalContext): Promise<Record<string, number>>;
}
