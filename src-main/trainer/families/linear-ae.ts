import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../../src-shared/config/run-config';
import { fitPca, principalAngles } from '../linalg';
import type { Autoencoder } from '../models/autoencoder';
import { squaredError } from '../objectives/reconstruction';
import { reconstruct, reconstructionMetrics } from './ae';
import { flatten } from './metrics';
import { readAll } from '../read-values';
import type { EvalContext, Family } from './types';

type LinearConfig = Extract<ModelConfig, { family: 'linear-ae' | 'pca' }>;

/** The top-k PCA directions of the training split, fitted once per run (kept in the run's cache). */
async function referenceComponents(ctx: EvalContext, k: number): Promise<tf.Tensor2D> {
  let components = ctx.cache.get('pca_components') as tf.Tensor2D | undefined;
  if (!components) {
    const flat = flatten(ctx.train);
    let fit;
    try {
      fit = await fitPca(flat, k, ctx.seed);
    } finally {
      flat.dispose();
    }
    fit.mean.dispose();
    // The loop disposes the cache when the run ends.
    components = fit.components;
    ctx.cache.set('pca_components', components);
  }
  return components;
}

/** The D×k matrix whose columns span the decoder's output subspace: U of x̂ = U z + b. */
export function decoderBasis(model: Autoencoder): tf.Tensor2D {
  const pca = model.namedVariables.find((v) => v.name === 'pca/components');
  if (pca) return pca.variable as tf.Tensor2D;
  const kernel = model.namedVariables.find((v) => v.name === 'dec_output/kernel');
  if (!kernel) throw new Error('a linear autoencoder has a dec_output layer');
  return tf.transpose(kernel.variable) as tf.Tensor2D;
}

/**
 * The D×k matrix whose columns span the encoder's row space: z = Vx + c with V = Wᵀ, W the code layer's kernel.
 * (A linear AE's encoder is only that layer.)
 */
export function encoderBasis(model: Autoencoder): tf.Tensor2D {
  const kernel = model.namedVariables.find((v) => v.name === 'latent/kernel');
  if (!kernel) throw new Error('a linear autoencoder has a latent layer');
  return kernel.variable as tf.Tensor2D;
}

/**
 * Explained variance 1 − Σ‖x − x̂‖² / Σ‖x − m‖² of held-out data (m its mean), accumulated in float64 in two passes
 * (the mean, then the squares): a float32 sum of millions of squares biased it low by up to 1 %.
 */
export function explainedVariance(x: Float32Array, reconstruction: Float32Array, n: number): number {
  const d = x.length / n;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j];
      residual += (v - reconstruction[i * d + j]) ** 2;
      total += (v - mean[j]) ** 2;
    }
  }
  return 1 - residual / total;
}

/**
 * Linear-AE metrics: explained variance 1 − Σ‖x − x̂‖² / Σ‖x − m‖² on held-out data, and the principal angles
 * between the decoder's column space and the top-k PCA subspace of the training data (Baldi & Hornik 1989:
 * at the optimum they coincide).
 */
export async function linearMetrics(model: Autoencoder, config: LinearConfig, x: tf.Tensor, ctx: EvalContext): Promise<Record<string, number>> {
  const base = await reconstructionMetrics(model, config, x, ctx);
  const read = await readAll(tf.tidy(() => ({ flat: flatten(x), reconstruction: reconstruct(model, config, x).mean })));
  const explained = explainedVariance(read.flat, read.reconstruction, x.shape[0]);
  // PCA is its own reference: the angles are only measured for the trained linear AE.
  if (config.family === 'pca') return { ...base, explained_variance: explained };
  const reference = await referenceComponents(ctx, config.latentDim);
  // Both maps: x̃ = UVx reaches the PCA projection when U's columns and V's rows span the subspace; gradient descent
  // aligns the decoder long before the encoder (41° against 3° after 5 Fashion-MNIST epochs), so show both.
  const decoder = decoderBasis(model);
  const angles = await principalAngles(decoder, reference);
  if (!model.namedVariables.some((v) => v.variable === decoder)) decoder.dispose();
  const encoderAngles = await principalAngles(encoderBasis(model), reference);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    ...base,
    explained_variance: explained,
    principal_angle_max_deg: angles[angles.length - 1],
    principal_angle_mean_deg: mean(angles),
    encoder_principal_angle_max_deg: encoderAngles[encoderAngles.length - 1],
    encoder_principal_angle_mean_deg: mean(encoderAngles),
  };
}

/** The seeds' linear autoencoder x̃ = UVx (+ biases), trained by squared error. */
export const linearAeFamily: Family<Extract<ModelConfig, { family: 'linear-ae' }>> = {
  batchLoss(model, config, xb) {
    const { output } = reconstruct(model, config, xb, true);
    const recon = tf.mean(squaredError(output, flatten(xb))) as tf.Scalar;
    return { loss: recon, terms: { recon } };
  },
  evaluate: linearMetrics,
};
