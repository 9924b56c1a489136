import { describe, expect, it } from 'vitest';
import { checkConfigAgainstDataset, checkDatasetFields } from '../../../../src-shared/config/check-against-dataset';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import type { RunConfig } from '../../../../src-shared/config/run-config';
import { builtinDatasetInfo } from '../../../../src-shared/datasets/builtin';
import type { DatasetInfo } from '../../../../src-shared/datasets/types';

const dataset = (id: string): DatasetInfo => {
  const info = builtinDatasetInfo(id);
  if (!info) throw new Error(`fixture: no built-in dataset ${id}`);
  return info;
};

function config(input: unknown): RunConfig {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(`fixture config is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.config;
}

const sprites = { id: 'builtin:sprites' };
/** A decoder that gives back 14×14×1 for 28×28×1 sprites: its last layer is where the shape goes wrong. */
const shortDecoder = [
  { type: 'dense', units: 7 * 7 * 4 },
  { type: 'reshape', targetShape: [7, 7, 4] },
  { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, name: 'deconv2' },
];

/** Configs that pass the schema but cannot train on their dataset, and the field each error must name (Netron-style). */
const MISMATCHES: { what: string; config: unknown; dataset: string; path: string; message: RegExp }[] = [
  {
    what: 'salt-and-pepper noise on real-valued vectors',
    config: { dataset: { id: 'builtin:spiral' }, model: { family: 'dae', latentDim: 2, noise: { kind: 'salt-pepper', p: 0.1 } } },
    dataset: 'builtin:spiral',
    path: 'model.noise.kind',
    message: /^salt-and-pepper noise sets values to 0 or 1, the ends of a pixel's range; 'builtin:spiral' holds real-valued vectors \(use 'gaussian' or 'masking'\)$/,
  },
  {
    what: 'PCA with more components than the data has dimensions',
    config: { dataset: { id: 'builtin:moons' }, model: { family: 'pca', latentDim: 3 } },
    dataset: 'builtin:moons',
    path: 'model.latentDim',
    message: /^PCA finds at most as many components as the data has dimensions: 'builtin:moons' has 2 \(sample shape 2\); set latentDim to 2 or less$/,
  },
  {
    what: 'PCA with more components than image pixels',
    config: { dataset: sprites, model: { family: 'pca', latentDim: 785 } },
    dataset: 'builtin:sprites',
    path: 'model.latentDim',
    message: /'builtin:sprites' has 784 \(sample shape 1×28×28\)/,
  },
  {
    what: 'a Bernoulli VAE on real-valued vectors',
    config: { dataset: { id: 'builtin:spiral' }, model: { family: 'vae', latentDim: 2 } },
    dataset: 'builtin:spiral',
    path: 'model.likelihood',
    message: /Bernoulli decoder models pixels in \[0, 1\]; 'builtin:spiral' holds real-valued vectors \(use 'gaussian'\)/,
  },
  {
    what: 'a Bernoulli AE on real-valued vectors',
    config: { dataset: { id: 'builtin:moons' }, model: { family: 'ae', latentDim: 1, reconstruction: 'bernoulli' } },
    dataset: 'builtin:moons',
    path: 'model.reconstruction',
    message: /\(use 'mse'\)/,
  },
  {
    what: 'a decoder that does not give back the input shape',
    config: { dataset: sprites, model: { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten' }], decoder: shortDecoder } },
    dataset: 'builtin:sprites',
    path: 'model.decoder.2',
    message: /^decoder output 14×14×1 ≠ input 28×28×1 at layer 'deconv2'$/,
  },
  {
    what: 'an encoder that does not end flat',
    config: {
      dataset: sprites,
      model: { family: 'ae', latentDim: 4, encoder: [{ type: 'conv2d', filters: 2, kernelSize: 3, name: 'conv1' }], decoder: [{ type: 'dense', units: 784 }, { type: 'reshape', targetShape: [28, 28, 1] }] },
    },
    dataset: 'builtin:sprites',
    path: 'model.encoder.0',
    message: /latent head needs a flat encoder output, but 'conv1' gives 28×28×2; end the encoder with a flatten/,
  },
  {
    what: 'a convolution on vectors',
    config: { dataset: { id: 'builtin:moons' }, model: { family: 'ae', latentDim: 1, encoder: [{ type: 'dense', units: 4 }, { type: 'conv2d', filters: 2, kernelSize: 3 }], decoder: [{ type: 'dense', units: 2 }] } },
    dataset: 'builtin:moons',
    path: 'model.encoder.1',
    message: /encoder layer 'enc_conv2d2' \(conv2d\): needs an image input H×W×C, got 4/,
  },
];

describe('checkConfigAgainstDataset', () => {
  it.each(MISMATCHES)('refuses $what, naming $path', ({ config: input, dataset: id, path, message }) => {
    const issues = checkConfigAgainstDataset(config(input), dataset(id));
    const issue = issues.find((i) => i.path === path);
    expect(issue, `issues were ${JSON.stringify(issues)}`).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it.each([
    ['PCA with as many components as dimensions', { dataset: { id: 'builtin:moons' }, model: { family: 'pca', latentDim: 2 } }, 'builtin:moons'],
    ['a Gaussian VAE on vectors', { dataset: { id: 'builtin:spiral' }, model: { family: 'vae', latentDim: 2, likelihood: 'gaussian' } }, 'builtin:spiral'],
    ['the default MLP on sprites', { dataset: sprites, model: { family: 'vae', latentDim: 8 } }, 'builtin:sprites'],
    [
      'a layer spec that fits',
      { dataset: sprites, model: { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten' }], decoder: [{ type: 'dense', units: 784 }, { type: 'reshape', targetShape: [28, 28, 1] }] } },
      'builtin:sprites',
    ],
    ['a linear AE wider than the data (overcomplete is allowed)', { dataset: { id: 'builtin:moons' }, model: { family: 'linear-ae', latentDim: 4 } }, 'builtin:moons'],
  ])('accepts %s', (_what, input, id) => {
    expect(checkConfigAgainstDataset(config(input), dataset(id))).toEqual([]);
  });

  it('reports every problem at once', () => {
    const issues = checkConfigAgainstDataset(
      config({ dataset: { id: 'builtin:moons' }, model: { family: 'vae', latentDim: 1, encoder: [{ type: 'dense', units: 4 }], decoder: [{ type: 'dense', units: 3 }] } }),
      dataset('builtin:moons'),
    );
    expect(issues.map((i) => i.path)).toEqual(['model.likelihood', 'model.decoder.0']);
  });
});

describe('checkDatasetFields', () => {
  const imported = { id: 'ds-fashion', builtin: false, count: 70_000, trainCount: 63_000, validationCount: 7000 };

  it('refuses a size or validation split for an imported dataset, naming the field and what the dataset has', () => {
    const issues = checkDatasetFields(config({ dataset: { id: 'ds-fashion', size: 1000, validationSplit: 0.3 }, model: { family: 'pca', latentDim: 2 } }), imported);
    expect(issues).toEqual([
      { path: 'dataset.size', message: expect.stringMatching(/imported dataset: it has the 70000 samples it was imported with/) },
      { path: 'dataset.validationSplit', message: expect.stringMatching(/split when it was imported \(63000 train, 7000 validation\)/) },
    ]);
  });

  it('accepts them for built-in generators, and their absence for imported datasets', () => {
    expect(checkDatasetFields(config({ dataset: { id: 'builtin:sprites', size: 1000, validationSplit: 0.3 }, model: { family: 'pca', latentDim: 2 } }), dataset('builtin:sprites'))).toEqual([]);
    expect(checkDatasetFields(config({ dataset: { id: 'ds-fashion' }, model: { family: 'pca', latentDim: 2 } }), imported)).toEqual([]);
  });
});
