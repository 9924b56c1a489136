import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../../src-shared/contract/types';
import {
  buildChartModel,
  epochAxisExtent,
  estimateStepsPerEpoch,
  formatDuration,
  hasTimes,
  metricTraces,
  nearestIndex,
  prepareTrace,
  runColor,
  RUN_COLORS,
  seriesCsv,
  timeOriginOf,
  tooltipText,
  type ChartSettings,
  type ChartTrace,
} from '../../../../src-renderer/src/charts/metric-chart-model';

/** 3 epochs of 4 steps: loss 10, 9, … and a KL that starts at step 3. */
function stepSeries(): MetricSeries {
  const step = Array.from({ length: 12 }, (_, i) => i + 1);
  return {
    step,
    epoch: step.map((s) => Math.ceil(s / 4)),
    values: { loss: step.map((s) => 11 - s * 0.5), kl: step.map((s) => (s < 3 ? Number.NaN : s / 10)) },
  };
}

const settings = (over: Partial<ChartSettings> = {}): ChartSettings => ({ smoothing: 0, xKey: 'step', logY: false, ...over });
const trace = (over: Partial<ChartTrace> = {}): ChartTrace => ({
  id: 't',
  name: 'run A',
  color: '#fff',
  series: stepSeries(),
  metric: 'loss',
  scope: 'step',
  ...over,
});

describe('estimateStepsPerEpoch', () => {
  it('reads the epoch boundary exactly when no point was dropped', () => {
    expect(estimateStepsPerEpoch(stepSeries())).toBe(4);
  });

  it('takes the middle of the gap a downsampled boundary leaves', () => {
    // Steps 3 (epoch 1) and 6 (epoch 2) kept: 1 · stepsPerEpoch lies in [3, 5].
    expect(estimateStepsPerEpoch({ step: [1, 3, 6, 12], epoch: [1, 1, 2, 3], values: {} })).toBe(4);
  });

  it('falls back to the last point as the end of the only epoch so far', () => {
    expect(estimateStepsPerEpoch({ step: [1, 2, 3], epoch: [1, 1, 1], values: {} })).toBe(3);
    expect(estimateStepsPerEpoch({ step: [], epoch: [], values: {} })).toBeNull();
  });
});

describe('prepareTrace', () => {
  it('keeps only the points where the metric was recorded (NaN padding is absence, not zero)', () => {
    const kl = prepareTrace(trace({ metric: 'kl' }), settings());
    expect(kl.x[0]).toBe(3);
    expect(kl.raw).toHaveLength(10);
    expect(kl.raw.every(Number.isFinite)).toBe(true);
  });

  it('puts per-step points at fractional epochs on the epoch axis', () => {
    const p = prepareTrace(trace(), settings({ xKey: 'epoch' }));
    expect(p.x.slice(0, 5)).toEqual([0.25, 0.5, 0.75, 1, 1.25]);
    expect(prepareTrace(trace({ stepsPerEpoch: 6 }), settings({ xKey: 'epoch' })).x[5]).toBe(1);
  });

  it('puts per-epoch points at their epoch, or at the step that ended the epoch', () => {
    const epochs: MetricSeries = { step: [4, 8, 12], epoch: [1, 2, 3], values: { val_loss: [5, 4, 3.5] } };
    expect(prepareTrace(trace({ series: epochs, metric: 'val_loss', scope: 'epoch' }), settings({ xKey: 'epoch' })).x).toEqual([1, 2, 3]);
    expect(prepareTrace(trace({ series: epochs, metric: 'val_loss', scope: 'epoch' }), settings()).x).toEqual([4, 8, 12]);
  });

  it('smooths per-step traces with the debiased EMA and leaves per-epoch traces as measured', () => {
    const p = prepareTrace(trace(), settings({ smoothing: 0.6 }));
    // Independent calculation of TensorBoard's debiased EMA on the first three points (10.5, 10, 9.5).
    let m = 0;
    const expected = [10.5, 10, 9.5].map((v, i) => {
      m = 0.6 * m + 0.4 * v;
      return m / (1 - 0.6 ** (i + 1));
    });
    expect(p.smoothed!.slice(0, 3).map((v) => +v.toFixed(10))).toEqual(expected.map((v) => +v.toFixed(10)));
    expect(p.raw.slice(0, 3)).toEqual([10.5, 10, 9.5]);
    const epochs: MetricSeries = { step: [4, 8], epoch: [1, 2], values: { val_loss: [5, 4] } };
    expect(prepareTrace(trace({ series: epochs, metric: 'val_loss', scope: 'epoch' }), settings({ smoothing: 0.6 })).smoothed).toBeNull();
    expect(prepareTrace(trace(), settings({ smoothing: 0 })).smoothed).toBeNull();
  });

  it('sorts points into x order', () => {
    const series: MetricSeries = { step: [3, 1, 2], epoch: [1, 1, 1], values: { loss: [30, 10, 20] } };
    const p = prepareTrace(trace({ series }), settings());
    expect(p.x).toEqual([1, 2, 3]);
    expect(p.raw).toEqual([10, 20, 30]);
  });
});

