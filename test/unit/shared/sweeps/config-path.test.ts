import { describe, expect, it } from 'vitest';
import { getConfigValue, setConfigValue } from '../../../../src-shared/sweeps/config-path';

const config = { name: 'base', model: { family: 'dae', latentDim: 8, noise: { kind: 'gaussian', sigma: 0.3 } }, training: { epochs: 5 } };

describe('getConfigValue', () => {
  it('reads top-level and nested fields', () => {
    expect(getConfigValue(config, 'name')).toBe('base');
    expect(getConfigValue(config, 'model.noise.sigma')).toBe(0.3);
    expect(getConfigValue(config, 'model.noise')).toEqual({ kind: 'gaussian', sigma: 0.3 });
  });

  it('is undefined for missing fields and for paths through a value that is not an object', () => {
    expect(getConfigValue(config, 'objective.beta')).toBeUndefined();
    expect(getConfigValue(config, 'model.latentDim.x')).toBeUndefined();
    expect(getConfigValue(config, 'model.toString')).toBeUndefined();
  });
});

describe('setConfigValue', () => {
  it('returns a new config and leaves the input untouched, sharing the branches it did not change', () => {
    const before = structuredClone(config);
    const next = setConfigValue(config, 'model.noise.sigma', 0.5);
    expect(next.model).toEqual({ family: 'dae', latentDim: 8, noise: { kind: 'gaussian', sigma: 0.5 } });
    expect(config).toEqual(before);
    expect(next.training).toBe(config.training);
    expect(next.model).not.toBe(config.model);
  });

  it('creates the objects along a path that does not exist yet', () => {
    expect(setConfigValue(config, 'objective.capacity.cMax', 25)).toMatchObject({ objective: { capacity: { cMax: 25 } }, name: 'base' });
    expect(setConfigValue({}, 'beta', 2)).toEqual({ beta: 2 });
  });

  it('refuses to replace a value that is in the way, naming it', () => {
    expect(() => setConfigValue(config, 'training.epochs.max', 3)).toThrow('cannot set training.epochs.max: training.epochs is a number, not a group of fields');
    expect(() => setConfigValue({ model: { hidden: [4] } }, 'model.hidden.width', 3)).toThrow(/model\.hidden is a list/);
  });

  it('refuses empty and prototype-reaching path segments', () => {
    expect(() => setConfigValue(config, 'model..latentDim', 3)).toThrow(/not a field path/);
    expect(() => setConfigValue(config, '__proto__.polluted', 1)).toThrow(/'__proto__' cannot be a field name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
