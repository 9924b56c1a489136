import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { setConfigValue } from '../../../../src-shared/sweeps/config-path';
import {
  configFieldDefault,
  describeConfigField,
  isConfigPath,
  modelFamilyOf,
  sweepableFields,
  type ModelFamily,
} from '../../../../src-shared/sweeps/sweep-fields';

describe('describeConfigField', () => {
  it.each([
    ['objective.beta', undefined, { kind: 'number', min: 0, max: 1000 }],
    ['objective.warmupSteps', undefined, { kind: 'int', min: 0, max: 10_000_000 }],
    ['model.latentDim', 'vae', { kind: 'int', min: 1, max: 1024 }],
    ['training.learningRate', undefined, { kind: 'number', min: 0, minExclusive: true, max: 10 }],
    ['training.momentum', undefined, { kind: 'number', min: 0, max: 1, maxExclusive: true }],
    ['training.optimizer', undefined, { kind: 'enum', options: ['adam', 'sgd', 'rmsprop'] }],
    ['model.likelihood', 'vae', { kind: 'enum', options: ['bernoulli', 'gaussian', 'gaussian-learned'] }],
    ['model.sigma', undefined, { kind: 'number', min: 0, minExclusive: true, max: 10 }],
    ['model.noise.sigma', 'dae', { kind: 'number', min: 0, minExclusive: true, max: 10 }],
    ['model.noise.p', 'dae', { kind: 'number', min: 0, minExclusive: true, max: 1, maxExclusive: true }],
    ['model.noise.kind', 'dae', { kind: 'enum', options: ['gaussian', 'masking', 'salt-pepper'] }],
    ['model.family', undefined, { kind: 'enum', options: ['vae', 'ae', 'dae', 'linear-ae', 'pca', 'gae', 'vgae', 'graph-vae'] }],
    ['model.family', 'ae', { kind: 'enum', options: ['ae'] }],
    ['objective.capacity.cMax', undefined, { kind: 'number', min: 0, max: 1000 }],
    ['dataset.validationSplit', undefined, { kind: 'number', min: 0, minExclusive: true, max: 0.5, maxExclusive: true }],
    ['dataset.id', undefined, { kind: 'string' }],
  ] as const)('%s (family %s)', (path, family, expected) => {
    expect(describeConfigField(path, family)).toEqual(expected);
  });

  it('lets the family pick the model variant', () => {
    expect(describeConfigField('model.likelihood', 'ae')).toBeNull();
    expect(describeConfigField('model.noise.sigma', 'vae')).toBeNull();
    expect(describeConfigField('model.activation', 'linear-ae')).toBeNull();
    expect(describeConfigField('model.reconstruction')).toEqual({ kind: 'enum', options: ['mse', 'bernoulli'] });
  });

  it('gives the default a left-out group would get', () => {
    expect(configFieldDefault('model.noise', 'dae')).toEqual({ kind: 'gaussian', sigma: 0.3 });
    expect(configFieldDefault('objective.beta')).toBe(1);
    expect(configFieldDefault('objective.capacity')).toBeUndefined();
    expect(configFieldDefault('model.latentDim')).toBeUndefined();
  });

  it('is null for unknown paths, for groups and lists, and for malformed paths', () => {
    for (const path of ['model.foo', 'objective', 'model', 'model.hidden', 'model.encoder', '', 'model..latentDim', '__proto__', 'objective.beta.x']) {
      expect(describeConfigField(path)).toBeNull();
    }
  });
});

describe('isConfigPath', () => {
  it('tells groups and lists (real, not one value) from paths that do not exist', () => {
    expect(isConfigPath('model.hidden', 'vae')).toBe(true);
    expect(isConfigPath('objective.capacity')).toBe(true);
    expect(isConfigPath('objective.beta')).toBe(true);
    expect(isConfigPath('model.foo')).toBe(false);
    expect(isConfigPath('model.hidden', 'pca')).toBe(false);
  });
});

describe('modelFamilyOf', () => {
  it('reads a known family from a config as written', () => {
    expect(modelFamilyOf({ model: { family: 'dae' } })).toBe('dae');
    expect(modelFamilyOf({ model: { family: 'gan' } })).toBeUndefined();
    expect(modelFamilyOf({ model: 'vae' })).toBeUndefined();
    expect(modelFamilyOf({})).toBeUndefined();
  });
});

