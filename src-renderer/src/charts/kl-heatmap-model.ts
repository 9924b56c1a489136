import type { MetricSeries } from '../../../src-shared/contract/types';
import { formatSignificant } from '../format';

/**
 * The posterior-collapse picture of a VAE run, as pure functions of its per-epoch series: the validation KL of
 * each latent dimension per epoch (the `kl_dim_j` metrics, src-main/trainer/families/vae.ts) as a heatmap, and the
 * active units per epoch (`active_units`) as a line. Data, tooltip text and ECharts options out; no DOM and no
 * Vue, so it is unit-tested in Node.
 */

/** `kl_dim_3`: KL(q(z_3|x) ‖ p(z_3)) in nats, averaged over the validation set; dimensions count from 1. */
const KL_DIM = /^kl_dim_(\d+)$/;

export interface KlHeatmapModel {
  /** Latent dimensions K: the highest `kl_dim_j` recorded (the active-units axis runs from 0 to K). */
  latentDim: number;
  /** Row order: dimension numbers (1-based) by KL at `finalEpoch`, largest first, ties by dimension. */
  dims: number[];
  /** Row labels, `z3` for dimension 3. */
  rowLabels: string[];
  /** Column order: the epochs, ascending. */
  epochs: number[];
  /** kl[row][column]: KL in nats, or null where the epoch has no value for the dimension (never 0). */
  kl: (number | null)[][];
  /** The last epoch with a KL value: the one the rows are sorted by. */
  finalEpoch: number;
  /** Active units per column; null where the epoch did not record them. */
  activeUnits: (number | null)[];
  /** Whether any `active_units` value was recorded. */
  hasActiveUnits: boolean;
  /** Whether any cell is null (drawn empty, and the caption says what that means). */
  hasMissing: boolean;
  /** Range of the recorded KL values, for the colour scale. */
  minKl: number;
  maxKl: number;
  /**
   * Set when the columns skip epochs (a thinned list): `shown` recorded epochs of the `span` from the first to the
   * last. Null when every epoch in between has a column.
   */
  thinned: { shown: number; span: number } | null;
}

