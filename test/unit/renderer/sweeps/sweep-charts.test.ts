import { describe, expect, it } from 'vitest';
import type { RunStatus, RunSummary } from '../../../../src-shared/contract/types';
import {
  axisKind,
  distinctValues,
  formatFieldValue,
  metricHeatmap,
  metricLines,
  metricNames,
  parallelCoordinates,
} from '../../../../src-renderer/src/sweeps/sweep-charts';

/** A run of a β × z sweep; `final` empty for runs that have not finished an epoch. */
function run(id: number, beta: number, latentDim: number, final: Record<string, number>, status: RunStatus = 'completed', likelihood = 'bernoulli'): RunSummary {
  const config = {
    dataset: { id: 'builtin:sprites', size: 256, validationSplit: 0.125 },
    model: { family: 'vae', latentDim, hidden: [32], activation: 'relu', likelihood, sigma: 0.1 },
    objective: { beta, warmupSteps: 0, freeBits: 0, iwaeSamples: 64 },
    training: { epochs: 1, batchSize: 32, learningRate: 0.003, optimizer: 'adam', momentum: 0.9, seed: 7 },
  } as RunSummary['config'];
  return {
    id,
    name: `run ${id}`,
    status,
    family: 'vae',
    datasetId: 'builtin:sprites',
    datasetName: 'Sprites',
    architecture: `MLP 32 · z=${latentDim}`,
    sweepId: 1,
    queuePosition: null,
    tags: [],
    notes: '',
    config,
    latentDim,
    beta,
    backend: 'wasm',
    createdAt: '2025-01-01T00:00:00Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    final,
    best: final,
  };
}

// β ∈ {0.5, 4} × z ∈ {2, 8}, and a repeat of (β = 4, z = 8); run 6 failed before any metric, run 7 is queued.
const runs = [
  run(1, 0.5, 2, { val_loss: 200, val_kl: 3 }),
  run(2, 0.5, 8, { val_loss: 180, val_kl: 9 }),
  run(3, 4, 2, { val_loss: 220, val_kl: 1 }),
  run(4, 4, 8, { val_loss: 210, val_kl: 2 }),
  run(5, 4, 8, { val_loss: 230, val_kl: 4 }),
  run(6, 0.5, 2, {}, 'failed'),
  run(7, 4, 2, {}, 'queued'),
];

describe('a final metric against a swept field', () => {
  it('draws one line per value of the second field, averaging runs that share a point', () => {
    const chart = metricLines(runs, 'val_loss', 'objective.beta', 'model.latentDim');
    expect(chart.xValues).toEqual([0.5, 4]);
    expect(chart.xKind).toBe('value');
    expect(chart.lines.map((l) => l.label)).toEqual(['model.latentDim = 2', 'model.latentDim = 8']);
    const named = metricLines(runs, 'val_loss', 'objective.beta', 'model.latentDim', 'final', (path) => (path === 'model.latentDim' ? 'z' : path));
    expect(named.lines.map((l) => l.label)).toEqual(['z = 2', 'z = 8']);
    expect(chart.lines[0].points).toEqual([
      { x: 0.5, mean: 200, count: 1, runIds: [1] },
      { x: 4, mean: 220, count: 1, runIds: [3] },
    ]);
    expect(chart.lines[1].points[1]).toEqual({ x: 4, mean: 220, count: 2, runIds: [4, 5] });
  });

  it('leaves runs without the metric out and counts them, rather than plotting zero', () => {
    const chart = metricLines(runs, 'val_loss', 'objective.beta', null);
    expect(chart.withoutMetric).toBe(2);
    expect(chart.lines).toHaveLength(1);
    const all = chart.lines[0].points;
    expect(all.map((p) => p.count)).toEqual([2, 3]);
    expect(all[0].mean).toBeCloseTo((200 + 180) / 2, 12);
    expect(all[1].mean).toBeCloseTo((220 + 210 + 230) / 3, 12);
  });

  it('puts enum fields on a category axis', () => {
    const mixed = [run(1, 1, 2, { val_loss: 1 }, 'completed', 'gaussian'), run(2, 1, 2, { val_loss: 2 }, 'completed', 'bernoulli')];
    const chart = metricLines(mixed, 'val_loss', 'model.likelihood', null);
    expect(chart.xKind).toBe('category');
    expect(chart.xValues).toEqual(['bernoulli', 'gaussian']);
  });
});

