import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { PRESETS } from '../../../../src-shared/config/presets';

const valid = {
  dataset: { id: 'builtin:sprites' },
  model: { family: 'vae', latentDim: 8 },
};

/** Bad configs and the field each error must name (Netron-style table). */
const BAD_CONFIGS: { what: string; config: unknown; path: string; message: RegExp }[] = [
  { what: 'unknown top-level field', config: { ...valid, learningrate: 1 }, path: 'learningrate', message: /unknown field/ },
  { what: 'unknown nested field', config: { ...valid, model: { ...valid.model, latent: 3 } }, path: 'model.latent', message: /unknown field/ },
  { what: 'latent size 0', config: { ...valid, model: { family: 'vae', latentDim: 0 } }, path: 'model.latentDim', message: /^must be at least 1$/ },
  { what: 'fractional latent size', config: { ...valid, model: { family: 'vae', latentDim: 2.5 } }, path: 'model.latentDim', message: /^must be a whole number \(not 2\.5\)$/ },
  { what: 'negative β', config: { ...valid, objective: { beta: -0.5 } }, path: 'objective.beta', message: /^must be at least 0$/ },
  { what: 'empty dataset id', config: { ...valid, dataset: { id: '' } }, path: 'dataset.id', message: /^must not be empty$/ },
  { what: 'unknown model family', config: { ...valid, model: { family: 'gan', latentDim: 2 } }, path: 'model.family', message: /./ },
  { what: 'missing model', config: { dataset: valid.dataset }, path: 'model', message: /./ },
  { what: 'zero learning rate', config: { ...valid, training: { learningRate: 0 } }, path: 'training.learningRate', message: /^must be greater than 0$/ },
  { what: 'string epochs', config: { ...valid, training: { epochs: '10' } }, path: 'training.epochs', message: /^must be a number$/ },
  { what: 'not an object', config: 'vae please', path: '(root)', message: /object/ },
  {
    what: 'an encoder without a decoder',
    config: { ...valid, model: { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten' }] } },
    path: 'model.decoder',
    message: /missing: an explicit encoder needs an explicit decoder too/,
  },
  {
    what: 'a decoder without an encoder',
    config: { ...valid, model: { family: 'vae', latentDim: 4, decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.encoder',
    message: /missing: an explicit decoder needs an explicit encoder too/,
  },
  {
    what: 'a decoder without an encoder in a denoising AE',
    config: { ...valid, model: { family: 'dae', latentDim: 4, decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.encoder',
    message: /needs an explicit encoder/,
  },
  {
    what: 'hidden and a layer spec together',
    config: { ...valid, model: { family: 'ae', latentDim: 4, hidden: [], encoder: [{ type: 'flatten' }], decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.hidden',
    message: /not both/,
  },
  {
    what: 'a layer name used in the encoder and the decoder',
    config: { ...valid, model: { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten' }, { type: 'dense', units: 8, name: 'deconv2' }], decoder: [{ type: 'dense', units: 49 }, { type: 'reshape', targetShape: [7, 7, 1] }, { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 4, name: 'deconv2' }] } },
    path: 'model.decoder.2.name',
    message: /^layer name 'deconv2' is used twice: model\.encoder\.1 has it too; give each layer its own name$/,
  },
  {
    what: 'a layer name used twice in one part',
    config: { ...valid, model: { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten', name: 'a' }, { type: 'dense', units: 8, name: 'a' }], decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.encoder.1.name',
    message: /layer name 'a' is used twice: model\.encoder\.0 has it too/,
  },
  {
    what: "a given name that is another layer's default name",
    config: { ...valid, model: { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten', name: 'enc_dense2' }, { type: 'dense', units: 8 }], decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.encoder.1.name',
    message: /layer name 'enc_dense2' is used twice: model\.encoder\.0 has it too \(it is this layer's default name\)/,
  },
  {
    what: 'a layer named like the latent head',
    config: { ...valid, model: { family: 'vae', latentDim: 4, encoder: [{ type: 'flatten' }, { type: 'dense', units: 8, name: 'latent_mu' }], decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.encoder.1.name',
    message: /'latent_mu' is reserved/,
  },
  { what: 'a layer spec on a linear AE', config: { ...valid, model: { family: 'linear-ae', latentDim: 4, encoder: [{ type: 'flatten' }] } }, path: 'model.encoder', message: /unknown field/ },
  {
    what: 'a sigmoid output on a Bernoulli VAE (it would apply before the likelihood’s own sigmoid)',
    config: { ...valid, model: { family: 'vae', latentDim: 4, outputActivation: 'sigmoid' } },
    path: 'model.outputActivation',
    message: /Bernoulli decoder outputs logits/,
  },
  {
    what: 'an output activation beside an explicit decoder',
    config: { ...valid, model: { family: 'ae', latentDim: 4, outputActivation: 'sigmoid', encoder: [{ type: 'flatten' }], decoder: [{ type: 'dense', units: 784 }] } },
    path: 'model.outputActivation',
    message: /set the activation of its last layer instead/,
  },
];

describe('parseRunConfig', () => {
  it('fills in every default of a minimal config', () => {
    const result = parseRunConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.objective.beta).toBe(1);
    expect(result.config.model).toMatchObject({ family: 'vae', likelihood: 'bernoulli', activation: 'relu' });
    expect(result.config.training).toMatchObject({ epochs: 10, batchSize: 64, optimizer: 'adam', seed: 42 });
    expect(result.config.dataset).toEqual({ id: 'builtin:sprites' });
  });

  it.each(BAD_CONFIGS)('rejects $what, naming $path', ({ config, path, message }) => {
    const result = parseRunConfig(config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === path);
    expect(issue, `issues were ${JSON.stringify(result.issues)}`).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('keeps an explicit encoder and decoder as given, with default names that do not collide', () => {
    const model = { family: 'ae', latentDim: 4, encoder: [{ type: 'flatten' }, { type: 'dense', units: 8 }], decoder: [{ type: 'dense', units: 8 }, { type: 'dense', units: 784 }] };
    const result = parseRunConfig({ ...valid, model });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.config.model).toMatchObject({ encoder: model.encoder, decoder: [{ units: 8 }, { units: 784 }] });
    expect('hidden' in result.config.model).toBe(false);
  });

  it('accepts every shipped preset as is', () => {
    for (const preset of PRESETS) expect(parseRunConfig(preset.config).ok, preset.id).toBe(true);
  });
});

describe('settings that would change nothing are refused', () => {
  const base = { dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 4 } };
  const capacity = { gamma: 10, cMax: 5, steps: 100 };
  it.each([
    ['β beside capacity annealing', { ...base, objective: { beta: 4, capacity } }, 'objective.beta', /weighs the KL by γ instead of β/],
    ['a warm-up beside capacity annealing', { ...base, objective: { warmupSteps: 50, capacity } }, 'objective.warmupSteps', /ramps C instead of warming β up/],
    ['a momentum for Adam', { ...base, training: { optimizer: 'adam', momentum: 0.5 } }, 'training.momentum', /Adam has no momentum setting/],
  ])('refuses %s', (_what, config, path, message) => {
    const result = parseRunConfig(config);
    expect(result.ok).toBe(false);
    const issue = result.ok ? undefined : result.issues.find((i) => i.path === path);
    expect(issue?.message).toMatch(message);
  });

  it('accepts capacity annealing with β and warm-up left at their defaults, and momentum for SGD', () => {
    expect(parseRunConfig({ ...base, objective: { capacity } }).ok).toBe(true);
    expect(parseRunConfig({ ...base, training: { optimizer: 'sgd', momentum: 0.5 } }).ok).toBe(true);
  });
});
