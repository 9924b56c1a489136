import { describe, expect, it } from 'vitest';
import { sweepableFields } from '../../../../src-shared/sweeps/sweep-fields';
import {
  buildSweepSpec,
  checkSweep,
  draftIssues,
  generalIssues,
  gridValueCount,
  issuesFor,
  newFieldDraft,
  parseListValues,
  rangePreview,
  type SweepDraft,
} from '../../../../src-renderer/src/sweeps/sweep-form';

const base = {
  dataset: { id: 'builtin:sprites', size: 256, validationSplit: 0.125 },
  model: { family: 'vae', hidden: [32], activation: 'relu', latentDim: 2, likelihood: 'bernoulli' },
  objective: { beta: 1 },
  training: { epochs: 1, batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: 7 },
};
const field = (path: string) => sweepableFields('vae', base).find((f) => f.path === path)!;
const draft = (fields: SweepDraft['fields'], extra: Partial<SweepDraft> = {}): SweepDraft => ({ name: '', method: 'grid', samples: '10', seed: '0', fields, ...extra });

describe('the Sweep dialog', () => {
  it('starts a numeric field from the base value and an enum with every choice ticked', () => {
    expect(newFieldDraft(field('objective.beta'), base)).toMatchObject({ mode: 'list', valuesText: '1' });
    expect(newFieldDraft(field('model.likelihood'), base).chosen).toEqual(['bernoulli', 'gaussian', 'gaussian-learned']);
  });

  it('reads typed lists leniently and keeps text it cannot read, for validation to name', () => {
    expect(parseListValues(' 0.5, 1 2;4 ')).toEqual([0.5, 1, 2, 4]);
    expect(parseListValues('1e-3, x')).toEqual([0.001, 'x']);
    expect(parseListValues('  ')).toEqual([]);
  });

  it('counts the runs of a 2×2 grid and finds no issue', () => {
    const beta = { ...newFieldDraft(field('objective.beta'), base), valuesText: '0.5, 4' };
    const z = { ...newFieldDraft(field('model.latentDim'), base), valuesText: '2 8' };
    const check = checkSweep(buildSweepSpec(base, draft([beta, z])));
    expect(check.issues).toEqual([]);
    expect(check.size).toBe(4);
    expect(check.spec?.parameters).toEqual({ 'objective.beta': { values: [0.5, 4] }, 'model.latentDim': { values: [2, 8] } });
  });

  it('names the field and value a run config refuses', () => {
    const beta = { ...newFieldDraft(field('objective.beta'), base), valuesText: '1, -1' };
    const check = checkSweep(buildSweepSpec(base, draft([beta])));
    expect(check.size).toBe(2);
    expect(issuesFor(check.issues, 'objective.beta')[0].message).toMatch(/^objective\.beta = -1: /);
    expect(generalIssues(check.issues, ['objective.beta'])).toEqual([]);
  });

  it('expands log ranges for the preview and for random search counts the samples', () => {
    const lr = { ...newFieldDraft(field('training.learningRate'), base), mode: 'range' as const, min: '1e-4', max: '1e-2', steps: '3', scale: 'log' as const };
    expect(rangePreview(base, lr)?.map((v) => Number((v as number).toPrecision(6)))).toEqual([0.0001, 0.001, 0.01]);
    expect(gridValueCount(base, lr)).toBe(3);
    expect(checkSweep(buildSweepSpec(base, draft([lr], { method: 'random', samples: '7', seed: '3' }))).size).toBe(7);
  });

  it('says which box holds something that is not a number', () => {
    const lr = { ...newFieldDraft(field('training.learningRate'), base), mode: 'range' as const, min: '', max: 'ten' };
    const issues = draftIssues(draft([lr], { method: 'random', samples: 'many' }));
    expect(issues.map((i) => i.path)).toEqual(['parameters.training.learningRate.min', 'parameters.training.learningRate.max', 'samples']);
    expect(issuesFor(issues, 'training.learningRate')).toHaveLength(2);
  });

  it('asks for a field when none is swept', () => {
    expect(checkSweep(buildSweepSpec(base, draft([]))).issues).toEqual([{ path: 'parameters', message: 'add a field to sweep' }]);
  });
});
