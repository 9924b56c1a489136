import { describe, expect, it } from 'vitest';
import { SWEEP_MAX_RUNS, SweepError, expandSweep, sweepSize } from '../../../../src-shared/sweeps/expand-sweep';
import { getConfigValue } from '../../../../src-shared/sweeps/config-path';
import { sweepSpecSchema, type SweepSpecInput } from '../../../../src-shared/sweeps/sweep-spec';

const base = { dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 8 } };
const spec = (input: Partial<SweepSpecInput>) => sweepSpecSchema.parse({ base, parameters: {}, ...input });

/** The error expandSweep throws, for assertions on its path and message. */
function sweepError(input: Partial<SweepSpecInput>): SweepError {
  try {
    expandSweep(spec(input));
  } catch (error) {
    if (error instanceof SweepError) return error;
    throw error;
  }
  throw new Error('expected a SweepError');
}

describe('expandSweep: grid', () => {
  it('takes the cartesian product with the first parameter varying slowest', () => {
    const { assignments, configs } = expandSweep(spec({ parameters: { 'objective.beta': { values: [0.5, 1] }, 'model.latentDim': { values: [2, 4, 8] } } }));
    expect(assignments).toEqual([
      { 'objective.beta': 0.5, 'model.latentDim': 2 },
      { 'objective.beta': 0.5, 'model.latentDim': 4 },
      { 'objective.beta': 0.5, 'model.latentDim': 8 },
      { 'objective.beta': 1, 'model.latentDim': 2 },
      { 'objective.beta': 1, 'model.latentDim': 4 },
      { 'objective.beta': 1, 'model.latentDim': 8 },
    ]);
    configs.forEach((config, i) => {
      expect(getConfigValue(config, 'objective.beta')).toBe(assignments[i]['objective.beta']);
      expect(getConfigValue(config, 'model.latentDim')).toBe(assignments[i]['model.latentDim']);
      expect(getConfigValue(config, 'model.family')).toBe('vae');
      expect(config.dataset).toEqual(base.dataset);
    });
  });

  it('leaves the base config untouched', () => {
    const before = structuredClone(base);
    expandSweep(spec({ parameters: { 'model.latentDim': { values: [2, 3] } } }));
    expect(base).toEqual(before);
  });

  it('spaces a linear range evenly, both ends included', () => {
    const { assignments } = expandSweep(spec({ parameters: { 'objective.beta': { min: 0, max: 4, steps: 5 } } }));
    expect(assignments.map((a) => a['objective.beta'])).toEqual([0, 1, 2, 3, 4]);
    const tenths = expandSweep(spec({ parameters: { 'objective.beta': { min: 0, max: 1, steps: 11 } } })).assignments;
    // 0.1 · 3 is 0.30000000000000004 in floating point; the grid stores 0.3.
    expect(tenths.map((a) => a['objective.beta'])).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('spaces a log range geometrically, both ends exact', () => {
    const values = expandSweep(spec({ parameters: { 'training.learningRate': { min: 1e-4, max: 1e-2, steps: 5, scale: 'log' } } })).assignments.map(
      (a) => a['training.learningRate'] as number,
    );
    expect(values[0]).toBe(1e-4);
    expect(values[4]).toBe(1e-2);
    const expected = [1e-4, 10 ** -3.5, 1e-3, 10 ** -2.5, 1e-2];
    values.forEach((v, i) => expect(Math.abs(v / expected[i] - 1)).toBeLessThan(1e-11));
    // Equal ratios between neighbours.
    for (let i = 1; i < 5; i++) expect(values[i] / values[i - 1]).toBeCloseTo(Math.sqrt(10), 9);
  });

  it('gives a one-step range its min', () => {
    expect(expandSweep(spec({ parameters: { 'objective.beta': { min: 2, max: 4, steps: 1 } } })).assignments).toEqual([{ 'objective.beta': 2 }]);
  });

  it('rounds integer fields and drops the repeats', () => {
    // 1, 1.41, 2, 2.83, 4 → 1, 1, 2, 3, 4
    const grid = expandSweep(spec({ parameters: { 'model.latentDim': { min: 1, max: 4, steps: 5, scale: 'log' } } }));
    expect(grid.assignments.map((a) => a['model.latentDim'])).toEqual([1, 2, 3, 4]);
    expect(sweepSize(spec({ parameters: { 'model.latentDim': { min: 1, max: 4, steps: 5, scale: 'log' } } }))).toBe(4);
    // A float field keeps every point.
    expect(sweepSize(spec({ parameters: { 'objective.beta': { min: 1, max: 4, steps: 5, scale: 'log' } } }))).toBe(5);
  });

  it('fills in a left-out group with its default before setting a field inside it', () => {
    const dae = { dataset: base.dataset, model: { family: 'dae', latentDim: 4 } };
    const { configs } = expandSweep(spec({ base: dae, parameters: { 'model.noise.sigma': { values: [0.1, 0.5] } } }));
    expect(configs.map((c) => getConfigValue(c, 'model.noise'))).toEqual([
      { kind: 'gaussian', sigma: 0.1 },
      { kind: 'gaussian', sigma: 0.5 },
    ]);
  });

  it('makes one run of the base when nothing is swept', () => {
    const { configs } = expandSweep(spec({}));
    expect(configs).toEqual([base]);
  });

  it.each<[string, SweepSpecInput['parameters'], string, RegExp]>([
    ['a range without steps', { 'objective.beta': { min: 0, max: 4 } }, 'parameters.objective.beta', /objective\.beta: a grid needs the number of steps/],
    ['a log range through 0', { 'objective.beta': { min: 0, max: 4, steps: 3, scale: 'log' } }, 'parameters.objective.beta', /objective\.beta: a log range needs min and max above 0 \(got min 0, max 4\)/],
    ['a negative log range', { 'training.learningRate': { min: -1, max: -0.1, steps: 3, scale: 'log' } }, 'parameters.training.learningRate', /above 0/],
    ['a range on an enum field', { 'training.optimizer': { min: 0, max: 2, steps: 3 } }, 'parameters.training.optimizer', /training\.optimizer takes one of adam, sgd, rmsprop: list its values/],
    ['a field inside a number', { 'model.latentDim.x': { values: [1] } }, 'parameters.model.latentDim.x', /cannot set model\.latentDim\.x: model\.latentDim is a number/],
  ])('refuses %s, naming the field', (_what, parameters, path, message) => {
    const error = sweepError({ parameters });
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('counts a grid without building it, and refuses to build one beyond the cap', () => {
    const hundred = { min: 0, max: 1, steps: 100 };
    const huge = spec({ parameters: { 'objective.beta': hundred, 'objective.freeBits': hundred, 'training.momentum': { min: 0, max: 0.9, steps: 100 } } });
    expect(sweepSize(huge)).toBe(1_000_000);
    expect(() => expandSweep(huge)).toThrow(new RegExp(`1000000 runs, more than the ${SWEEP_MAX_RUNS}`));
  });
});

describe('expandSweep: random search', () => {
  const random = (parameters: SweepSpecInput['parameters'], samples = 2000, seed = 7) => spec({ method: 'random', samples, seed, parameters });

  it('needs samples', () => {
    expect(sweepError({ method: 'random', parameters: { 'objective.beta': { values: [1] } } })).toMatchObject({ path: 'samples', message: expect.stringMatching(/samples/) });
    expect(sweepSize(random({}, 12))).toBe(12);
  });

  it('is reproducible from its seed, and another seed draws other runs', () => {
    const parameters = { 'objective.beta': { min: 0, max: 4 }, 'model.latentDim': { values: [2, 4, 8] } };
    const a = expandSweep(random(parameters, 20, 1)).assignments;
    expect(expandSweep(random(parameters, 20, 1)).assignments).toEqual(a);
    expect(expandSweep(random(parameters, 20, 2)).assignments).not.toEqual(a);
    expect(a).toHaveLength(20);
  });

  it('draws a linear range uniformly', () => {
    const values = expandSweep(random({ 'objective.beta': { min: 2, max: 6 } })).assignments.map((a) => a['objective.beta'] as number);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...values)).toBeLessThan(6);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(3.85); // uniform on [2, 6]: mean 4, sd of the mean ≈ 0.026
    expect(mean).toBeLessThan(4.15);
  });

  it('draws a log range log-uniformly: as many draws in each decade', () => {
    const values = expandSweep(random({ 'training.learningRate': { min: 1e-5, max: 1e-1, scale: 'log' } })).assignments.map((a) => a['training.learningRate'] as number);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1e-5);
    expect(Math.max(...values)).toBeLessThanOrEqual(1e-1);
    for (let decade = -5; decade < -1; decade++) {
      const share = values.filter((v) => v >= 10 ** decade && v < 10 ** (decade + 1)).length / values.length;
      expect(share).toBeGreaterThan(0.2); // 0.25 each; sd ≈ 0.01
      expect(share).toBeLessThan(0.3);
    }
  });

  it('draws whole numbers for integer fields, each end as likely as the others', () => {
    const values = expandSweep(random({ 'model.latentDim': { min: 1, max: 4 } })).assignments.map((a) => a['model.latentDim'] as number);
    expect(new Set(values)).toEqual(new Set([1, 2, 3, 4]));
    for (const k of [1, 2, 3, 4]) {
      const share = values.filter((v) => v === k).length / values.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
    const logInts = expandSweep(random({ 'training.batchSize': { min: 16, max: 512, scale: 'log' } })).assignments.map((a) => a['training.batchSize'] as number);
    expect(logInts.every((v) => Number.isInteger(v) && v >= 16 && v <= 512)).toBe(true);
  });

  it('picks uniformly from a list, and from a range’s grid when it has steps', () => {
    const picks = expandSweep(random({ 'model.likelihood': { values: ['bernoulli', 'gaussian'] }, 'objective.beta': { min: 0, max: 4, steps: 3 } })).assignments;
    expect(new Set(picks.map((a) => a['model.likelihood']))).toEqual(new Set(['bernoulli', 'gaussian']));
    expect(new Set(picks.map((a) => a['objective.beta']))).toEqual(new Set([0, 2, 4]));
  });

  it('still refuses a log range through 0', () => {
    expect(sweepError({ method: 'random', samples: 3, parameters: { 'objective.beta': { min: 0, max: 1, scale: 'log' } } }).path).toBe('parameters.objective.beta');
  });
});

describe('expandSweep: run names', () => {
  const names = (input: Partial<SweepSpecInput>) => expandSweep(spec(input)).configs.map((c) => c.name);

  it('appends the swept values to the base name, by the last part of each path', () => {
    expect(names({ base: { ...base, name: 'sprites vae' }, parameters: { 'objective.beta': { values: [0.5] }, 'model.latentDim': { values: [8] } } })).toEqual(['sprites vae · beta=0.5 latentDim=8']);
  });

  it('falls back to the sweep name, then to the values alone', () => {
    expect(names({ name: 'beta sweep', parameters: { 'objective.beta': { values: [2] } } })).toEqual(['beta sweep · beta=2']);
    expect(names({ parameters: { 'model.likelihood': { values: ['gaussian'] } } })).toEqual(['likelihood=gaussian']);
  });

  it('shortens values to 4 significant digits and tells fields with the same last name apart', () => {
    const dae = { ...base, model: { family: 'dae', latentDim: 4 } };
    expect(names({ base: dae, parameters: { 'training.learningRate': { values: [1 / 3000] }, 'model.noise.sigma': { values: [0.3] }, 'objective.capacity.steps': { values: [10] }, 'training.epochs': { values: [5] } } })).toEqual([
      'learningRate=0.0003333 sigma=0.3 steps=10 epochs=5',
    ]);
    expect(names({ base: { ...base, model: { family: 'vae', latentDim: 4, noise: {} } }, parameters: { 'model.sigma': { values: [0.1] }, 'model.noise.sigma': { values: [0.2] } } })).toEqual([
      'model.sigma=0.1 noise.sigma=0.2',
    ]);
  });

  it('keeps names within the run config’s 120 characters', () => {
    const [name] = names({ base: { ...base, name: 'x'.repeat(110) }, parameters: { 'objective.beta': { values: [0.5] } } }) as string[];
    expect(name).toHaveLength(120);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('fields a grid would ignore', () => {
  it('refuses samples and seed on a grid instead of ignoring them', () => {
    const base = { dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 2 } };
    const grid = (extra: object) => sweepSpecSchema.parse({ base, parameters: { 'objective.beta': { values: [1, 2] } }, ...extra });
    expect(sweepSize(grid({}))).toBe(2);
    expect(() => sweepSize(grid({ samples: 5 }))).toThrow(/samples is for a random search/);
    expect(() => sweepSize(grid({ seed: 3 }))).toThrow(/seed is for a random search/);
    expect(sweepSize(grid({ method: 'random', samples: 5, seed: 3 }))).toBe(5);
  });
});

describe('expandSweep: graph families', () => {
  it("keeps the family's own training defaults when the sweep sets a field of the left-out training group", () => {
    const { configs } = expandSweep(sweepSpecSchema.parse({ base: { dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' } }, parameters: { 'training.seed': { values: [1, 2] } } }));
    for (const config of configs) expect(config.training).toMatchObject({ learningRate: 0.01, epochs: 200 });
    expect(configs.map((c) => (c.training as { seed: number }).seed)).toEqual([1, 2]);
  });
});