describe('nearestIndex', () => {
  it('finds the nearest point by binary search', () => {
    const xs = [1, 4, 9, 16];
    expect([0, 1, 2, 3, 7, 12.4, 12.6, 100].map((x) => nearestIndex(xs, x))).toEqual([0, 0, 0, 1, 2, 2, 3, 3]);
    expect(nearestIndex([], 3)).toBe(-1);
  });
});

describe('tooltipText', () => {
  const a = prepareTrace(trace({ id: 'a', name: 'run <A>' }), settings());
  const shortSeries: MetricSeries = { step: [2, 4, 6], epoch: [1, 1, 2], values: { loss: [1 / 3, 0.25, 123456.7] } };
  const b = prepareTrace(trace({ id: 'b', name: 'run B', series: shortSeries }), settings());

  it('shows every trace at the hovered x, with 4 significant digits and the point used when it is elsewhere', () => {
    const text = tooltipText([a, b], 'step', 4, false);
    expect(text).toBe('step 4\nrun <A>: 9.000\nrun B: 0.2500');
    expect(tooltipText([a, b], 'step', 5, false)).toBe('step 5\nrun <A>: 8.500\nrun B: 0.2500 at step 4');
    expect(tooltipText([a, b], 'step', 6, false)).toContain('run B: 123457');
  });

  it('says when a trace has no point near the hovered x', () => {
    expect(tooltipText([a, b], 'step', 12, false)).toBe('step 12\nrun <A>: 5.000\nrun B: no point here');
  });

  it('shows the smoothed value with the raw one, and escapes names in HTML', () => {
    const smoothed = prepareTrace(trace({ name: 'run <A>' }), settings({ smoothing: 0.5 }));
    expect(tooltipText([smoothed], 'step', 1, false)).toBe('step 1\nrun <A>: 10.50 (raw 10.50)');
    const html = tooltipText([smoothed], 'step', 1);
    expect(html).toContain('run &#60;A&#62;');
    expect(html).not.toContain('<A>');
  });
});

describe('seriesCsv', () => {
  it('writes one row per point shown, with the smoothed value and quoted names', () => {
    const series: MetricSeries = { step: [1, 2], epoch: [1, 1], values: { loss: [2, 1] } };
    const csv = seriesCsv([prepareTrace(trace({ name: 'β=1, z=8', series }), settings({ smoothing: 0.5 }))]);
    expect(csv).toBe('series,metric,step,epoch,time_s,value,smoothed\n"β=1, z=8",loss,1,1,,2,2\n"β=1, z=8",loss,2,1,,1,1.3333333333333333\n');
  });

  it('writes each point\'s relative time in seconds when the run recorded times', () => {
    const series: MetricSeries = { step: [1, 2], epoch: [1, 1], values: { loss: [2, 1] }, time: [1000, 3500] };
    const csv = seriesCsv([prepareTrace(trace({ series, timeOrigin: 500 }), settings())]);
    expect(csv).toBe('series,metric,step,epoch,time_s,value,smoothed\nrun A,loss,1,1,0.5,2,\nrun A,loss,2,1,3,1,\n');
  });
});

