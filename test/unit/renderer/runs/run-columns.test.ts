import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-shared/contract/types';
import { availableColumns, cellText, columnDef } from '../../../../src-renderer/src/runs/run-columns';

const run = {
  id: 3,
  name: 'VAE z=8',
  status: 'completed',
  family: 'vae',
  datasetId: 'builtin:sprites',
  datasetName: 'Sprites',
  architecture: 'MLP 256-128 · z=8',
  sweepId: null,
  queuePosition: null,
  tags: ['baseline', 'β-sweep'],
  notes: '',
  config: {
    dataset: { id: 'builtin:sprites', size: 4096, validationSplit: 0.1 },
    model: { family: 'vae', latentDim: 8, hidden: [256, 128], activation: 'relu', likelihood: 'bernoulli', sigma: 0.1 },
    objective: { beta: 0.5, warmupSteps: 0, freeBits: 0, iwaeSamples: 64 },
    training: { epochs: 10, batchSize: 64, learningRate: 0.001, optimizer: 'adam', momentum: 0.9, seed: 42 },
  },
  latentDim: 8,
  beta: 0.5,
  backend: 'wasm',
  createdAt: '2025-03-04T10:20:00Z',
  startedAt: null,
  finishedAt: null,
  error: null,
  final: { val_loss: 123.456789, psnr: 18.2 },
  best: { val_loss: 120.5 },
} as unknown as RunSummary;

/** A stand-in for the shared flattenConfig: dotted paths to leaves, arrays kept whole. */
function flatten(config: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v, path));
    else out[path] = v;
  }
  return out;
}

describe('runs table columns', () => {
  it('offers every config field and every metric, last and best', () => {
    const keys = availableColumns([run], flatten).map((c) => c.key);
    expect(keys).toContain('config.objective.beta');
    expect(keys).toContain('config.model.hidden');
    expect(keys).toContain('final.psnr');
    expect(keys).toContain('best.psnr');
    expect(keys).toContain('datasetName');
    expect(keys.indexOf('final.psnr')).toBeLessThan(keys.indexOf('final.val_loss'));
  });

  it('groups test-split metrics apart, with their last value only', () => {
    const scored = { ...run, final: { ...run.final, test_loss: 3 } };
    const columns = availableColumns([scored], flatten);
    expect(columns.find((c) => c.key === 'final.test_loss')).toMatchObject({ group: 'test', title: expect.stringMatching(/test split/) });
    expect(columns.some((c) => c.key === 'best.test_loss')).toBe(false);
  });

  it('names the disentanglement scores as researchers write them, with their last value only', () => {
    const scored = { ...run, final: { ...run.final, mig: 0.21, beta_vae_score: 0.74 }, best: { ...run.best, mig: 0.21, beta_vae_score: 0.74 } };
    const columns = availableColumns([scored], flatten);
    expect(columns.find((c) => c.key === 'final.mig')).toMatchObject({ label: 'MIG', group: 'final', title: expect.stringMatching(/Mutual Information Gap.*higher is better/) });
    expect(columns.find((c) => c.key === 'final.beta_vae_score')).toMatchObject({ label: 'BetaVAE score', title: expect.stringMatching(/Higgins et al\. 2017/) });
    expect(columns.some((c) => c.key === 'best.mig' || c.key === 'best.beta_vae_score')).toBe(false);
    expect(cellText(scored, 'final.mig', (iso) => iso)).toBe('0.2100');
  });

  it('names columns briefly, with the full path in the tooltip', () => {
    expect(columnDef('config.objective.beta')).toMatchObject({ label: 'β', title: 'objective.beta', group: 'config' });
    expect(columnDef('config.training.momentum')).toMatchObject({ label: 'momentum', title: 'training.momentum' });
    expect(columnDef('best.val_loss')).toMatchObject({ label: 'best val loss', group: 'best', numeric: true });
  });

  it('shows values readably and absent metrics as a dash, never zero', () => {
    const time = (iso: string) => `at ${iso}`;
    expect(cellText(run, 'final.val_loss', time)).toBe('123.5');
    expect(cellText(run, 'final.psnr', time)).toBe('18.20');
    expect(cellText(run, 'best.psnr', time)).toBe('–');
    expect(cellText(run, 'config.model.hidden', time)).toBe('256-128');
    expect(cellText(run, 'config.training.learningRate', time)).toBe('0.001');
    const tinyRate = { ...run, config: { ...run.config, training: { ...run.config.training, learningRate: 0.00003 } } };
    expect(cellText(tinyRate, 'config.training.learningRate', time)).toBe('0.00003'); // as written, not 3.000e-5
    expect(cellText(run, 'tags', time)).toBe('baseline, β-sweep');
    expect(cellText(run, 'sweepId', time)).toBe('–');
    expect(cellText(run, 'createdAt', time)).toBe('at 2025-03-04T10:20:00Z');
    expect(cellText(run, 'datasetName', time)).toBe('Sprites');
  });
});