describe('sweepableFields', () => {
  const paths = (family: ModelFamily, base?: Record<string, unknown>) => sweepableFields(family, base).map((f) => f.path);

  it('lists the VAE fields a sweep varies, and no text, list or discriminator fields', () => {
    const vae = paths('vae');
    for (const path of ['objective.beta', 'objective.warmupSteps', 'objective.freeBits', 'objective.capacity.cMax', 'model.latentDim', 'model.likelihood', 'model.sigma', 'model.activation', 'training.learningRate', 'training.seed', 'training.batchSize', 'training.epochs', 'training.optimizer', 'dataset.size']) {
      expect(vae).toContain(path);
    }
    for (const path of ['name', 'dataset.id', 'model.family', 'model.hidden', 'model.encoder', 'model.noise.sigma']) expect(vae).not.toContain(path);
  });

  it('describes each field as describeConfigField does', () => {
    for (const family of ['vae', 'ae', 'dae', 'linear-ae', 'pca'] as const) {
      for (const { path, ...description } of sweepableFields(family)) expect(description).toEqual(describeConfigField(path, family));
    }
  });

  it('follows the noise variant of the base config, else the default (Gaussian)', () => {
    expect(paths('dae')).toContain('model.noise.sigma');
    expect(paths('dae')).not.toContain('model.noise.p');
    const masking = paths('dae', { model: { family: 'dae', latentDim: 4, noise: { kind: 'masking', p: 0.2 } } });
    expect(masking).toContain('model.noise.p');
    expect(masking).not.toContain('model.noise.sigma');
  });

  it('leaves out fields the family never reads', () => {
    expect(paths('ae').filter((p) => p.startsWith('objective.'))).toEqual([]);
    expect(paths('ae')).toContain('model.reconstruction');
    expect(paths('pca')).toEqual(['dataset.size', 'dataset.validationSplit', 'model.latentDim', 'training.seed']);
    expect(paths('linear-ae')).toContain('training.learningRate');
    expect(paths('linear-ae')).not.toContain('model.activation');
    // Graph autoencoders: full batch, no sample split; VGAE's only objective setting is β.
    expect(paths('vgae')).toEqual(expect.arrayContaining(['model.latentDim', 'model.edgeSplit.validation', 'model.edgeSplit.test', 'objective.beta', 'training.learningRate', 'training.epochs', 'training.seed']));
    for (const p of ['training.batchSize', 'dataset.size', 'objective.freeBits', 'training.earlyStoppingPatience']) expect(paths('vgae')).not.toContain(p);
    expect(paths('gae').filter((p) => p.startsWith('objective.'))).toEqual([]);
    // A sweep that fills a left-out training group gives the family's own defaults, as the run would get them.
    expect(configFieldDefault('training', 'vgae')).toMatchObject({ learningRate: 0.01, epochs: 200, batchSize: 64 });
    expect(configFieldDefault('training.learningRate', 'graph-vae')).toBe(0.005);
    expect(configFieldDefault('training.learningRate', 'vae')).toBe(0.001);
  });

  // Independent check against the schema's own behaviour: each described bound and option is what parsing accepts.
  const bases: Record<ModelFamily, Record<string, unknown>> = Object.fromEntries(
    (['vae', 'ae', 'dae', 'linear-ae', 'pca'] as const).map((family) => [
      family,
      {
        dataset: { id: 'builtin:sprites', size: 1000, validationSplit: 0.2 },
        // A Gaussian VAE: a Bernoulli one refuses every output activation but linear (it outputs logits), a
        // cross-field rule the per-field description does not carry; sweeps check each run before queueing.
        model: { family, latentDim: 4, ...(family === 'dae' ? { noise: { kind: 'gaussian', sigma: 0.3 } } : {}), ...(family === 'vae' ? { likelihood: 'gaussian' } : {}) },
        // Only a VAE has a KL term, and PCA no optimizer: other families refuse these settings.
        ...(family === 'vae' ? { objective: { capacity: { cMax: 5, steps: 100 } } } : {}),
        // SGD: Adam refuses any momentum but its default (it has none to set).
        ...(family === 'pca' ? {} : { training: { earlyStoppingPatience: 3, optimizer: 'sgd' } }),
      },
    ]),
  ) as unknown as Record<ModelFamily, Record<string, unknown>>;
  // β and the warm-up are refused beside capacity annealing (which replaces them): they are checked without it.
  const REPLACED_BY_CAPACITY = new Set(['objective.beta', 'objective.warmupSteps']);
  const accepts = (family: ModelFamily, path: string, value: unknown) => {
    const base = REPLACED_BY_CAPACITY.has(path) ? setConfigValue(bases[family], 'objective', {}) : bases[family];
    return parseRunConfig(setConfigValue(base, path, value)).ok;
  };

  it.each(['vae', 'ae', 'dae', 'linear-ae', 'pca'] as const)('matches what parseRunConfig accepts for %s', (family) => {
    expect(parseRunConfig(bases[family]).ok).toBe(true);
    for (const field of sweepableFields(family)) {
      if (field.kind === 'enum') {
        for (const option of field.options!) expect(accepts(family, field.path, option), `${field.path}=${option}`).toBe(true);
        expect(accepts(family, field.path, 'not-an-option'), field.path).toBe(false);
      } else if (field.kind === 'boolean') {
        expect(accepts(family, field.path, true)).toBe(true);
      } else {
        const { min, max } = field;
        expect(min, `${field.path} has a lower bound`).toBeDefined();
        expect(max, `${field.path} has an upper bound`).toBeDefined();
        expect(accepts(family, field.path, min), `${field.path}=${min}`).toBe(!field.minExclusive);
        expect(accepts(family, field.path, max), `${field.path}=${max}`).toBe(!field.maxExclusive);
        expect(accepts(family, field.path, max! + 1), `${field.path} above max`).toBe(false);
        expect(accepts(family, field.path, min! - 1), `${field.path} below min`).toBe(false);
        if (field.kind === 'int') expect(accepts(family, field.path, Math.floor(max!) - 0.5), `${field.path} fractional`).toBe(false);
      }
    }
  });
});
