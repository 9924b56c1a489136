import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { fitPca } from '../linalg';
import { createAutoencoder, type Autoencoder } from './autoencoder';
import { createPcaModel } from './pca-model';

/**
 * A model instance for a config: a trainable autoencoder built from its spec; PCA starts as zeros for saved
 * weights to fill (createFittedModel fits it to data).
 */
export function createModel(model: ModelConfig, inputShape: number[], seed: number): Autoencoder {
  if (model.family !== 'pca') return createAutoencoder(model, inputShape, seed);
  const d = inputShape.reduce((a, b) => a * b, 1);
  return createPcaModel(zerosPca(d, model.latentDim), inputShape);
}

/** A model for a config, trained in closed form where it has one: PCA is fitted to `train` (N×D). */
export async function createFittedModel(model: ModelConfig, inputShape: number[], seed: number, train: tf.Tensor2D): Promise<Autoencoder> {
  if (model.family !== 'pca') return createAutoencoder(model, inputShape, seed);
  const fit = await fitPca(train, model.latentDim, seed);
  const pca = createPcaModel(fit, inputShape);
  fit.mean.dispose();
  fit.components.dispose();
  return pca;
}

const zerosPca = (d: number, k: number) => ({ mean: tf.zeros([d]) as tf.Tensor1D, components: tf.zeros([d, k]) as tf.Tensor2D });

export type { Autoencoder };
