import { describe, expect, it } from 'vitest';
import type { ImageBatch, MetricSeries } from '../../../../src-shared/contract/types';
import {
  bestIndices,
  formatConfigValue,
  hasMetric,
  metricPanels,
  metricsTable,
  sameImages,
  stepsPerEpochOf,
} from '../../../../src-renderer/src/compare/compare-model';

const series = (values: Record<string, number[]>, n = 2): MetricSeries => ({
  step: Array.from({ length: n }, (_, i) => (i + 1) * 10),
  epoch: Array.from({ length: n }, (_, i) => i + 1),
  values,
});

const vae = {
  id: 3,
  steps: series({ loss: [5, 4], recon: [4, 3], kl: [1, 1] }),
  epochs: series({ val_loss: [6, 5], val_kl: [1, 1.1], kl_dim_2: [0.5, 0.6], kl_dim_10: [0.1, 0.1], kl_dim_1: [0.4, 0.4], early_stopped: [Number.NaN, 1] }),
};
const ae = {
  id: 5,
  steps: series({ loss: [7, 6], recon: [7, 6] }),
  // A metric column of NaN padding only: never recorded.
  epochs: series({ val_loss: [8, 7], psnr: [20, 21], val_kl: [Number.NaN, Number.NaN] }),
};

describe('metricPanels', () => {
  it('makes one panel per metric any run recorded, in reading order, naming the runs without it', () => {
    expect(metricPanels([vae, ae], 'step')).toEqual([
      { metric: 'loss', scope: 'step', present: [3, 5], absent: [] },
      { metric: 'recon', scope: 'step', present: [3, 5], absent: [] },
      { metric: 'kl', scope: 'step', present: [3], absent: [5] },
    ]);
    const epoch = metricPanels([vae, ae], 'epoch');
    expect(epoch.map((p) => p.metric)).toEqual(['val_loss', 'val_kl', 'psnr', 'kl_dim_1', 'kl_dim_2', 'kl_dim_10']);
    expect(epoch.find((p) => p.metric === 'val_kl')).toMatchObject({ present: [3], absent: [5] });
    expect(epoch.find((p) => p.metric === 'psnr')).toMatchObject({ present: [5], absent: [3] });
  });

  it('treats a column of NaN padding as not recorded', () => {
    expect(hasMetric(ae.epochs, 'val_kl')).toBe(false);
    expect(hasMetric(ae.epochs, 'psnr')).toBe(true);
    expect(hasMetric(undefined, 'psnr')).toBe(false);
  });
});

describe('bestIndices', () => {
  it('picks the lowest or highest finite value per the direction, all of them on a tie', () => {
    expect(bestIndices([3, 1, 2], 'lower')).toEqual([1]);
    expect(bestIndices([3, 1, 2], 'higher')).toEqual([0]);
    expect(bestIndices([1, null, 1, 4], 'lower')).toEqual([0, 2]);
  });

  it('highlights nothing without a direction or with fewer than two values', () => {
    expect(bestIndices([3, 1], null)).toEqual([]);
    expect(bestIndices([3, null], 'lower')).toEqual([]);
    expect(bestIndices([Number.NaN, 2], 'lower')).toEqual([]);
  });
});

describe('metricsTable', () => {
  it('gives final and best rows per metric, absent as null, the best run marked per the metric direction', () => {
    const rows = metricsTable([
      { final: { val_loss: 90, val_elbo: -95, kl_weight: 1, early_stopped: 1 }, best: { val_loss: 88, val_elbo: -93 } },
      { final: { val_loss: 80, psnr: 21 }, best: { val_loss: 79, psnr: 22 } },
      { final: { val_loss: 85, val_elbo: -90 }, best: { val_loss: 85, val_elbo: -90 } },
    ]);
    const row = (metric: string, kind: 'final' | 'best') => rows.find((r) => r.metric === metric && r.kind === kind)!;
    expect(rows.map((r) => `${r.metric}:${r.kind}`)).toEqual([
      'val_loss:final',
      'val_loss:best',
      'val_elbo:final',
      'val_elbo:best',
      'psnr:final',
      'psnr:best',
      'kl_weight:final',
    ]);
    expect(row('val_loss', 'final')).toMatchObject({ direction: 'lower', values: [90, 80, 85], best: [1] });
    expect(row('val_elbo', 'best')).toMatchObject({ direction: 'higher', values: [-93, null, -90], best: [2] });
    expect(row('psnr', 'final')).toMatchObject({ values: [null, 21, null], best: [] });
    expect(row('kl_weight', 'final')).toMatchObject({ direction: null, best: [] });
  });
});

