import type { ImageBatch, MetricSeries, RunDetail } from '../../../src-shared/contract/types';
import { isDisentanglementMetric } from '../../../src-shared/metrics/disentanglement';
import { metricDirection } from '../../../src-shared/metrics/metric-direction';

/**
 * What the compare view shows, as pure functions of the runs' details: which metric panels, which runs lack
 * a metric, the final/best table with the best run per row. No DOM and no Vue: unit-tested in Node.
 */

/** Recorded once as a marker, not a curve or a score. */
const FLAGS = new Set(['early_stopped']);

/** Panels in the order a researcher reads them; any other metric follows alphabetically. */
const STEP_ORDER = ['loss', 'recon', 'kl', 'kl_weight'];
const EPOCH_ORDER = [
  'val_loss',
  'train_loss',
  'val_recon',
  'val_kl',
  'val_elbo',
  'val_iwae',
  'val_iwae_elbo',
  'active_units',
  'val_mse',
  'psnr',
  'psnr_noisy',
  'psnr_denoised',
  'explained_variance',
  'principal_angle_max_deg',
  'encoder_principal_angle_max_deg',
];

/** A metric of the dataset's fixed test split (test_loss, test_psnr): one value per run, scored when it finished. */
export const isTestMetric = (name: string): boolean => name.startsWith('test_');

/** One value per run, scored with its final weights (test split, disentanglement): a table row, not a curve, and no "best". */
export const isFinalScore = (name: string): boolean => isTestMetric(name) || isDisentanglementMetric(name);

/** KL of one latent dimension (kl_dim_3): one per dimension, so folded away by default. */
export const isPerDimensionMetric = (name: string): boolean => /^kl_dim_\d+$/.test(name);

function metricOrder(order: readonly string[]) {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i >= 0 ? i : order.length;
  };
  const dim = (name: string) => Number(/(\d+)$/.exec(name)?.[1] ?? 0);
  return (p: string, q: string) =>
    rank(p) - rank(q) || (isPerDimensionMetric(p) && isPerDimensionMetric(q) ? dim(p) - dim(q) : p.localeCompare(q));
}

/** Whether a series recorded the metric at least once (a column of NaN padding is not a recording). */
export function hasMetric(series: MetricSeries | undefined, metric: string): boolean {
  return !!series?.values[metric]?.some((v) => !Number.isNaN(v));
}

export interface MetricPanel {
  metric: string;
  scope: 'step' | 'epoch';
  /** Ids of the runs that recorded it, in compare order. */
  present: number[];
  /** Ids of the runs that did not: drawn as absent, never as zero. */
  absent: number[];
}

/** One panel per metric any run recorded, per scope; every run with the metric is a curve in it. */
export function metricPanels(runs: readonly Pick<RunDetail, 'id' | 'steps' | 'epochs'>[], scope: 'step' | 'epoch'): MetricPanel[] {
  const pick = (r: (typeof runs)[number]) => (scope === 'step' ? r.steps : r.epochs);
  const names = new Set<string>();
  // Test metrics and disentanglement scores are one number per run, not a curve: the metrics table shows them apart.
  for (const r of runs) for (const name of Object.keys(pick(r)?.values ?? {})) if (!FLAGS.has(name) && !isFinalScore(name)) names.add(name);
  return [...names]
    .filter((name) => runs.some((r) => hasMetric(pick(r), name)))
    .sort(metricOrder(scope === 'step' ? STEP_ORDER : EPOCH_ORDER))
    .map((metric) => ({
      metric,
      scope,
      present: runs.filter((r) => hasMetric(pick(r), metric)).map((r) => r.id),
      absent: runs.filter((r) => !hasMetric(pick(r), metric)).map((r) => r.id),
    }));
}

/** Optimizer steps per epoch of a run, from its first held-out point (recorded at the end of an epoch). */
export function stepsPerEpochOf(run: Pick<RunDetail, 'epochs'>): number | undefined {
  const { step, epoch } = run.epochs;
  for (let i = 0; i < step.length; i++) if (epoch[i] > 0 && step[i] > 0) return step[i] / epoch[i];
  return undefined;
}

/**
 * Indices of the best finite values (ties all win): lowest or highest per the metric's direction.
 * Nothing is best when the direction is unknown or fewer than two runs have the metric.
 */
export function bestIndices(values: readonly (number | null)[], direction: 'lower' | 'higher' | null): number[] {
  if (!direction) return [];
  const finite = values.map((v, i) => ({ v, i })).filter((e): e is { v: number; i: number } => e.v !== null && Number.isFinite(e.v));
  if (finite.length < 2) return [];
  const target = direction === 'lower' ? Math.min(...finite.map((e) => e.v)) : Math.max(...finite.map((e) => e.v));
  return finite.filter((e) => e.v === target).map((e) => e.i);
}

export interface MetricRow {
  metric: string;
  kind: 'final' | 'best';
  direction: 'lower' | 'higher' | null;
  /** One entry per run, in compare order; null where the run did not record the metric. */
  values: (number | null)[];
  best: number[];
}

/** Final and best value of every epoch-level metric, one row each, the best run of each row marked. */
export function metricsTable(runs: readonly Pick<RunDetail, 'final' | 'best'>[]): MetricRow[] {
  const names = new Set<string>();
  for (const r of runs) for (const name of [...Object.keys(r.final), ...Object.keys(r.best)]) if (!FLAGS.has(name)) names.add(name);
  const rows: MetricRow[] = [];
  // Validation metrics first, then the test split's, in the same order; a test metric has one value, so no "best".
  const byOrder = metricOrder(EPOCH_ORDER);
  const ordered = [...names].sort((a, b) => Number(isTestMetric(a)) - Number(isTestMetric(b)) || byOrder(a.replace(/^test_/, 'val_'), b.replace(/^test_/, 'val_')));
  for (const metric of ordered) {
    const direction = metricDirection(metric);
    for (const kind of isFinalScore(metric) ? (['final'] as const) : (['final', 'best'] as const)) {
      const values = runs.map((r) => (metric in r[kind] ? r[kind][metric] : null));
      if (values.every((v) => v === null)) continue;
      rows.push({ metric, kind, direction, values, best: bestIndices(values, direction) });
    }
  }
  return rows;
}

/** Whether two batches hold the same images (same shape and bytes): runs on the same validation split. */
export function sameImages(a: ImageBatch | null, b: ImageBatch | null): boolean {
  if (!a || !b || a.count !== b.count || a.width !== b.width || a.height !== b.height || a.channels !== b.channels) return false;
  if (a.pixels.length !== b.pixels.length) return false;
  for (let i = 0; i < a.pixels.length; i++) if (a.pixels[i] !== b.pixels[i]) return false;
  return true;
}

/** A config value as a table cell: numbers and strings as they are, lists and objects as compact JSON. */
export function formatConfigValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}
