import type { MetricSeries } from '../../../src-shared/contract/types';
import { smoothEma } from '../../../src-shared/metrics/smoothing';
import { formatSignificant } from '../format';

/**
 * What the one metric chart draws (train screen, run view, compare view), as pure functions of its inputs:
 * traces in, ECharts option, tooltip text and CSV out. No DOM and no Vue, so it is unit-tested in Node.
 */

/** The x-axis: optimizer step, epoch, or relative wall time (seconds since the run's first point). */
export type XKey = 'step' | 'epoch' | 'time';

/** One curve: a metric of one series (a run's per-step or per-epoch history). */
export interface ChartTrace {
  /** Stable identity across updates (ECharts series id): e.g. `run-3:val_loss`. */
  id: string;
  /** Legend and tooltip name: the run's name in the compare view, the metric's label elsewhere. */
  name: string;
  color: string;
  series: MetricSeries | undefined;
  metric: string;
  /** Per-step training values (smoothed, fractional epochs on the epoch axis) or one held-out value per epoch. */
  scope: 'step' | 'epoch';
  /** On a second y-axis at the right: KL next to a loss hundreds of times larger would otherwise be a flat line. */
  secondaryAxis?: boolean;
  /** Optimizer steps per epoch, when the caller knows it (else estimated from the series). */
  stepsPerEpoch?: number;
  /**
   * Time zero of the relative-time axis, in ms since the Unix epoch: the run's first recorded point, shared by its
   * per-step and per-epoch traces (see timeOriginOf). Else the first time of this trace's own series.
   */
  timeOrigin?: number;
}

export interface ChartSettings {
  /** TensorBoard's smoothing weight in [0, 1): 0 draws the raw values only. Applies to per-step traces. */
  smoothing: number;
  xKey: XKey;
  logY: boolean;
}

/** A trace reduced to the points it has, in x order, with its smoothed values. */
export interface PreparedTrace {
  id: string;
  name: string;
  color: string;
  metric: string;
  scope: 'step' | 'epoch';
  axis: 0 | 1;
  x: number[];
  step: number[];
  epoch: number[];
  /** Seconds since the trace's time origin; NaN for points recorded without a time. */
  time: number[];
  raw: number[];
  /** Null when the trace is drawn unsmoothed (per-epoch traces, or smoothing 0). */
  smoothed: number[] | null;
}

/** One fixed colour per run, in compare order; readable on the dark panel and distinct from each other. */
export const RUN_COLORS = ['#5fb3ff', '#ffa94d', '#6fdc8c', '#ff6b81', '#b49cff', '#4dd4c6', '#f2d45c', '#ff8fd1', '#c9a27e', '#a3b1bf'] as const;

export const runColor = (index: number): string => RUN_COLORS[index % RUN_COLORS.length];

/** KL-like metrics (kl, val_kl, kl_dim_3) live on their own axis or panel. */
export const isKlMetric = (name: string): boolean => /(^|_)kl($|_)/i.test(name);

/**
 * Traces for several metrics of one series (the train screen and run view), in the order given; metrics the
 * series does not have are left out. KL-like metrics go on the second axis unless `secondaryAxis` says otherwise.
 */
export function metricTraces(
  series: MetricSeries | undefined,
  scope: 'step' | 'epoch',
  metrics: { key: string; label: string; color: string; secondaryAxis?: boolean }[],
  stepsPerEpoch?: number,
  timeOrigin?: number,
): ChartTrace[] {
  const present = metrics.filter((m) => series?.values[m.key] !== undefined);
  const secondary = (m: (typeof metrics)[number]) => m.secondaryAxis ?? isKlMetric(m.key);
  // A second axis only helps next to curves on the first one.
  const split = present.some((m) => !secondary(m));
  return present.map((m) => ({
    id: `${scope}:${m.key}`,
    name: m.label,
    color: m.color,
    series,
    metric: m.key,
    scope,
    secondaryAxis: split && secondary(m),
    stepsPerEpoch,
    timeOrigin,
  }));
}

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isFinite(t);

/**
 * Time zero of a run's relative-time axis (ms since the Unix epoch): the earliest first time of its series, which
 * are in recording order; undefined when none has a time.
 */
export function timeOriginOf(...series: (MetricSeries | undefined)[]): number | undefined {
  let origin: number | undefined;
  for (const s of series) {
    const first = s?.time?.find(isTime);
    if (first !== undefined && (origin === undefined || first < origin)) origin = first;
  }
  return origin;
}

