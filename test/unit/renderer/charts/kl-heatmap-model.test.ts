import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../../src-shared/contract/types';
import {
  activeUnitsOption,
  activeUnitsTickStep,
  activeUnitsTooltip,
  cellTooltip,
  formatKl,
  heatmapHeight,
  klHeatmapModel,
  klHeatmapOption,
  type KlHeatmapModel,
} from '../../../../src-renderer/src/charts/kl-heatmap-model';

const NaN_ = Number.NaN;

/** An epoch series as the store pivots it: one point per epoch, NaN where a point lacks a metric. */
function epochs(epoch: number[], values: Record<string, number[]>): MetricSeries {
  return { step: epoch.map((e) => e * 10), epoch, values };
}

/** Three epochs of a 4-dimensional VAE: z2 grows, z4 collapses, z1 and z3 end tied. */
const run = () =>
  epochs([1, 2, 3], {
    val_loss: [120, 110, 105],
    kl_dim_1: [0.5, 0.7, 0.9],
    kl_dim_2: [1.0, 2.0, 3.0],
    kl_dim_3: [0.2, 0.6, 0.9],
    kl_dim_4: [0.3, 0.01, 0.0004],
    active_units: [4, 3, 3],
  });

const build = (series: MetricSeries): KlHeatmapModel => {
  const model = klHeatmapModel(series);
  if (!model) throw new Error('expected a heatmap');
  return model;
};

