import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { fitPca } from '../linalg';
import { createAutoencoder, type Autoencoder } from './autoencoder';
import { createPcaModel } from './pca-model';

/**
 * A model instance for a config: a trainable autoencoder built from its spec, or for PCA the closed-form fit to
 * `train` (N×D); with no data (loading a checkpoint), PCA starts as zeros for the weights to fill.
 */
export function createModel(model: ModelConfig, inputShape: number[], seed: number, train?: tf.Tensor2D): Autoencoder {
  if (model.family !== 'pca') return createAutoencoder(model, inputShape, seed);
  const d = inputShape.reduce((a, b) => a * b, 1);
  if (!train) return createPcaModel(zerosPca(d, model.latentDim), inputShape);
  const fit = fitPca(train, model.latentDim, seed);
  const pca = createPcaModel(fit, inputShape);
  fit.mean.dispose();
  fit.components.dispose();
  return pca;
}

const zerosPca = (d: number, k: number) => ({ mean: tf.zeros([d]) as tf.Tensor1D, components: tf.zeros([d, k]) as tf.Tensor2D });

export type { Autoencoder };
