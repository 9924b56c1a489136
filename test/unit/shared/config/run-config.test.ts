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
  { what: 'latent size 0', config: { ...valid, model: { family: 'vae', latentDim: 0 } }, path: 'model.latentDim', message: />=\s*1/ },
  { what: 'fractional latent size', config: { ...valid, model: { family: 'vae', latentDim: 2.5 } }, path: 'model.latentDim', message: /int/i },
  { what: 'negative β', config: { ...valid, objective: { beta: -0.5 } }, path: 'objective.beta', message: />=\s*0/ },
  { what: 'empty dataset id', config: { ...valid, dataset: { id: '' } }, path: 'dataset.id', message: />=\s*1 char/ },
  { what: 'unknown model family', config: { ...valid, model: { family: 'gan', latentDim: 2 } }, path: 'model.family', message: /./ },
  { what: 'missing model', config: { dataset: valid.dataset }, path: 'model', message: /./ },
  { what: 'zero learning rate', config: { ...valid, training: { learningRate: 0 } }, path: 'training.learningRate', message: />\s*0/ },
  { what: 'string epochs', config: { ...valid, training: { epochs: '10' } }, path: 'training.epochs', message: /number/ },
  { what: 'not an object', config: 'vae please', path: '(root)', message: /object/ },
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

  it('accepts every shipped preset as is', () => {
    for (const preset of PRESETS) expect(parseRunConfig(preset.config).ok, preset.id).toBe(true);
  });
});