/** Whether any trace's series recorded wall-clock times (runs from before times were kept did not). */
export const hasTimes = (traces: readonly ChartTrace[]): boolean => traces.some((t) => t.series?.time?.some(isTime));

/**
 * Steps per epoch from a per-step series: at the first change of epoch e → e + 1 between points i and i + 1,
 * e · stepsPerEpoch lies in [step_i, step_{i+1} − 1] (exact when no point was dropped by downsampling).
 * With a single epoch so far, the last point is taken as the end of the epoch.
 */
export function estimateStepsPerEpoch(series: MetricSeries): number | null {
  const { step, epoch } = series;
  let best: { value: number; gap: number } | null = null;
  for (let i = 0; i + 1 < step.length; i++) {
    if (epoch[i + 1] > epoch[i] && epoch[i] > 0) {
      const gap = step[i + 1] - step[i];
      const value = (step[i] + step[i + 1] - 1) / 2 / epoch[i];
      if (!best || gap < best.gap) best = { value, gap };
      if (gap === 1) break;
    }
  }
  if (best) return best.value;
  const last = step.length - 1;
  return last >= 0 && epoch[last] > 0 ? step[last] / epoch[last] : null;
}

/** Keeps the points where the metric was recorded (a NaN or missing entry means "not recorded here"), in x order. */
export function prepareTrace(trace: ChartTrace, settings: ChartSettings): PreparedTrace {
  const s = trace.series;
  const column = s?.values[trace.metric] ?? [];
  const stepsPerEpoch = trace.scope === 'step' && settings.xKey === 'epoch' && s ? (trace.stepsPerEpoch ?? estimateStepsPerEpoch(s)) : null;
  const origin = trace.timeOrigin ?? timeOriginOf(s);
  const points: { x: number; step: number; epoch: number; time: number; value: number }[] = [];
  const n = Math.min(s?.step.length ?? 0, column.length);
  for (let i = 0; i < n; i++) {
    const value = column[i];
    if (typeof value !== 'number' || Number.isNaN(value)) continue;
    const step = s!.step[i];
    const epoch = s!.epoch[i];
    const wall = s!.time?.[i];
    const time = isTime(wall) && origin !== undefined ? (wall - origin) / 1000 : Number.NaN;
    // On the time axis a point without a time has no place.
    if (settings.xKey === 'time' && Number.isNaN(time)) continue;
    const x = settings.xKey === 'time' ? time : settings.xKey === 'step' ? step : trace.scope === 'epoch' ? epoch : stepsPerEpoch ? step / stepsPerEpoch : epoch;
    points.push({ x, step, epoch, time, value });
  }
  for (let i = 1; i < points.length; i++) {
    if (points[i].x < points[i - 1].x) {
      points.sort((p, q) => p.x - q.x);
      break;
    }
  }
  const raw = points.map((p) => p.value);
  const smooth = trace.scope === 'step' && settings.smoothing > 0 && raw.length > 0;
  return {
    id: trace.id,
    name: trace.name,
    color: trace.color,
    metric: trace.metric,
    scope: trace.scope,
    axis: trace.secondaryAxis ? 1 : 0,
    x: points.map((p) => p.x),
    step: points.map((p) => p.step),
    epoch: points.map((p) => p.epoch),
    time: points.map((p) => p.time),
    raw,
    smoothed: smooth ? smoothEma(raw, settings.smoothing) : null,
  };
}

/** Index of the point nearest to `x` in an ascending array (−1 when empty). */
export function nearestIndex(xs: readonly number[], x: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x) ? lo - 1 : lo;
}

/** Whether every finite value is positive: a log axis cannot show zero or negative values. */
export function fitsLogAxis(traces: readonly PreparedTrace[]): boolean {
  let any = false;
  for (const t of traces) {
    for (const v of t.smoothed ?? t.raw) {
      if (!Number.isFinite(v)) continue;
      if (v <= 0) return false;
      any = true;
    }
    if (t.smoothed) for (const v of t.raw) if (Number.isFinite(v) && v <= 0) return false;
  }
  return any;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A duration in seconds as a clock reading: 8.25 s, 2:05, 1:02:09. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${s < 10 ? Number(s.toFixed(2)) : Number(s.toFixed(1))} s`;
  const whole = Math.round(s);
  const pad = (v: number) => String(v).padStart(2, '0');
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(whole % 60)}` : `${sign}${m}:${pad(whole % 60)}`;
}