describe('relative time axis', () => {
  const t0 = 1_764_000_000_000;
  const steps = (): MetricSeries => ({ ...stepSeries(), time: stepSeries().step.map((s) => t0 + 250 * s) });
  const epochs = (): MetricSeries => ({ step: [4, 8, 12], epoch: [1, 2, 3], values: { val_loss: [5, 4, 3] }, time: [t0 + 1100, t0 + 2100, t0 + 3100] });

  it('puts a run\'s per-step and per-epoch points on one clock, from its first recorded point', () => {
    const origin = timeOriginOf(steps(), epochs());
    expect(origin).toBe(t0 + 250);
    const s = prepareTrace(trace({ series: steps(), timeOrigin: origin }), settings({ xKey: 'time' }));
    expect(s.x[0]).toBe(0);
    expect(s.x.at(-1)).toBeCloseTo(2.75, 12);
    const e = prepareTrace(trace({ series: epochs(), metric: 'val_loss', scope: 'epoch', timeOrigin: origin }), settings({ xKey: 'time' }));
    expect(e.x).toEqual([0.85, 1.85, 2.85]);
    // Without an origin a trace starts its own clock at its first point.
    expect(prepareTrace(trace({ series: epochs(), metric: 'val_loss', scope: 'epoch' }), settings({ xKey: 'time' })).x[0]).toBe(0);
  });

  it('leaves out points without a time, and says when no series has times', () => {
    const mixed: MetricSeries = { ...stepSeries(), time: stepSeries().step.map((s) => (s <= 4 ? Number.NaN : t0 + s * 1000)) };
    const p = prepareTrace(trace({ series: mixed }), settings({ xKey: 'time' }));
    expect(p.step).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(timeOriginOf(stepSeries())).toBeUndefined();
    expect(hasTimes([trace()])).toBe(false);
    expect(hasTimes([trace(), trace({ series: mixed })])).toBe(true);
    // Times that crossed the WebSocket as null (NaN in JSON) count as missing.
    expect(hasTimes([trace({ series: { ...stepSeries(), time: [null as unknown as number] } })])).toBe(false);
  });

  it('labels the axis and the tooltip as a clock', () => {
    const p = prepareTrace(trace({ series: steps() }), settings({ xKey: 'time' }));
    const model = buildChartModel([p], settings({ xKey: 'time' }));
    expect((model.option.xAxis as { name: string }).name).toBe('relative time (wall)');
    expect(tooltipText([p], 'time', 0.5, false)).toBe('time 0.5 s\nrun A: 9.500');
    expect(formatDuration(8.25)).toBe('8.25 s');
    expect(formatDuration(42.34)).toBe('42.3 s');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3729)).toBe('1:02:09');
  });
});