describe('helpers', () => {
  it('reads steps per epoch from the first held-out point', () => {
    expect(stepsPerEpochOf({ epochs: { step: [58, 116], epoch: [1, 2], values: {} } })).toBe(58);
    expect(stepsPerEpochOf({ epochs: { step: [], epoch: [], values: {} } })).toBeUndefined();
  });

  it('compares image batches by shape and bytes', () => {
    const batch = (bytes: number[]): ImageBatch => ({ count: 1, width: 2, height: 2, channels: 1, pixels: Uint8Array.from(bytes) });
    expect(sameImages(batch([1, 2, 3, 4]), batch([1, 2, 3, 4]))).toBe(true);
    expect(sameImages(batch([1, 2, 3, 4]), batch([1, 2, 3, 5]))).toBe(false);
    expect(sameImages(batch([1, 2, 3, 4]), null)).toBe(false);
  });

  it('formats config values for a table cell', () => {
    expect(formatConfigValue([256, 128])).toBe('[256,128]');
    expect(formatConfigValue('vae')).toBe('vae');
    expect(formatConfigValue(0.5)).toBe('0.5');
    expect(formatConfigValue(false)).toBe('false');
  });
});

describe('test-split metrics', () => {
  it('are left out of the curve panels and listed after the validation rows, final only', () => {
    const scored = { ...vae, epochs: series({ val_loss: [6, 5], test_loss: [Number.NaN, 5.5] }) };
    expect(metricPanels([scored], 'epoch').map((p) => p.metric)).toEqual(['val_loss']);
    const rows = metricsTable([
      { final: { val_loss: 5, psnr: 20, test_loss: 5.5, test_psnr: 19 }, best: { val_loss: 5, psnr: 20 } },
      { final: { val_loss: 4, psnr: 21, test_loss: 4.5, test_psnr: 18 }, best: { val_loss: 4, psnr: 21 } },
    ]);
    expect(rows.map((r) => `${r.metric}:${r.kind}`)).toEqual(['val_loss:final', 'val_loss:best', 'psnr:final', 'psnr:best', 'test_loss:final', 'test_psnr:final']);
    expect(rows.find((r) => r.metric === 'test_psnr')?.best).toEqual([0]);
  });
});

describe('disentanglement scores', () => {
  it('are one value per run: no curve panel, a final row only, higher is better', () => {
    const scored = { ...vae, epochs: series({ val_loss: [6, 5], mig: [Number.NaN, 0.2], beta_vae_score: [Number.NaN, 0.7] }) };
    expect(metricPanels([scored], 'epoch').map((p) => p.metric)).toEqual(['val_loss']);
    const rows = metricsTable([
      { final: { val_loss: 5, mig: 0.1, beta_vae_score: 0.8 }, best: { val_loss: 5, mig: 0.1, beta_vae_score: 0.8 } },
      { final: { val_loss: 4, mig: 0.3, beta_vae_score: 0.6 }, best: { val_loss: 4, mig: 0.3, beta_vae_score: 0.6 } },
    ]);
    expect(rows.filter((r) => r.metric === 'mig' || r.metric === 'beta_vae_score').map((r) => [r.metric, r.kind, r.direction, r.best])).toEqual([
      ['beta_vae_score', 'final', 'higher', [0]],
      ['mig', 'final', 'higher', [1]],
    ]);
  });
});