const finite = (v: number | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Columns for the recorded epochs. A few missing epochs (at most as many as recorded ones) become empty columns,
 * so the x-axis keeps its scale and a lost epoch shows as a gap; a list thinned further (most epochs absent, as
 * downsampling leaves it) keeps only the recorded epochs, which the model flags, rather than a grid that is mostly
 * holes.
 */
function columnsFor(recorded: number[]): { epochs: number[]; thinned: KlHeatmapModel['thinned'] } {
  const first = recorded[0];
  const last = recorded[recorded.length - 1];
  const span = last - first + 1;
  if (span === recorded.length || !recorded.every(Number.isInteger)) return { epochs: recorded, thinned: null };
  if (span <= 2 * recorded.length) return { epochs: Array.from({ length: span }, (_, i) => first + i), thinned: null };
  return { epochs: recorded, thinned: { shown: recorded.length, span } };
}

/**
 * The heatmap of a run's per-epoch series, or null when it recorded no per-dimension KL (not a VAE, or no epoch
 * finished yet). Points recorded for the same epoch (a resumed run) merge, the later value winning; NaN, missing
 * and non-finite values are null, never 0.
 */
export function klHeatmapModel(series: MetricSeries | undefined): KlHeatmapModel | null {
  if (!series) return null;
  const dimColumns = new Map<number, number[]>();
  for (const [name, column] of Object.entries(series.values)) {
    const match = KL_DIM.exec(name);
    if (match && Number(match[1]) >= 1) dimColumns.set(Number(match[1]), column);
  }
  if (dimColumns.size === 0) return null;
  const latentDim = Math.max(...dimColumns.keys());
  const active = series.values.active_units;

  // Per epoch: the KL of each dimension (index j − 1) and the active units, from every point of that epoch.
  const byEpoch = new Map<number, { kl: (number | null)[]; active: number | null }>();
  for (let i = 0; i < series.epoch.length; i++) {
    const epoch = series.epoch[i];
    const units = finite(active?.[i]);
    const values = Array.from({ length: latentDim }, (_, j) => finite(dimColumns.get(j + 1)?.[i]));
    if (units === null && values.every((v) => v === null)) continue;
    const entry = byEpoch.get(epoch) ?? { kl: Array<number | null>(latentDim).fill(null), active: null };
    values.forEach((v, j) => {
      if (v !== null) entry.kl[j] = v;
    });
    if (units !== null) entry.active = units;
    byEpoch.set(epoch, entry);
  }
  const withKl = [...byEpoch.keys()].filter((e) => byEpoch.get(e)!.kl.some((v) => v !== null));
  if (withKl.length === 0) return null;
  const finalEpoch = Math.max(...withKl);

  const { epochs, thinned } = columnsFor([...byEpoch.keys()].sort((a, b) => a - b));
  const final = byEpoch.get(finalEpoch)!.kl;
  // Largest final KL first; a dimension without a final value goes after every one with it.
  const dims = Array.from({ length: latentDim }, (_, j) => j + 1).sort((a, b) => {
    const ka = final[a - 1];
    const kb = final[b - 1];
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    return kb - ka || a - b;
  });
  const kl = dims.map((d) => epochs.map((e) => byEpoch.get(e)?.kl[d - 1] ?? null));
  const values = kl.flat().filter((v): v is number => v !== null);
  const activeUnits = epochs.map((e) => byEpoch.get(e)?.active ?? null);
  return {
    latentDim,
    dims,
    rowLabels: dims.map((d) => `z${d}`),
    epochs,
    kl,
    finalEpoch,
    activeUnits,
    hasActiveUnits: activeUnits.some((v) => v !== null),
    hasMissing: values.length < dims.length * epochs.length,
    minKl: Math.min(...values),
    maxKl: Math.max(...values),
    thinned,
  };
}

/** A KL in nats as the tooltip shows it: two decimals, or two significant digits below 0.01 so a collapsed 3e-4 is not "0.00". */
export function formatKl(value: number | null): string {
  if (value === null) return 'no value';
  if (value === 0) return '0';
  return Math.abs(value) >= 0.01 ? value.toFixed(2) : formatSignificant(value, 2);
}

/** The heatmap tooltip of a cell: `z3 · epoch 7: 0.84 nats`. */
export function cellTooltip(model: KlHeatmapModel, row: number, column: number): string {
  const value = model.kl[row]?.[column] ?? null;
  return `${model.rowLabels[row]} · epoch ${model.epochs[column]}: ${formatKl(value)}${value === null ? '' : ' nats'}`;
}

/** The active-units tooltip of a column: `epoch 7: 5 of 8 dimensions active`. */
export function activeUnitsTooltip(model: KlHeatmapModel, column: number): string {
  const units = model.activeUnits[column] ?? null;
  return `epoch ${model.epochs[column]}: ${units === null ? 'not recorded' : `${units} of ${model.latentDim} dimensions active`}`;
}

const TEXT = '#9aa7b4';
const AXIS_LINE = '#3a4754';
const GRID_LINE = '#26313c';
/** Empty (null) cells show the grid's background: a grey no colour of the scale comes near. */
const NO_VALUE = '#262f39';
/** Viridis, dark to bright: a collapsed dimension (KL ≈ 0) is the darkest row. */
const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
/**
 * Both charts share their left and right margins so that the active-units points sit under the heatmap's epoch
 * columns; the right margin holds the heatmap's colour legend.
 */
const GRID_SIDES = { left: 52, right: 92 };
const TOOLTIP = {
  confine: true,
  className: 'chart-tooltip',
  backgroundColor: '#1d2630',
  borderColor: '#2a3642',
  textStyle: { color: '#e6edf3', fontSize: 12 },
};

/** Heatmap height in px: about 18 px a row, within 150–420 px (beyond ~20 dimensions rows get thinner). */
export function heatmapHeight(model: KlHeatmapModel): number {
  return Math.round(Math.min(420, Math.max(150, 56 + 18 * model.dims.length)));
}

const epochAxis = (model: KlHeatmapModel) => ({
  type: 'category',
  data: model.epochs.map(String),
  name: 'epoch',
  nameLocation: 'middle',
  nameGap: 24,
  nameTextStyle: { color: TEXT },
  axisLabel: { color: TEXT },
  axisLine: { lineStyle: { color: AXIS_LINE } },
  axisTick: { alignWithLabel: true },
});

/** The ECharts option of the heatmap: x the epoch columns, y the dimensions (largest final KL on top), colour KL. */
export function klHeatmapOption(model: KlHeatmapModel): Record<string, unknown> {
  const cells: [number, number, number][] = [];
  model.kl.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) cells.push([c, r, v]);
    }),
  );
  // Analytic KL is ≥ 0, but a rounding error can dip below; the scale starts at 0 unless a value is lower.
  const min = Math.min(0, model.minKl);
  const max = model.maxKl > min ? model.maxKl : min + 1;
  const height = heatmapHeight(model);
  const bordered = model.epochs.length <= 60 && model.dims.length <= 40;
  return {
    animation: false,
    grid: { ...GRID_SIDES, top: 8, bottom: 36, show: true, backgroundColor: NO_VALUE, borderWidth: 0 },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p: { data?: [number, number, number] }) => (p.data ? cellTooltip(model, p.data[1], p.data[0]) : ''),
    },
    xAxis: { ...epochAxis(model), splitArea: { show: false } },
    yAxis: {
      type: 'category',
      data: model.rowLabels,
      // The first row (largest final KL) on top.
      inverse: true,
      axisLabel: { color: TEXT },
      axisLine: { lineStyle: { color: AXIS_LINE } },
      axisTick: { show: false },
      splitArea: { show: false },
    },
    visualMap: {
      type: 'continuous',
      dimension: 2,
      min,
      max,
      calculable: true,
      orient: 'vertical',
      right: 6,
      top: 'middle',
      itemWidth: 12,
      itemHeight: Math.max(60, Math.min(160, height - 80)),
      text: ['nats', ''],
      textGap: 6,
      textStyle: { color: TEXT, fontSize: 11 },
      formatter: (v: number) => formatSignificant(v, 3),
      inRange: { color: VIRIDIS },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        itemStyle: bordered ? { borderColor: '#161d24', borderWidth: 1 } : {},
        emphasis: { itemStyle: { borderColor: '#e6edf3', borderWidth: 1 } },
      },
    ],
  };
}

