import { describe, expect, it } from 'vitest';
import { configDiff, flattenConfig } from '../../../../src-shared/config/config-diff';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import type { RunConfig } from '../../../../src-shared/config/run-config';

function config(input: Record<string, unknown>): RunConfig {
  const result = parseRunConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
}

const mlp = config({ dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 8, hidden: [256, 128] } });
const conv = config({
  dataset: { id: 'builtin:sprites' },
  model: {
    family: 'vae',
    latentDim: 16,
    encoder: [{ type: 'conv2d', filters: 16, kernelSize: 3, strides: 2, activation: 'relu' }, { type: 'flatten' }],
    decoder: [{ type: 'dense', units: 3136 }, { type: 'reshape', targetShape: [7, 7, 64] }],
  },
  objective: { beta: 4 },
});

describe('flattenConfig', () => {
  it('gives dotted leaf paths, keeping a list of widths as one leaf', () => {
    const flat = flattenConfig(mlp);
    expect(flat['objective.beta']).toBe(1);
    expect(flat['model.family']).toBe('vae');
    expect(flat['model.hidden']).toEqual([256, 128]);
    expect(flat['training.learningRate']).toBe(1e-3);
    expect(flat['dataset.id']).toBe('builtin:sprites');
    expect(Object.keys(flat).every((k) => !(typeof flat[k] === 'object' && flat[k] !== null && !Array.isArray(flat[k])))).toBe(true);
  });

  it('writes each layer of an explicit encoder or decoder as one readable line', () => {
    const flat = flattenConfig(conv);
    expect(flat['model.encoder[0]']).toBe('conv2d filters=16 kernelSize=3 strides=2 padding=same activation=relu');
    expect(flat['model.encoder[1]']).toBe('flatten');
    expect(flat['model.decoder[0]']).toBe('dense units=3136 activation=linear');
    expect(flat['model.decoder[1]']).toBe('reshape targetShape=[7,7,64]');
    expect(flat).not.toHaveProperty('model.encoder');
  });

  it('keeps empty groups and lists as leaves', () => {
    expect(flattenConfig({ a: {}, b: [], c: null })).toEqual({ a: {}, b: [], c: null });
  });
});

describe('configDiff', () => {
  it('lines up every key, sorted, and marks the ones that differ', () => {
    const rows = configDiff([flattenConfig(mlp), flattenConfig(conv)]);
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual([...keys].sort());
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row('objective.beta')).toEqual({ key: 'objective.beta', values: [1, 4], differs: true });
    expect(row('model.latentDim')).toEqual({ key: 'model.latentDim', values: [8, 16], differs: true });
    expect(row('training.epochs')).toEqual({ key: 'training.epochs', values: [10, 10], differs: false });
    // A field one config lacks: undefined there, and a difference.
    expect(row('model.hidden')).toEqual({ key: 'model.hidden', values: [[256, 128], undefined], differs: true });
    expect(row('model.encoder[0]')?.values[0]).toBeUndefined();
    expect(row('model.encoder[0]')?.differs).toBe(true);
  });

  it('compares lists by content and treats NaN as equal to NaN', () => {
    const rows = configDiff([{ h: [4, 2], x: NaN, y: 1 }, { h: [4, 2], x: NaN, y: 2 }, { h: [4, 2], x: NaN, y: 1 }]);
    expect(rows).toEqual([
      { key: 'h', values: [[4, 2], [4, 2], [4, 2]], differs: false },
      { key: 'x', values: [NaN, NaN, NaN], differs: false },
      { key: 'y', values: [1, 2, 1], differs: true },
    ]);
  });

  it('shows undefined where a config lacks a field, and a difference unless all lack it', () => {
    expect(configDiff([{ a: 1 }, {}])).toEqual([{ key: 'a', values: [1, undefined], differs: true }]);
    expect(configDiff([{}, { a: 1 }, { a: 1 }])).toEqual([{ key: 'a', values: [undefined, 1, 1], differs: true }]);
    expect(configDiff([{ a: undefined }, {}])).toEqual([{ key: 'a', values: [undefined, undefined], differs: false }]);
  });

  it('orders layer indices as numbers', () => {
    const layers = Array.from({ length: 12 }, (_, i) => ({ type: 'dense', units: i + 1 }));
    const keys = configDiff([flattenConfig({ model: { encoder: layers } })]).map((r) => r.key);
    expect(keys.slice(8, 12)).toEqual(['model.encoder[8]', 'model.encoder[9]', 'model.encoder[10]', 'model.encoder[11]']);
  });

  it('gives nothing for no configs, and no differences for one', () => {
    expect(configDiff([])).toEqual([]);
    expect(configDiff([flattenConfig(mlp)]).some((r) => r.differs)).toBe(false);
  });
});
