import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';

const base = { dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 8 } };
const issueAt = (config: unknown, path: string) => {
  const result = parseRunConfig(config);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.issues.find((i) => i.path === path)?.message;
};

describe('field messages', () => {
  it('says the same for a number the form could not read (NaN) and the same value after JSON (null)', () => {
    const fromForm = { ...base, training: { epochs: Number.NaN } };
    const fromWire = JSON.parse(JSON.stringify(fromForm)) as unknown;
    expect(issueAt(fromForm, 'training.epochs')).toBe('must be a number');
    expect(issueAt(fromWire, 'training.epochs')).toBe('must be a number');
  });

  it.each([
    ['a missing required number', { dataset: base.dataset, model: { family: 'vae' } }, 'model.latentDim', 'required: enter a number'],
    ['a fraction for a whole number', { ...base, training: { batchSize: 1.5 } }, 'training.batchSize', 'must be a whole number (not 1.5)'],
    ['below an inclusive minimum', { ...base, training: { epochs: 0 } }, 'training.epochs', 'must be at least 1'],
    ['at an exclusive minimum', { ...base, training: { learningRate: 0 } }, 'training.learningRate', 'must be greater than 0'],
    ['above an inclusive maximum', { ...base, objective: { beta: 2000 } }, 'objective.beta', 'must be at most 1000'],
    ['at an exclusive maximum', { ...base, training: { momentum: 1 } }, 'training.momentum', 'must be less than 1'],
    ['an unknown choice', { ...base, training: { optimizer: 'lbfgs' } }, 'training.optimizer', "must be one of 'adam', 'sgd', 'rmsprop' (not 'lbfgs')"],
    ['an empty name', { ...base, name: '   ' }, 'name', 'must not be empty'],
    ['an unknown family', { ...base, model: { family: 'gan', latentDim: 2 } }, 'model.family', "must be one of 'vae', 'ae', 'dae', 'linear-ae', 'pca', 'gae', 'vgae', 'graph-vae' (not 'gan')"],
    [
      'an unknown layer type',
      { ...base, model: { ...base.model, encoder: [{ type: 'lstm' }], decoder: [{ type: 'dense', units: 784 }] } },
      'model.encoder.0.type',
      "must be one of 'dense', 'conv2d', 'conv2dTranspose', 'upsample', 'flatten', 'reshape', 'activation', 'batchNorm', 'dropout' (not 'lstm')",
    ],
    ['too many hidden layers', { ...base, model: { ...base.model, hidden: [1, 2, 3, 4, 5, 6, 7, 8, 9] } }, 'model.hidden', 'must have at most 8 items'],
  ])('words %s for people', (_what, config, path, message) => {
    expect(issueAt(config, path)).toBe(message);
  });

  it('keeps the words of checks that write their own message', () => {
    const config = { ...base, model: { ...base.model, hidden: [8], encoder: [{ type: 'flatten' }], decoder: [{ type: 'dense', units: 784 }] } };
    expect(issueAt(config, 'model.hidden')).toBe('give either hidden (the MLP shorthand) or encoder and decoder, not both');
  });
});