describe('axis layout of swept values', () => {
  it('uses a log axis for positive values spanning two decades or more', () => {
    expect(axisKind([1e-4, 1e-3, 1e-2])).toBe('log');
    expect(axisKind([0.5, 1, 2, 4])).toBe('value');
    expect(axisKind([0, 1, 1000])).toBe('value');
    expect(axisKind(['relu', 'tanh'])).toBe('category');
    expect(axisKind([])).toBe('category');
  });

  it('labels values briefly', () => {
    expect(formatFieldValue(0.0001)).toBe('0.0001');
    expect(formatFieldValue(0.00001)).toBe('1e-5');
    expect(formatFieldValue(0.1 + 0.2)).toBe('0.3');
    expect(formatFieldValue(16)).toBe('16');
    expect(formatFieldValue(true)).toBe('true');
    expect(formatFieldValue(undefined)).toBe('–');
  });

  it('lists the distinct values of a field in order', () => {
    expect(distinctValues(runs, 'model.latentDim')).toEqual([2, 8]);
    expect(distinctValues(runs, 'model.nope')).toEqual([]);
  });
});

describe('heatmap over two swept fields', () => {
  it('averages each cell and leaves cells without a finished run empty', () => {
    const heat = metricHeatmap(runs, 'val_loss', 'objective.beta', 'model.latentDim');
    expect(heat.xLabels).toEqual(['0.5', '4']);
    expect(heat.yLabels).toEqual(['2', '8']);
    const byCell = new Map(heat.cells.map(([x, y, v, n]) => [`${x},${y}`, [v, n]]));
    expect(byCell.get('0,0')).toEqual([200, 1]);
    expect(byCell.get('0,1')).toEqual([180, 1]);
    expect(byCell.get('1,0')).toEqual([220, 1]);
    expect(byCell.get('1,1')).toEqual([220, 2]);
    expect([heat.min, heat.max]).toEqual([180, 220]);

    const partial = metricHeatmap([runs[0], runs[6]], 'val_loss', 'objective.beta', 'model.latentDim');
    expect(partial.cells).toEqual([[0, 0, 200, 1]]);
    expect(partial.xLabels).toEqual(['0.5', '4']); // the queued run's β still has its column
  });
});

describe('parallel coordinates', () => {
  it('gives an axis per swept field, then per metric, and a line per run with metrics', () => {
    const data = parallelCoordinates(runs, ['objective.beta', 'model.latentDim'], ['val_loss', 'val_kl']);
    expect(data.axes.map((a) => [a.dim, a.key, a.kind, a.type])).toEqual([
      [0, 'objective.beta', 'field', 'value'],
      [1, 'model.latentDim', 'field', 'value'],
      [2, 'val_loss', 'metric', 'value'],
      [3, 'val_kl', 'metric', 'value'],
    ]);
    expect(data.rows.map((r) => r.runId)).toEqual([1, 2, 3, 4, 5]);
    expect(data.rows[1].values).toEqual([0.5, 8, 180, 9]);
  });

  it('shows a metric a run lacks as absent, and enum fields as categories', () => {
    const mixed = [run(1, 1, 2, { val_loss: 1, psnr: 20 }, 'completed', 'gaussian'), run(2, 1, 2, { val_loss: 2 }, 'completed', 'bernoulli')];
    const data = parallelCoordinates(mixed, ['model.likelihood'], ['val_loss', 'psnr']);
    expect(data.axes[0]).toMatchObject({ type: 'category', categories: ['bernoulli', 'gaussian'] });
    expect(data.rows[1].values).toEqual(['bernoulli', 2, null]);
  });

  it('lists the metrics any run reports, val_loss first', () => {
    expect(metricNames(runs)).toEqual(['val_loss', 'val_kl']);
    expect(metricNames([run(1, 1, 2, { psnr: 1, active_units: 2, val_loss: 3 })])).toEqual(['val_loss', 'active_units', 'psnr']);
  });
});
