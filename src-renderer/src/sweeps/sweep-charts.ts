import type { RunSummary } from '../../../src-shared/contract/types';
import { getConfigValue } from '../../../src-shared/sweeps/config-path';

/**
 * Data shaping for the sweep page's charts, kept apart from ECharts so it can be tested: a final metric
 * against one swept field (a line per value of a second), a heatmap over two fields, and parallel coordinates.
 * Runs without the metric (queued, running, failed) are left out of a chart, never drawn as zero.
 */

export type FieldValue = number | string | boolean;

/** Where a run's metric comes from: its last epoch, or its best epoch. */
export type MetricSource = 'final' | 'best';

export function fieldValue(run: RunSummary, path: string): FieldValue | undefined {
  const value = getConfigValue(run.config as unknown as Record<string, unknown>, path);
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : undefined;
}

export function metricValue(run: RunSummary, metric: string, source: MetricSource = 'final'): number | undefined {
  const value = run[source][metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A swept value as a short label: numbers with up to 4 significant digits (1e-4 stays 0.0001, 1e-5 becomes 1e-5). */
export function formatFieldValue(value: FieldValue | undefined | null): string {
  if (value === undefined || value === null) return '–';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return value.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(value.toPrecision(4)));
}

function compareFieldValues(a: FieldValue, b: FieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The distinct values a field takes over the runs, in order (numbers ascending). */
export function distinctValues(runs: RunSummary[], path: string): FieldValue[] {
  const seen = new Map<string, FieldValue>();
  for (const run of runs) {
    const v = fieldValue(run, path);
    if (v !== undefined) seen.set(`${typeof v}:${String(v)}`, v);
  }
  return [...seen.values()].sort(compareFieldValues);
}

/**
 * How to lay out a field on an axis: numbers on a value axis (a log axis when they are positive and span two
 * decades or more, as learning rates and β usually do), anything else as categories.
 */
export function axisKind(values: FieldValue[]): 'value' | 'log' | 'category' {
  if (values.length === 0 || !values.every((v) => typeof v === 'number')) return 'category';
  const nums = values as number[];
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  return min > 0 && max / min >= 100 ? 'log' : 'value';
}

/** One plotted point: the mean of the metric over the runs that share its x (and series) value. */
export interface AggregatePoint {
  x: FieldValue;
  mean: number;
  count: number;
  runIds: number[];
}

export interface MetricLines {
  xKind: 'value' | 'log' | 'category';
  /** Every value the x field takes, in order (a category axis shows them all). */
  xValues: FieldValue[];
  /** One line per value of the series field, or a single line when there is none. */
  lines: { key: FieldValue | null; label: string; points: AggregatePoint[] }[];
  /** Runs left out because they have no value of the metric yet (or never will: failed). */
  withoutMetric: number;
}

function groupMean(entries: { run: RunSummary; x: FieldValue; y: number }[]): AggregatePoint[] {
  const groups = new Map<string, AggregatePoint & { sum: number }>();
  for (const { run, x, y } of entries) {
    const key = `${typeof x}:${String(x)}`;
    const g = groups.get(key) ?? { x, mean: 0, count: 0, runIds: [], sum: 0 };
    g.sum += y;
    g.count += 1;
    g.runIds.push(run.id);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ sum, ...g }) => ({ ...g, mean: sum / g.count })).sort((a, b) => compareFieldValues(a.x, b.x));
}

/** A metric against one swept field, one line per value of `seriesField` (runs sharing a point are averaged). */
export function metricLines(
  runs: RunSummary[],
  metric: string,
  xField: string,
  seriesField: string | null,
  source: MetricSource = 'final',
  label: (path: string) => string = (path) => path,
): MetricLines {
  const xValues = distinctValues(runs, xField);
  const entries: { run: RunSummary; x: FieldValue; s: FieldValue | null; y: number }[] = [];
  let withoutMetric = 0;
  for (const run of runs) {
    const x = fieldValue(run, xField);
    const y = metricValue(run, metric, source);
    if (y === undefined) {
      withoutMetric += 1;
      continue;
    }
    if (x === undefined) continue;
    entries.push({ run, x, s: seriesField ? (fieldValue(run, seriesField) ?? null) : null, y });
  }
  const keys = seriesField ? distinctValues(runs, seriesField) : [null];
  const lines = keys
    .map((key) => ({
      key,
      label: seriesField && key !== null ? `${label(seriesField)} = ${formatFieldValue(key)}` : metric,
      points: groupMean(entries.filter((e) => e.s === key)),
    }))
    .filter((line) => line.points.length > 0);
  return { xKind: axisKind(xValues), xValues, lines, withoutMetric };
}

