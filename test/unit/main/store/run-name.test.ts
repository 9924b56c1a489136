import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { defaultRunName } from '../../../../src-main/store/run-name';

const nameOf = (input: Record<string, unknown>) => {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(`fixture config invalid: ${JSON.stringify(parsed.issues)}`);
  return defaultRunName(parsed.config);
};
const sprites = { id: 'builtin:sprites' };
const graph = { id: 'builtin:sbm' };

describe('defaultRunName', () => {
  it.each([
    ['a VAE by its latent size and β', { dataset: sprites, model: { family: 'vae', latentDim: 8 } }, 'VAE z=8 β=1'],
    ['a β-VAE', { dataset: sprites, model: { family: 'vae', latentDim: 8 }, objective: { beta: 4, warmupSteps: 500 } }, 'VAE z=8 β=4'],
    [
      'capacity annealing by C max and γ, which replace β',
      { dataset: sprites, model: { family: 'vae', latentDim: 8 }, objective: { capacity: { gamma: 50, cMax: 5, steps: 40 } } },
      'VAE z=8 C→5 γ=50',
    ],
    ['an AE', { dataset: sprites, model: { family: 'ae', latentDim: 8 } }, 'AE z=8'],
    ['a DAE', { dataset: sprites, model: { family: 'dae', latentDim: 16 } }, 'DAE z=16'],
    ['a linear AE in words', { dataset: sprites, model: { family: 'linear-ae', latentDim: 2 } }, 'Linear AE z=2'],
    ['PCA by its k', { dataset: sprites, model: { family: 'pca', latentDim: 5 }, training: { seed: 1 } }, 'PCA k=5'],
    ['a GAE', { dataset: graph, model: { family: 'gae' } }, 'GAE z=16'],
    ['a VGAE with β = 1', { dataset: graph, model: { family: 'vgae', latentDim: 16 } }, 'VGAE z=16'],
    ['a VGAE with another β', { dataset: graph, model: { family: 'vgae', latentDim: 16 }, objective: { beta: 0.5 } }, 'VGAE z=16 β=0.5'],
  ])('names %s', (_what, input, expected) => {
    expect(nameOf(input)).toBe(expected);
  });
});