describe('klHeatmapModel', () => {
  it('sorts rows by the final epoch KL, largest first, ties by dimension, and labels them z<j>', () => {
    const m = build(run());
    expect(m.latentDim).toBe(4);
    expect(m.dims).toEqual([2, 1, 3, 4]);
    expect(m.rowLabels).toEqual(['z2', 'z1', 'z3', 'z4']);
    expect(m.finalEpoch).toBe(3);
    expect(m.epochs).toEqual([1, 2, 3]);
    expect(m.kl).toEqual([
      [1.0, 2.0, 3.0],
      [0.5, 0.7, 0.9],
      [0.2, 0.6, 0.9],
      [0.3, 0.01, 0.0004],
    ]);
    expect(m.activeUnits).toEqual([4, 3, 3]);
    expect(m.hasActiveUnits).toBe(true);
    expect(m.hasMissing).toBe(false);
    expect(m.minKl).toBe(0.0004);
    expect(m.maxKl).toBe(3);
    expect(m.thinned).toBeNull();
  });

  it('sorts by the final epoch, not by the mean or the largest value over the run', () => {
    // z1 was the largest for two epochs, then collapsed; z2 ends on top.
    const m = build(epochs([1, 2, 3], { kl_dim_1: [5, 4, 0.1], kl_dim_2: [0.5, 0.6, 0.7] }));
    expect(m.rowLabels).toEqual(['z2', 'z1']);
    expect(m.kl[1]).toEqual([5, 4, 0.1]);
  });

  it('orders dimensions numerically (z10 after z2), not by metric name', () => {
    const values: Record<string, number[]> = {};
    for (let j = 1; j <= 10; j++) values[`kl_dim_${j}`] = [1];
    const m = build(epochs([1], values));
    expect(m.rowLabels).toEqual(['z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7', 'z8', 'z9', 'z10']);
    expect(m.latentDim).toBe(10);
  });

  it('returns null without per-dimension KL: another family, no epoch yet, or only NaN', () => {
    expect(klHeatmapModel(undefined)).toBeNull();
    expect(klHeatmapModel(epochs([1, 2], { val_loss: [3, 2], val_mse: [0.1, 0.09] }))).toBeNull();
    expect(klHeatmapModel(epochs([], { kl_dim_1: [] }))).toBeNull();
    expect(klHeatmapModel(epochs([1, 2], { kl_dim_1: [NaN_, NaN_], active_units: [1, 1] }))).toBeNull();
    // Test-split and look-alike metrics are not per-dimension KL.
    expect(klHeatmapModel(epochs([1], { test_kl_dim_1: [0.3], kl_dim_x: [0.2], kl_dim_0: [0.1] }))).toBeNull();
  });

  it('draws a run with one epoch as one column', () => {
    const m = build(epochs([1], { kl_dim_1: [0.02], kl_dim_2: [1.5], kl_dim_3: [0.4], active_units: [2] }));
    expect(m.epochs).toEqual([1]);
    expect(m.finalEpoch).toBe(1);
    expect(m.rowLabels).toEqual(['z2', 'z3', 'z1']);
    expect(m.kl).toEqual([[1.5], [0.4], [0.02]]);
    expect(m.activeUnits).toEqual([2]);
  });

  it('keeps a missing value as null, never 0, and flags it', () => {
    const m = build(epochs([1, 2, 3], { kl_dim_1: [0.4, NaN_, 0.8], kl_dim_2: [0.1, 0.2, 0.3], active_units: [2, NaN_, 2] }));
    expect(m.rowLabels).toEqual(['z1', 'z2']);
    expect(m.kl[0]).toEqual([0.4, null, 0.8]);
    expect(m.activeUnits).toEqual([2, null, 2]);
    expect(m.hasMissing).toBe(true);
  });

  it('treats a metric column shorter than the series, or infinite, as missing', () => {
    const m = build(epochs([1, 2], { kl_dim_1: [0.4], kl_dim_2: [Number.POSITIVE_INFINITY, 0.2] }));
    expect(m.rowLabels).toEqual(['z2', 'z1']);
    expect(m.kl).toEqual([
      [null, 0.2],
      [0.4, null],
    ]);
  });

  it('puts a dimension without a final value after every one with it, and keeps a dimension with no metric as an empty row', () => {
    // kl_dim_2 was never recorded, kl_dim_1 lacks the last epoch: K is still 3.
    const m = build(epochs([1, 2], { kl_dim_1: [9, NaN_], kl_dim_3: [0.1, 0.2] }));
    expect(m.latentDim).toBe(3);
    expect(m.rowLabels).toEqual(['z3', 'z1', 'z2']);
    expect(m.kl).toEqual([
      [0.1, 0.2],
      [9, null],
      [null, null],
    ]);
  });

  it('takes the last epoch with KL as the final one, when a later point carries only other metrics', () => {
    const m = build(epochs([1, 2, 3], { kl_dim_1: [0.1, 0.9, NaN_], kl_dim_2: [0.5, 0.2, NaN_], active_units: [2, 2, 1] }));
    expect(m.finalEpoch).toBe(2);
    expect(m.rowLabels).toEqual(['z1', 'z2']);
    expect(m.epochs).toEqual([1, 2, 3]);
    expect(m.kl[0]).toEqual([0.1, 0.9, null]);
    expect(m.activeUnits).toEqual([2, 2, 1]);
  });

  it('leaves out points with none of its metrics (an epoch scored on the test split only)', () => {
    const m = build(epochs([1, 2, 3], { kl_dim_1: [0.1, 0.2, NaN_], test_loss: [NaN_, NaN_, 99] }));
    expect(m.epochs).toEqual([1, 2]);
    expect(m.hasMissing).toBe(false);
  });

  it('fills a few missing epochs with empty columns, so the epoch axis keeps its scale', () => {
    const m = build(epochs([1, 2, 4, 5], { kl_dim_1: [0.1, 0.2, 0.4, 0.5], active_units: [1, 1, 1, 1] }));
    expect(m.epochs).toEqual([1, 2, 3, 4, 5]);
    expect(m.kl[0]).toEqual([0.1, 0.2, null, 0.4, 0.5]);
    expect(m.activeUnits).toEqual([1, 1, null, 1, 1]);
    expect(m.hasMissing).toBe(true);
    expect(m.thinned).toBeNull();
  });

  it('keeps only the recorded epochs of a downsampled list, and says how many of the span they are', () => {
    const recorded = [1, 25, 50, 75, 100];
    const m = build(epochs(recorded, { kl_dim_1: [0.1, 0.2, 0.3, 0.4, 0.5], kl_dim_2: [2, 1, 0.5, 0.1, 0.01], active_units: [2, 2, 2, 1, 1] }));
    expect(m.epochs).toEqual(recorded);
    expect(m.thinned).toEqual({ shown: 5, span: 100 });
    expect(m.rowLabels).toEqual(['z1', 'z2']);
    expect(m.kl[1]).toEqual([2, 1, 0.5, 0.1, 0.01]);
    expect(m.activeUnits).toEqual([2, 2, 2, 1, 1]);
    expect(m.hasMissing).toBe(false);
  });

  it('sorts epochs recorded out of order and merges points of the same epoch, the later value winning', () => {
    // A resumed run re-recorded epoch 2; epoch 3 arrived before it in this list.
    const series: MetricSeries = {
      step: [10, 30, 20, 21],
      epoch: [1, 3, 2, 2],
      values: { kl_dim_1: [0.1, 0.3, 0.2, 0.25], kl_dim_2: [1, 0.5, 0.7, NaN_], active_units: [2, 1, NaN_, 2] },
    };
    const m = build(series);
    expect(m.epochs).toEqual([1, 2, 3]);
    expect(m.rowLabels).toEqual(['z2', 'z1']);
    expect(m.kl).toEqual([
      [1, 0.7, 0.5],
      [0.1, 0.25, 0.3],
    ]);
    expect(m.activeUnits).toEqual([2, 2, 1]);
  });
});