describe('buildChartModel', () => {
  it('draws the raw line faint behind the smoothed one, under one legend name', () => {
    const p = prepareTrace(trace(), settings({ smoothing: 0.6 }));
    const { option } = buildChartModel([p], settings({ smoothing: 0.6 }));
    const series = option.series as { id: string; name: string; silent?: boolean; lineStyle: { opacity?: number } }[];
    expect(series.map((s) => s.id)).toEqual(['t:raw', 't']);
    expect(series.every((s) => s.name === 'run A')).toBe(true);
    expect(series[0].silent).toBe(true);
    expect(series[0].lineStyle.opacity).toBeLessThan(0.5);
  });

  it('gives KL its own axis next to a loss, and integer ticks on the epoch axis', () => {
    const traces = metricTraces(stepSeries(), 'step', [
      { key: 'loss', label: 'loss', color: '#111' },
      { key: 'kl', label: 'KL', color: '#222' },
      { key: 'recon', label: 'recon', color: '#333' },
    ]);
    expect(traces.map((t) => [t.metric, t.secondaryAxis])).toEqual([
      ['loss', false],
      ['kl', true],
    ]);
    const s = settings({ xKey: 'epoch' });
    const { option } = buildChartModel(
      traces.map((t) => prepareTrace(t, s)),
      s,
    );
    expect(option.yAxis as unknown[]).toHaveLength(2);
    const xAxis = option.xAxis as { minInterval: number; min: (v: { min: number; max: number }) => number };
    expect(xAxis.minInterval).toBe(1);
    expect(xAxis.min({ min: 0.25, max: 3 })).toBe(0);
    // Alone, KL needs no second axis.
    expect(metricTraces(stepSeries(), 'step', [{ key: 'kl', label: 'KL', color: '#222' }])[0].secondaryAxis).toBe(false);
  });

  it('keeps an axis with values ≤ 0 linear when log scale is asked for, and says which', () => {
    const series: MetricSeries = { step: [1, 2], epoch: [1, 1], values: { elbo: [-5, -3], loss: [5, 3] } };
    const s = settings({ logY: true });
    const elbo = buildChartModel([prepareTrace(trace({ series, metric: 'elbo' }), s)], s, { y: 'nats' });
    expect(elbo.linearAxes).toEqual(['nats']);
    expect((elbo.option.yAxis as { type: string }[])[0].type).toBe('value');
    const loss = buildChartModel([prepareTrace(trace({ series, metric: 'loss' }), s)], s);
    expect(loss.linearAxes).toEqual([]);
    expect((loss.option.yAxis as { type: string }[])[0].type).toBe('log');
  });

  it('holds a fixed range on the first axis (AUC and AP in [0, 1]) unless it is logarithmic', () => {
    const series: MetricSeries = { step: [1, 2], epoch: [1, 2], values: { val_auc: [0.7, 0.9] } };
    const s = settings();
    const fixed = buildChartModel([prepareTrace(trace({ series, metric: 'val_auc' }), s)], s, { yRange: [0, 1] });
    expect((fixed.option.yAxis as { min?: number; max?: number; scale: boolean }[])[0]).toMatchObject({ min: 0, max: 1, scale: false });
    const free = buildChartModel([prepareTrace(trace({ series, metric: 'val_auc' }), s)], s);
    expect((free.option.yAxis as { min?: number; scale: boolean }[])[0]).toMatchObject({ scale: true });
    expect((free.option.yAxis as { min?: number }[])[0].min).toBeUndefined();
    const log = settings({ logY: true });
    const logAxis = buildChartModel([prepareTrace(trace({ series, metric: 'val_auc' }), log)], log, { yRange: [0, 1] });
    expect((logAxis.option.yAxis as { type: string; min?: number }[])[0]).toMatchObject({ type: 'log' });
    expect((logAxis.option.yAxis as { min?: number }[])[0].min).toBeUndefined();
  });

  it('draws a single epoch as "1" alone, not on an axis from 0.50', () => {
    const series: MetricSeries = { step: [8], epoch: [1], values: { val_loss: [3] } };
    const s = settings({ xKey: 'epoch' });
    const { option } = buildChartModel([prepareTrace(trace({ series, metric: 'val_loss', scope: 'epoch' }), s)], s);
    const xAxis = option.xAxis as {
      min: (v: { min: number; max: number }) => number;
      max: (v: { min: number; max: number }) => number;
      axisLabel: { formatter: (v: number) => string };
    };
    expect([xAxis.min({ min: 1, max: 1 }), xAxis.max({ min: 1, max: 1 })]).toEqual([0.5, 1.5]);
    expect([0.5, 1, 1.5].map(xAxis.axisLabel.formatter)).toEqual(['', '1', '']);
    expect(epochAxisExtent({ min: 1, max: 4 })).toEqual([1, 4]);
    expect(epochAxisExtent({ min: 0.03, max: 2 })).toEqual([0, 2]);
  });

  it('reports an empty chart', () => {
    expect(buildChartModel([prepareTrace(trace({ series: undefined }), settings())], settings()).hasPoints).toBe(false);
  });
});

describe('run colours', () => {
  it('gives ten runs ten different colours', () => {
    expect(new Set(Array.from({ length: 10 }, (_, i) => runColor(i))).size).toBe(10);
    expect(RUN_COLORS).toHaveLength(10);
  });
});
