import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-shared/contract/types';
import { queryRuns, runSortValue } from '../../../../src-shared/runs/query-runs';

function run(id: number, fields: Partial<RunSummary> & { beta?: number; loss?: number }): RunSummary {
  const { beta = 1, loss, ...rest } = fields;
  return {
    id,
    name: `run ${id}`,
    status: 'completed',
    family: 'vae',
    datasetId: 'builtin:sprites',
    datasetName: 'Sprites',
    architecture: 'MLP 256-128 · z=8',
    sweepId: null,
    queuePosition: null,
    tags: [],
    notes: '',
    config: { objective: { beta } } as unknown as RunSummary['config'],
    latentDim: 8,
    beta,
    backend: 'wasm',
    createdAt: '2026-12-01T00:00:00Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    final: loss === undefined ? {} : { val_loss: loss },
    best: {},
    ...rest,
  };
}

describe('queryRuns', () => {
  const runs = [
    run(1, { beta: 4, loss: 120, tags: ['paper'] }),
    run(2, { beta: 0.5, loss: 90, status: 'failed', sweepId: 3 }),
    run(3, { beta: 1, name: 'conv baseline', architecture: 'conv 3+4 layers · z=16', sweepId: 3 }),
    run(4, { beta: 2, loss: Number.NaN, notes: 'diverged at epoch 3' }),
  ];

  it('reads sort values from summary fields, config paths and metrics', () => {
    expect(runSortValue(runs[0], 'name')).toBe('run 1');
    expect(runSortValue(runs[0], 'config.objective.beta')).toBe(4);
    expect(runSortValue(runs[0], 'final.val_loss')).toBe(120);
    expect(runSortValue(runs[0], 'config.objective.nope.deeper')).toBeUndefined();
    expect(runSortValue(runs[0], '__proto__')).toBeUndefined();
  });

  it('sorts either way with missing metrics (absent or NaN) last, never as zero', () => {
    const asc = queryRuns(runs, { sort: { key: 'final.val_loss', direction: 'asc' } }).map((r) => r.id);
    expect(asc.slice(0, 2)).toEqual([2, 1]);
    expect(asc.slice(2).sort()).toEqual([3, 4]);
    const desc = queryRuns(runs, { sort: { key: 'final.val_loss', direction: 'desc' } }).map((r) => r.id);
    expect(desc.slice(0, 2)).toEqual([1, 2]);
    expect(queryRuns(runs, { sort: { key: 'config.objective.beta', direction: 'asc' } }).map((r) => r.id)).toEqual([2, 3, 4, 1]);
  });

  it('filters by every word across name, tags, status, architecture and notes, and by sweep and status', () => {
    expect(queryRuns(runs, { filter: 'PAPER' }).map((r) => r.id)).toEqual([1]);
    expect(queryRuns(runs, { filter: 'conv z=16' }).map((r) => r.id)).toEqual([3]);
    expect(queryRuns(runs, { filter: 'diverged' }).map((r) => r.id)).toEqual([4]);
    expect(queryRuns(runs, { filter: 'failed' }).map((r) => r.id)).toEqual([2]);
    expect(queryRuns(runs, { sweepId: 3 }).map((r) => r.id)).toEqual([2, 3]);
    expect(queryRuns(runs, { status: ['failed', 'completed'], sweepId: 3 }).map((r) => r.id)).toEqual([2, 3]);
    expect(queryRuns(runs, {})).toHaveLength(4);
  });
});
