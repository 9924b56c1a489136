import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import type { ModelConfig, RunConfigInput } from '../../src-shared/config/run-config';
import { portableModelOf, type PortableModel } from '../../src-main/trainer/export/portable-model';
import { createFittedModel, createModel, type Autoencoder } from '../../src-main/trainer/models';
import { readWeightsFile, saveWeights } from '../../src-main/trainer/weights';
import { mulberry32 } from '../../src-shared/datasets/rng';

/**
 * Models for the export tests (ONNX, TF.js): one per kind of layer and padding the exporters translate, each built
 * by the trainer with non-trivial weights, saved and read back as the export reads a run's weights.
 */

/** A seeded generator (the datasets' mulberry32), so every run of a test sees the same weights and inputs. */
export const random = (seed: number): (() => number) => mulberry32(seed);

export const uniform = (rand: () => number, n: number, lo: number, hi: number) => Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());

/**
 * Weights that are not the initializer's: biases and moving means away from 0, γ and the moving variances away
 * from 1, kernels jittered, log σ moved — so a transposed kernel, a swapped BN input or a wrong ε shows.
 */
export function randomizeWeights(model: Autoencoder, seed: number): void {
  const rand = random(seed);
  for (const { name, variable } of model.namedVariables) {
    const n = variable.size;
    const noise = (scale: number) => tf.add(variable, tf.tensor(uniform(rand, n, -scale, scale), variable.shape));
    tf.tidy(() => {
      if (name.endsWith('/moving_variance')) variable.assign(tf.tensor(uniform(rand, n, 0.3, 2), variable.shape));
      else if (name.endsWith('/gamma')) variable.assign(tf.tensor(uniform(rand, n, 0.5, 1.5), variable.shape));
      else if (name.endsWith('/moving_mean')) variable.assign(tf.tensor(uniform(rand, n, -0.5, 0.5), variable.shape));
      else if (name === 'likelihood/log_sigma') variable.assign(tf.scalar(-1.3));
      else variable.assign(noise(name.endsWith('/kernel') ? 0.05 : 0.3));
    });
  }
}

/** Every value of `actual` within `tolerance` of `expected`'s, relative to the expected value (absolute below 1). */
export const expectClose = (actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = 1e-4) => {
  expect(actual.length, what).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    // A NaN is never close.
    if (!(excess <= worst)) [worst, at] = [Number.isNaN(excess) ? Infinity : excess, i];
  }
  expect(worst, `${what}: worst relative error at ${at}: exported ${actual[at]} vs the trainer's ${expected[at]}`).toBeLessThanOrEqual(tolerance);
};

export interface ExportCase {
  title: string;
  model: RunConfigInput['model'];
  inputShape: number[];
  /** Also: ONNX nodes the graphs must hold, to be sure the case exercises what it claims. */
  ops: { encoder: string[]; decoder: string[] };
}