/**
 * The active-units axis's tick step: the smallest whole number that divides K into at most 7 steps, so every tick,
 * K included, is a whole number and the axis ends on a tick (K = 8: 0, 2, 4, 6, 8; a prime K > 7: 0 and K).
 */
export function activeUnitsTickStep(latentDim: number): number {
  for (let step = 1; step < latentDim; step++) if (latentDim % step === 0 && latentDim / step <= 7) return step;
  return Math.max(1, latentDim);
}

/** The ECharts option of the active-units line: y from 0 to K with whole-number ticks, x the heatmap's columns. */
export function activeUnitsOption(model: KlHeatmapModel): Record<string, unknown> {
  return {
    animation: false,
    grid: { ...GRID_SIDES, top: 10, bottom: 36 },
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      axisPointer: { type: 'line', lineStyle: { color: '#6f7e8c' } },
      formatter: (params: { dataIndex: number }[] | { dataIndex: number }) => {
        const first = Array.isArray(params) ? params[0] : params;
        return first ? activeUnitsTooltip(model, first.dataIndex) : '';
      },
    },
    xAxis: { ...epochAxis(model), splitLine: { show: false } },
    yAxis: {
      type: 'value',
      min: 0,
      max: model.latentDim,
      interval: activeUnitsTickStep(model.latentDim),
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        name: 'active units',
        type: 'line',
        // An epoch without a value is a break in the line, not a point at 0.
        connectNulls: false,
        showSymbol: model.epochs.length <= 60,
        symbolSize: 5,
        lineStyle: { width: 1.8, color: '#6fdc8c' },
        itemStyle: { color: '#6fdc8c' },
        data: model.activeUnits,
      },
    ],
  };
}