export const formatX = (xKey: XKey, x: number): string =>
  xKey === 'time' ? formatDuration(x) : xKey === 'epoch' && !Number.isInteger(x) ? x.toFixed(2) : String(Math.round(x));

/** The x-axis as its title and the tooltip name it. */
export const X_LABELS: Record<XKey, string> = { step: 'step', epoch: 'epoch', time: 'relative time (wall)' };

/**
 * The tooltip at axis position `x`: every trace's value at its nearest point (smoothed, then raw in brackets),
 * with that point's own x when it is not the hovered one (runs logged at different steps), and "no point"
 * past a trace's ends.
 */
export function tooltipText(traces: readonly PreparedTrace[], xKey: XKey, x: number, html = true): string {
  const at = (v: number) => (xKey === 'time' ? `time ${formatX(xKey, v)}` : `${xKey} ${formatX(xKey, v)}`);
  const lines = [html ? `<b>${at(x)}</b>` : at(x)];
  for (const t of traces) {
    const i = nearestIndex(t.x, x);
    const first = t.x[0];
    const last = t.x[t.x.length - 1];
    // A trace that ended (or had not started) more than one of its own spacings away has no value here.
    const spacing = t.x.length > 1 ? (last - first) / (t.x.length - 1) : 0;
    let value: string;
    if (i < 0 || x < first - spacing || x > last + spacing) value = 'no point here';
    else {
      const shown = t.smoothed ? `${formatSignificant(t.smoothed[i])} (raw ${formatSignificant(t.raw[i])})` : formatSignificant(t.raw[i]);
      value = t.x[i] === x ? shown : `${shown} at ${at(t.x[i])}`;
    }
    lines.push(
      html
        ? `<span style="display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px;background:${t.color}"></span>${escapeHtml(t.name)}: <b>${escapeHtml(value)}</b>`
        : `${t.name}: ${value}`,
    );
  }
  return lines.join(html ? '<br>' : '\n');
}

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvNumber = (v: number) => (Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'Infinity' : '-Infinity');

/**
 * The series shown, one row per point: which curve, its step, epoch and relative time in seconds (empty when not
 * recorded), the value and the smoothed value drawn.
 */