describe('tooltips and formatting', () => {
  it('names the dimension, the epoch and the KL in nats', () => {
    const m = build(
      epochs([6, 7], { kl_dim_1: [0.01, 0.002], kl_dim_2: [0.3, 0.4], kl_dim_3: [0.7, 0.84], active_units: [2, NaN_] }),
    );
    expect(m.rowLabels).toEqual(['z3', 'z2', 'z1']);
    expect(cellTooltip(m, 0, 1)).toBe('z3 · epoch 7: 0.84 nats');
    expect(cellTooltip(m, 2, 1)).toBe('z1 · epoch 7: 0.0020 nats');
    expect(activeUnitsTooltip(m, 0)).toBe('epoch 6: 2 of 3 dimensions active');
    expect(activeUnitsTooltip(m, 1)).toBe('epoch 7: not recorded');
  });

  it('says "no value" for an empty cell', () => {
    const m = build(epochs([1, 2], { kl_dim_1: [NaN_, 0.5], kl_dim_2: [0.2, 0.1] }));
    expect(cellTooltip(m, 0, 0)).toBe('z1 · epoch 1: no value');
    expect(cellTooltip(m, 0, 1)).toBe('z1 · epoch 2: 0.50 nats');
  });

  it('shows a collapsed dimension as a small number, not 0.00', () => {
    expect(formatKl(0.84)).toBe('0.84');
    expect(formatKl(12.346)).toBe('12.35');
    expect(formatKl(0.0004)).toBe('4e-4');
    expect(formatKl(0.0031)).toBe('0.0031');
    expect(formatKl(0)).toBe('0');
    expect(formatKl(null)).toBe('no value');
  });
});

describe('chart options', () => {
  it('colours the cells by KL on a scale from 0 to the largest value, with null cells left out', () => {
    const m = build(epochs([1, 2], { kl_dim_1: [0.5, NaN_], kl_dim_2: [2.5, 1.5] }));
    const option = klHeatmapOption(m) as {
      series: { type: string; data: number[][] }[];
      visualMap: { min: number; max: number; dimension: number };
      xAxis: { type: string; data: string[] };
      yAxis: { type: string; data: string[]; inverse: boolean };
      tooltip: { formatter: (p: { data: number[] }) => string };
    };
    expect(option.series[0].type).toBe('heatmap');
    // [column, row, KL]: z2 is row 0; z1 has no value at epoch 2.
    expect(option.series[0].data).toEqual([
      [0, 0, 2.5],
      [1, 0, 1.5],
      [0, 1, 0.5],
    ]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 2.5, dimension: 2 });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['1', '2'] });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['z2', 'z1'], inverse: true });
    expect(option.tooltip.formatter({ data: [1, 0, 1.5] })).toBe('z2 · epoch 2: 1.50 nats');
  });

  it('keeps the colour scale usable when every KL is 0, and starts it below 0 for a rounding error', () => {
    const zero = klHeatmapOption(build(epochs([1], { kl_dim_1: [0], kl_dim_2: [0] }))) as { visualMap: { min: number; max: number } };
    expect(zero.visualMap).toMatchObject({ min: 0, max: 1 });
    const negative = klHeatmapOption(build(epochs([1], { kl_dim_1: [-1e-7], kl_dim_2: [0.3] }))) as { visualMap: { min: number; max: number } };
    expect(negative.visualMap).toMatchObject({ min: -1e-7, max: 0.3 });
  });

  it('draws active units from 0 to K with whole-number ticks, a break where an epoch lacks them', () => {
    const m = build(epochs([1, 2, 3], { kl_dim_1: [1, 1, 1], kl_dim_2: [1, 1, 1], kl_dim_3: [1, 1, 1], kl_dim_4: [1, 1, 1], active_units: [4, NaN_, 3] }));
    const option = activeUnitsOption(m) as {
      yAxis: { min: number; max: number; interval: number };
      xAxis: { data: string[] };
      series: { type: string; data: (number | null)[]; connectNulls: boolean }[];
    };
    expect(option.yAxis).toMatchObject({ min: 0, max: 4, interval: 1 });
    expect(option.xAxis.data).toEqual(['1', '2', '3']);
    expect(option.series[0]).toMatchObject({ type: 'line', data: [4, null, 3], connectNulls: false });
  });

  it('picks a tick step that divides K into at most 7 steps', () => {
    expect([1, 2, 6, 7, 8, 10, 11, 16, 32, 128].map(activeUnitsTickStep)).toEqual([1, 1, 1, 1, 2, 2, 11, 4, 8, 32]);
  });

  it('sizes the heatmap by its rows, within 150–420 px', () => {
    const rows = (k: number) => build(epochs([1], Object.fromEntries(Array.from({ length: k }, (_, j) => [`kl_dim_${j + 1}`, [1]]))));
    expect(heatmapHeight(rows(2))).toBe(150);
    expect(heatmapHeight(rows(10))).toBe(236);
    expect(heatmapHeight(rows(64))).toBe(420);
  });
});
