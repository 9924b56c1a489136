import { describe, expect, it } from 'vitest';
import { modelSchema, type ModelConfig } from '../../../../src-shared/config/run-config';
import { architectureLabel } from '../../../../src-shared/model-spec/architecture-label';

const model = (input: Record<string, unknown>): ModelConfig => modelSchema.parse(input);

const conv = {
  encoder: [
    { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2 },
    { type: 'conv2d', filters: 32, kernelSize: 3, strides: 2 },
    { type: 'flatten' },
  ],
  decoder: [
    { type: 'dense', units: 1568 },
    { type: 'reshape', targetShape: [7, 7, 32] },
    { type: 'conv2dTranspose', filters: 16, kernelSize: 3, strides: 2 },
    { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2 },
  ],
};

describe('architectureLabel', () => {
  it.each([
    ['the default MLP', { family: 'vae', latentDim: 8 }, 'MLP 256-128 · z=8'],
    ['an MLP shorthand', { family: 'ae', latentDim: 3, hidden: [512, 64, 32] }, 'MLP 512-64-32 · z=3'],
    ['an MLP without hidden layers', { family: 'dae', latentDim: 2, hidden: [] }, 'MLP, no hidden layer · z=2'],
    ['a convolutional spec', { family: 'vae', latentDim: 16, ...conv }, 'conv 3+4 layers · z=16'],
    ['a convolution only in the decoder', { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten' }], decoder: conv.decoder }, 'conv 1+4 layers · z=4'],
    [
      'an explicit dense spec',
      { family: 'vae', latentDim: 4, encoder: [{ type: 'dense', units: 64 }, { type: 'dropout', rate: 0.1 }], decoder: [{ type: 'dense', units: 64 }, { type: 'batchNorm' }, { type: 'dense', units: 784 }] },
      'layers 2+3 · z=4',
    ],
    ['a linear autoencoder', { family: 'linear-ae', latentDim: 2 }, 'linear · z=2'],
    ['PCA', { family: 'pca', latentDim: 2 }, 'PCA k=2'],
  ])('labels %s', (_what, input, label) => {
    expect(architectureLabel(model(input))).toBe(label);
  });
});