export interface HeatmapData {
  xLabels: string[];
  yLabels: string[];
  /** [x index, y index, mean metric, runs averaged]; a cell with no finished run is absent (drawn empty). */
  cells: [number, number, number, number][];
  min: number;
  max: number;
}

/** A metric over a grid of two swept fields; runs in the same cell (other swept fields, seeds) are averaged. */
export function metricHeatmap(runs: RunSummary[], metric: string, xField: string, yField: string, source: MetricSource = 'final'): HeatmapData {
  const xs = distinctValues(runs, xField);
  const ys = distinctValues(runs, yField);
  const index = (values: FieldValue[], v: FieldValue) => values.findIndex((u) => u === v);
  const sums = new Map<string, { xi: number; yi: number; sum: number; count: number }>();
  for (const run of runs) {
    const x = fieldValue(run, xField);
    const y = fieldValue(run, yField);
    const m = metricValue(run, metric, source);
    if (x === undefined || y === undefined || m === undefined) continue;
    const xi = index(xs, x);
    const yi = index(ys, y);
    const cell = sums.get(`${xi},${yi}`) ?? { xi, yi, sum: 0, count: 0 };
    cell.sum += m;
    cell.count += 1;
    sums.set(`${xi},${yi}`, cell);
  }
  const cells = [...sums.values()].map((c) => [c.xi, c.yi, c.sum / c.count, c.count] as [number, number, number, number]);
  const means = cells.map((c) => c[2]);
  return {
    xLabels: xs.map(formatFieldValue),
    yLabels: ys.map(formatFieldValue),
    cells,
    min: means.length ? Math.min(...means) : 0,
    max: means.length ? Math.max(...means) : 0,
  };
}

export interface ParallelAxis {
  dim: number;
  /** The field path or metric name. */
  key: string;
  kind: 'field' | 'metric';
  type: 'value' | 'log' | 'category';
  /** Category labels, for a category axis. */
  categories?: string[];
}

export interface ParallelData {
  axes: ParallelAxis[];
  /** One line per run that has at least one of the metrics; null where it lacks one. */
  rows: { runId: number; name: string; values: (number | string | null)[] }[];
}

/** Parallel coordinates: one axis per swept field, then one per metric; one line per finished run. */
export function parallelCoordinates(runs: RunSummary[], fields: string[], metrics: string[], source: MetricSource = 'final'): ParallelData {
  const withMetrics = runs.filter((run) => metrics.some((m) => metricValue(run, m, source) !== undefined));
  const fieldAxes: ParallelAxis[] = fields.map((key, dim) => {
    const values = distinctValues(withMetrics, key);
    const type = axisKind(values);
    return { dim, key, kind: 'field', type, ...(type === 'category' ? { categories: values.map(formatFieldValue) } : {}) };
  });
  const metricAxes: ParallelAxis[] = metrics.map((key, i) => ({ dim: fields.length + i, key, kind: 'metric', type: 'value' }));
  const rows = withMetrics.map((run) => ({
    runId: run.id,
    name: run.name,
    values: [
      ...fieldAxes.map((axis) => {
        const v = fieldValue(run, axis.key);
        if (v === undefined) return null;
        return axis.type === 'category' ? formatFieldValue(v) : (v as number);
      }),
      ...metrics.map((m) => metricValue(run, m, source) ?? null),
    ],
  }));
  return { axes: [...fieldAxes, ...metricAxes], rows };
}

/** The metrics at least one run reports, `val_loss` first and then by name. */
export function metricNames(runs: RunSummary[], source: MetricSource = 'final'): string[] {
  const names = new Set<string>();
  for (const run of runs) for (const [name, value] of Object.entries(run[source])) if (Number.isFinite(value)) names.add(name);
  return [...names].sort((a, b) => (a === 'val_loss' ? -1 : b === 'val_loss' ? 1 : a.localeCompare(b)));
}
