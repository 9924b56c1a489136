import { describe, expect, it } from 'vitest';
import { validateSweep } from '../../../../src-shared/sweeps/validate-sweep';
import { sweepSpecSchema, type SweepSpecInput } from '../../../../src-shared/sweeps/sweep-spec';

const base = { dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 8 } };
const validate = (input: Partial<SweepSpecInput>) => validateSweep(sweepSpecSchema.parse({ base, parameters: {}, ...input }));
const issuesOf = (input: Partial<SweepSpecInput>) => {
  const result = validate(input);
  if (result.ok) throw new Error('expected the sweep to be refused');
  return result.issues;
};

describe('validateSweep', () => {
  it('returns every run with its assignment and its full config, defaults filled in', () => {
    const result = validate({ base: { ...base, name: 'b' }, parameters: { 'objective.beta': { values: [0.5, 4] }, 'training.optimizer': { values: ['adam', 'sgd'] } } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.runs.map((r) => r.assignment)).toEqual([
      { 'objective.beta': 0.5, 'training.optimizer': 'adam' },
      { 'objective.beta': 0.5, 'training.optimizer': 'sgd' },
      { 'objective.beta': 4, 'training.optimizer': 'adam' },
      { 'objective.beta': 4, 'training.optimizer': 'sgd' },
    ]);
    const [first, , , last] = result.runs.map((r) => r.config);
    expect(first).toMatchObject({ name: 'b · beta=0.5 optimizer=adam', objective: { beta: 0.5, warmupSteps: 0 }, training: { optimizer: 'adam', epochs: 10 } });
    expect(last).toMatchObject({ name: 'b · beta=4 optimizer=sgd', objective: { beta: 4 }, training: { optimizer: 'sgd' }, model: { likelihood: 'bernoulli' } });
  });

  it('sweeps a field inside a group the base leaves to its default (DAE noise)', () => {
    const result = validate({ base: { ...base, model: { family: 'dae', latentDim: 4 } }, parameters: { 'model.noise.sigma': { values: [0.1, 1] } } });
    expect(result.ok && result.runs.map((r) => r.config.model)).toEqual([
      expect.objectContaining({ noise: { kind: 'gaussian', sigma: 0.1 } }),
      expect.objectContaining({ noise: { kind: 'gaussian', sigma: 1 } }),
    ]);
  });

  /** Bad sweeps and the issues each must produce (Netron-style table). */
  const BAD_SWEEPS: { what: string; sweep: Partial<SweepSpecInput>; issues: { path: string; message: string | RegExp }[] }[] = [
    {
      what: 'a path that is not a field',
      sweep: { parameters: { 'model.foo': { values: [1] }, 'objective.beta': { values: [1] }, 'optimizer.lr': { values: [1] } } },
      issues: [
        { path: 'parameters.model.foo', message: "'model.foo' is not a field of the run config for the vae family" },
        { path: 'parameters.optimizer.lr', message: "'optimizer.lr' is not a field of the run config for the vae family" },
      ],
    },
    {
      what: 'a field of another family',
      sweep: { base: { ...base, model: { family: 'ae', latentDim: 2 } }, parameters: { 'model.likelihood': { values: ['gaussian'] } } },
      issues: [{ path: 'parameters.model.likelihood', message: "'model.likelihood' is not a field of the run config for the ae family" }],
    },
    {
      what: 'a list field',
      sweep: { parameters: { 'model.hidden': { values: [64] } } },
      issues: [{ path: 'parameters.model.hidden', message: /'model\.hidden' is a group or list of fields, not one value/ }],
    },
    {
      what: 'a value below the field’s range',
      sweep: { parameters: { 'objective.beta': { values: [-1, 1] } } },
      issues: [{ path: 'parameters.objective.beta', message: 'objective.beta = -1: must be at least 0' }],
    },
    {
      what: 'a value of the wrong kind',
      sweep: { parameters: { 'model.latentDim': { values: ['eight', 8] } } },
      issues: [{ path: 'parameters.model.latentDim', message: 'model.latentDim = "eight": must be a number' }],
    },
    {
      what: 'a fraction for an integer field',
      sweep: { parameters: { 'training.epochs': { values: [2.5] } } },
      issues: [{ path: 'parameters.training.epochs', message: 'training.epochs = 2.5: must be a whole number (not 2.5)' }],
    },
    {
      what: 'an enum value that is not a choice',
      sweep: { parameters: { 'training.optimizer': { values: ['adam', 'lbfgs'] } } },
      issues: [{ path: 'parameters.training.optimizer', message: /^training\.optimizer = "lbfgs": must be one of 'adam', 'sgd', 'rmsprop'/ }],
    },
    {
      what: 'a field of the other noise variant',
      sweep: { base: { ...base, model: { family: 'dae', latentDim: 2 } }, parameters: { 'model.noise.p': { values: [0.2] } } },
      issues: [{ path: 'parameters.model.noise.p', message: 'model.noise.p = 0.2: unknown field' }],
    },
    {
      what: 'a bad base config, reported once for all runs',
      sweep: { base: { ...base, training: { epochs: 0 } }, parameters: { 'objective.beta': { values: [1, 2, 3] } } },
      issues: [{ path: 'base.training.epochs', message: 'must be at least 1' }],
    },
    {
      what: 'a range without steps in a grid',
      sweep: { parameters: { 'objective.beta': { min: 0, max: 1 } } },
      issues: [{ path: 'parameters.objective.beta', message: /a grid needs the number of steps/ }],
    },
    {
      what: 'a random search without samples',
      sweep: { method: 'random', parameters: { 'objective.beta': { min: 0, max: 1 } } },
      issues: [{ path: 'samples', message: /samples/ }],
    },
  ];

  it.each(BAD_SWEEPS)('refuses $what', ({ sweep, issues }) => {
    const found = issuesOf(sweep);
    expect(found).toHaveLength(issues.length);
    issues.forEach((expected, i) => {
      expect(found[i].path).toBe(expected.path);
      if (typeof expected.message === 'string') expect(found[i].message).toBe(expected.message);
      else expect(found[i].message).toMatch(expected.message);
    });
  });

  it('reports a bad swept value and a bad base field together', () => {
    const issues = issuesOf({ base: { ...base, training: { batchSize: 0 } }, parameters: { 'objective.beta': { values: [1, -2] } } });
    expect(issues.map((i) => i.path).sort()).toEqual(['base.training.batchSize', 'parameters.objective.beta']);
  });

  it('stops after 20 issues', () => {
    const values = Array.from({ length: 50 }, (_, i) => -(i + 1));
    const issues = issuesOf({ parameters: { 'objective.beta': { values } } });
    expect(issues).toHaveLength(20);
    expect(issues[19].message).toBe('objective.beta = -20: must be at least 0');
  });
});

describe('fields a family never reads', () => {
  it('refuses sweeping the objective of an autoencoder, or the optimizer of PCA, naming the field', () => {
    const ae = sweepSpecSchema.parse({ base: { dataset: { id: 'builtin:sprites' }, model: { family: 'ae', latentDim: 2 } }, parameters: { 'objective.beta': { values: [1, 4] } } });
    expect(validateSweep(ae)).toEqual({ ok: false, issues: [{ path: 'parameters.objective.beta', message: "'objective.beta' changes nothing for the ae family: its runs would all be the same" }] });
    const pca = sweepSpecSchema.parse({ base: { dataset: { id: 'builtin:sprites' }, model: { family: 'pca', latentDim: 2 } }, parameters: { 'training.learningRate': { values: [0.1, 0.01] } } });
    expect(validateSweep(pca)).toMatchObject({ ok: false, issues: [{ path: 'parameters.training.learningRate' }] });
  });
});