export const exportCases: ExportCase[] = [
  {
    title: 'MLP VAE, Bernoulli likelihood, 8×8×3 images',
    model: { family: 'vae', hidden: [24, 12], activation: 'relu', latentDim: 3, likelihood: 'bernoulli' },
    inputShape: [8, 8, 3],
    ops: { encoder: ['Flatten', 'Gemm', 'Relu'], decoder: ['Gemm', 'Relu', 'Reshape', 'Sigmoid'] },
  },
  {
    title: "conv VAE, learned-σ Gaussian likelihood: 'same' stride 3, 'valid' 1×1, transposed k < s 'valid' and k > s 'same'",
    model: {
      family: 'vae',
      latentDim: 2,
      likelihood: 'gaussian-learned',
      encoder: [
        { type: 'conv2d', filters: 4, kernelSize: 4, strides: 3, padding: 'same', activation: 'tanh' },
        { type: 'conv2d', filters: 2, kernelSize: 1, padding: 'valid' },
        { type: 'flatten' },
      ],
      decoder: [
        { type: 'dense', units: 12, activation: 'relu' },
        { type: 'reshape', targetShape: [2, 2, 3] },
        { type: 'conv2dTranspose', filters: 2, kernelSize: 1, strides: 2, padding: 'valid', activation: 'elu' },
        { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' },
      ],
    },
    inputShape: [8, 8, 1],
    ops: { encoder: ['Conv', 'Tanh', 'Transpose', 'Flatten', 'Gemm'], decoder: ['Gemm', 'Reshape', 'Transpose', 'ConvTranspose', 'Elu'] },
  },
  {
    title: "conv AE on 8×8×3: stride-2 'same' (uneven padding), 'valid', batchNorm, dropout, upsample, transposed 'same' k < s and 'valid'",
    model: {
      family: 'ae',
      latentDim: 4,
      encoder: [
        { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
        { type: 'batchNorm' },
        { type: 'conv2d', filters: 6, kernelSize: 2, padding: 'valid', activation: 'elu' },
        { type: 'dropout', rate: 0.25 },
        { type: 'activation', activation: 'tanh' },
        { type: 'flatten' },
      ],
      decoder: [
        { type: 'dense', units: 12, activation: 'selu' },
        { type: 'reshape', targetShape: [2, 2, 3] },
        { type: 'upsample', size: 2 },
        { type: 'conv2dTranspose', filters: 4, kernelSize: 1, strides: 2, padding: 'same', activation: 'softplus' },
        { type: 'batchNorm' },
        { type: 'conv2dTranspose', filters: 5, kernelSize: 2, padding: 'valid', activation: 'sigmoid' },
        { type: 'conv2d', filters: 3, kernelSize: 2, padding: 'valid', activation: 'linear' },
      ],
    },
    inputShape: [8, 8, 3],
    ops: {
      encoder: ['Conv', 'Relu', 'BatchNormalization', 'Elu', 'Tanh', 'Transpose', 'Flatten', 'Gemm'],
      decoder: ['Selu', 'Resize', 'ConvTranspose', 'Softplus', 'BatchNormalization', 'Sigmoid', 'Conv', 'Transpose'],
    },
  },
  {
    title: 'DAE on vectors, Bernoulli reconstruction, batchNorm on flat and on reshaped [2, 3] values',
    model: {
      family: 'dae',
      latentDim: 2,
      reconstruction: 'bernoulli',
      noise: { kind: 'masking', p: 0.2 },
      encoder: [{ type: 'dense', units: 10, activation: 'tanh' }, { type: 'batchNorm' }, { type: 'dropout', rate: 0.1 }],
      decoder: [
        { type: 'dense', units: 6, activation: 'softplus' },
        { type: 'reshape', targetShape: [2, 3] },
        { type: 'batchNorm' },
        { type: 'flatten' },
      ],
    },
    inputShape: [6],
    ops: { encoder: ['Gemm', 'Tanh', 'BatchNormalization'], decoder: ['Softplus', 'Reshape', 'Transpose', 'BatchNormalization', 'Flatten', 'Sigmoid'] },
  },
  {
    title: 'linear AE on vectors',
    model: { family: 'linear-ae', latentDim: 2 },
    inputShape: [5],
    ops: { encoder: ['Gemm'], decoder: ['Gemm'] },
  },
  {
    title: 'linear AE on 8×8×3 images',
    model: { family: 'linear-ae', latentDim: 3 },
    inputShape: [8, 8, 3],
    ops: { encoder: ['Flatten', 'Gemm'], decoder: ['Gemm', 'Reshape'] },
  },
  {
    title: 'PCA on 8×8×3 images',
    model: { family: 'pca', latentDim: 3 },
    inputShape: [8, 8, 3],
    ops: { encoder: ['Flatten', 'Gemm'], decoder: ['Gemm', 'Reshape'] },
  },
  {
    title: 'AE on 4×4×2 images whose decoder ends flat (reshaped to the input), Bernoulli reconstruction',
    model: {
      family: 'ae',
      latentDim: 3,
      reconstruction: 'bernoulli',
      encoder: [{ type: 'flatten' }, { type: 'dense', units: 8, activation: 'relu' }],
      decoder: [{ type: 'dense', units: 32, activation: 'linear' }],
    },
    inputShape: [4, 4, 2],
    ops: { encoder: ['Flatten', 'Gemm', 'Relu'], decoder: ['Gemm', 'Reshape', 'Sigmoid'] },
  },
];

/** The parsed model config of a case (defaults filled in as for a run). */
export function modelConfig(model: RunConfigInput['model']): ModelConfig {
  const parsed = parseRunConfig({ dataset: { id: 'builtin:sprites' }, model });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config.model;
}

/**
 * A model of the trainer's own making, with non-trivial weights, saved into `dir` and read back as the export reads
 * it. The caller disposes `model`.
 */
export async function trainedModel(config: ModelConfig, inputShape: number[], seed: number, dir: string): Promise<{ model: Autoencoder; portable: PortableModel }> {
  const d = inputShape.reduce((a, b) => a * b, 1);
  // PCA is fitted (closed form) to data whose variance differs per direction; the others get randomized weights.
  const train = config.family === 'pca' ? tf.tidy(() => tf.mul(tf.randomUniform([64, d], 0, 1, 'float32', seed), tf.linspace(0.2, 1, d)) as tf.Tensor2D) : undefined;
  const model = train ? await createFittedModel(config, inputShape, seed, train) : createModel(config, inputShape, seed);
  train?.dispose();
  if (config.family !== 'pca') randomizeWeights(model, seed + 1);
  const path = join(dir, `${config.family}-${seed}.llw`);
  await saveWeights(path, model.namedVariables);
  return { model, portable: portableModelOf(config, inputShape, readWeightsFile(path)) };
}