export function seriesCsv(traces: readonly PreparedTrace[]): string {
  const rows = ['series,metric,step,epoch,time_s,value,smoothed'];
  for (const t of traces) {
    for (let i = 0; i < t.x.length; i++) {
      rows.push(
        [csvField(t.name), csvField(t.metric), t.step[i], t.epoch[i], csvNumber(t.time[i]), csvNumber(t.raw[i]), t.smoothed ? csvNumber(t.smoothed[i]) : ''].join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

const TEXT = '#9aa7b4';
const GRID_LINE = '#26313c';

export interface ChartModel {
  option: Record<string, unknown>;
  /** Axes asked to be logarithmic that have zero or negative values, so stay linear: the UI says so. */
  linearAxes: string[];
  hasPoints: boolean;
}

/** The ECharts option for prepared traces: raw lines faint behind the smoothed ones, as TensorBoard draws them. */
/**
 * The epoch axis spans whole epochs around the data. A single epoch (a one-epoch run's held-out point) is centred in
 * [e − ½, e + ½] rather than left to the chart, which widened it to [e/2, 3e/2] and labelled it "0.50".
 */
export function epochAxisExtent(data: { min: number; max: number }): [number, number] {
  const low = Math.floor(data.min);
  const high = Math.ceil(data.max);
  return high > low ? [low, high] : [low - 0.5, high + 0.5];
}

export function buildChartModel(
  traces: readonly PreparedTrace[],
  settings: ChartSettings,
  labels: { y?: string; secondaryY?: string; legend?: boolean; yRange?: [number, number] } = {},
): ChartModel {
  const axes = traces.some((t) => t.axis === 1) ? [0, 1] : [0];
  const linearAxes: string[] = [];
  const yAxis = axes.map((axis) => {
    const onAxis = traces.filter((t) => t.axis === axis);
    const name = axis === 0 ? labels.y : labels.secondaryY;
    let log = settings.logY;
    if (log && !fitsLogAxis(onAxis)) {
      log = false;
      linearAxes.push(name ?? (axis === 0 ? 'y' : 'right y'));
    }
    // A fixed range (AUC and AP live in [0, 1]) holds on a linear first axis; a log axis keeps its own.
    const range = axis === 0 && !log ? labels.yRange : undefined;
    return {
      type: log ? 'log' : 'value',
      scale: !log && !range,
      ...(range ? { min: range[0], max: range[1] } : {}),
      name,
      // Along the axis, not above it, where the legend is.
      nameLocation: 'middle',
      nameGap: axis === 0 ? 50 : 44,
      nameTextStyle: { color: TEXT },
      axisLabel: { color: axis === 1 && onAxis[0] ? onAxis[0].color : TEXT },
      splitLine: { show: axis === 0, lineStyle: { color: GRID_LINE } },
      // A log axis over less than a decade or two has few major ticks: minor lines show the scale.
      minorTick: { show: log },
      minorSplitLine: { show: log && axis === 0, lineStyle: { color: '#1c252e' } },
    };
  });
  const series = traces.flatMap((t) => {
    const data = (values: number[]) => t.x.map((x, i) => [x, Number.isFinite(values[i]) ? values[i] : null]);
    const few = t.x.length <= 60;
    const main = {
      id: t.id,
      name: t.name,
      type: 'line',
      yAxisIndex: t.axis,
      showSymbol: few && !t.smoothed,
      symbolSize: 5,
      sampling: t.x.length > 4000 ? 'lttb' : undefined,
      lineStyle: { width: 1.8, color: t.color },
      itemStyle: { color: t.color },
      emphasis: { disabled: true },
      z: 3,
      data: data(t.smoothed ?? t.raw),
    };
    if (!t.smoothed) return [main];
    // Same name as the smoothed line: the legend toggles both; `silent` keeps the tooltip on the smoothed one.
    const faint = { ...main, id: `${t.id}:raw`, silent: true, showSymbol: false, lineStyle: { width: 1, color: t.color, opacity: 0.28 }, z: 2, data: data(t.raw) };
    return [faint, main];
  });
  const hasPoints = traces.some((t) => t.x.length > 0);
  const integerX = settings.xKey === 'epoch';
  const legend = labels.legend !== false;
  const option = {
    animation: false,
    grid: { left: labels.y ? 68 : 58, right: axes.length > 1 ? (labels.secondaryY ? 62 : 50) : 18, top: legend ? 34 : 16, bottom: 66 },
    legend: legend
      ? {
          type: 'scroll',
          top: 2,
          left: 8,
          right: 8,
          icon: 'roundRect',
          itemWidth: 14,
          itemHeight: 4,
          textStyle: { color: TEXT },
          pageTextStyle: { color: TEXT },
          pageIconColor: TEXT,
          data: traces.map((t) => t.name),
        }
      : { show: false },
    tooltip: {
      trigger: 'axis',
      confine: true,
      className: 'chart-tooltip',
      backgroundColor: '#1d2630',
      borderColor: '#2a3642',
      textStyle: { color: '#e6edf3', fontSize: 12 },
      axisPointer: { type: 'line', lineStyle: { color: '#6f7e8c' } },
      formatter: (params: { axisValue?: number }[] | { axisValue?: number }) => {
        const first = Array.isArray(params) ? params[0] : params;
        return first?.axisValue === undefined ? '' : tooltipText(traces, settings.xKey, Number(first.axisValue));
      },
    },
    xAxis: {
      type: 'value',
      name: X_LABELS[settings.xKey],
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: TEXT },
      min: integerX ? (v: { min: number; max: number }) => epochAxisExtent(v)[0] : 'dataMin',
      max: integerX ? (v: { min: number; max: number }) => epochAxisExtent(v)[1] : 'dataMax',
      minInterval: settings.xKey === 'time' ? undefined : 1,
      // Whole epochs only: the half-epoch ends of a one-epoch axis stay unlabelled.
      axisLabel: { color: TEXT, formatter: (v: number) => (integerX && !Number.isInteger(v) ? '' : formatX(settings.xKey, v)) },
      splitLine: { show: false },
    },
    yAxis,
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'filter' },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'filter',
        height: 14,
        bottom: 6,
        showDataShadow: false,
        borderColor: '#2a3642',
        fillerColor: 'rgba(95, 179, 255, 0.18)',
        handleStyle: { color: '#2f6a99', borderColor: '#5fb3ff' },
        moveHandleStyle: { color: '#2f6a99' },
        textStyle: { color: TEXT },
        labelFormatter: (v: number) => formatX(settings.xKey, v),
      },
    ],
    series,
  };
  return { option, linearAxes, hasPoints };
}
