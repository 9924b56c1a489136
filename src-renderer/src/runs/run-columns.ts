import type { RunSummary } from '../../../src-shared/contract/types';
import { isDisentanglementMetric } from '../../../src-shared/metrics/disentanglement';
import { runSortValue } from '../../../src-shared/runs/query-runs';
import { formatSignificant } from '../format';

/**
 * The runs table's columns. A column's key is also the host's sort key (`runs.list` sort): a summary field
 * (`datasetName`), a config field (`config.objective.beta`), or a metric's last or best value (`final.val_loss`,
 * `best.val_loss`). Pure (no DOM), so it is unit-tested in Node.
 */
export type ColumnGroup = 'run' | 'config' | 'final' | 'best' | 'test';

export interface ColumnDef {
  key: string;
  /** Short header text. */
  label: string;
  /** What the header's tooltip says: the full field path or metric name. */
  title: string;
  group: ColumnGroup;
  numeric: boolean;
}

/** Summary fields a user may show; `#` and the name are always shown. */
const RUN_COLUMNS: ColumnDef[] = [
  { key: 'status', label: 'Status', title: 'status', group: 'run', numeric: false },
  { key: 'architecture', label: 'Architecture', title: 'architecture summary', group: 'run', numeric: false },
  { key: 'datasetName', label: 'Dataset', title: 'dataset', group: 'run', numeric: false },
  { key: 'family', label: 'Family', title: 'model family', group: 'run', numeric: false },
  { key: 'latentDim', label: 'z', title: 'latent size', group: 'run', numeric: true },
  { key: 'beta', label: 'β', title: 'β, the KL weight of a VAE (none for families without a KL term)', group: 'run', numeric: true },
  { key: 'tags', label: 'Tags', title: 'tags', group: 'run', numeric: false },
  { key: 'sweepId', label: 'Sweep', title: 'the sweep the run belongs to', group: 'run', numeric: true },
  { key: 'backend', label: 'Backend', title: 'compute backend', group: 'run', numeric: false },
  { key: 'createdAt', label: 'Created', title: 'created', group: 'run', numeric: false },
  { key: 'startedAt', label: 'Started', title: 'started', group: 'run', numeric: false },
  { key: 'finishedAt', label: 'Finished', title: 'finished', group: 'run', numeric: false },
];

export const FIXED_COLUMNS: ColumnDef[] = [
  { key: 'id', label: '#', title: 'run id', group: 'run', numeric: true },
  { key: 'name', label: 'Name', title: 'name', group: 'run', numeric: false },
];

export const DEFAULT_COLUMNS = [
  'status',
  'architecture',
  'datasetName',
  'latentDim',
  'beta',
  'final.val_loss',
  'final.val_elbo',
  'createdAt',
];

/** Names researchers use for the most swept fields; other fields show their last key (full path in the tooltip). */
const FIELD_LABELS: Record<string, string> = {
  'model.latentDim': 'z',
  'objective.beta': 'β',
  'training.learningRate': 'lr',
  'training.batchSize': 'batch',
  'dataset.size': 'samples',
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? path.split('.').slice(-1)[0];
}

/** Metrics whose names are not words: how researchers write them. */
const METRIC_LABELS: Record<string, string> = { mig: 'MIG', beta_vae_score: 'BetaVAE score' };

/** What a disentanglement score is, for its column's tooltip. */
const SCORE_TITLES: Record<string, string> = {
  mig: "mig: Mutual Information Gap (Chen et al. 2018) of the mean codes against the sprites' known factors, 0–1, higher is better; scored once, with the final weights",
  beta_vae_score:
    'beta_vae_score: BetaVAE score (Higgins et al. 2017), held-out accuracy of a linear classifier naming the factor a batch of pairs shares, 0–1 (chance 0.2), higher is better; scored once, with the final weights',
};

export function metricLabel(name: string): string {
  return METRIC_LABELS[name] ?? name.replace(/_/g, ' ');
}

/** The column a key names, whether or not any listed run has a value for it. */
export function columnDef(key: string): ColumnDef {
  const known = [...FIXED_COLUMNS, ...RUN_COLUMNS].find((c) => c.key === key);
  if (known) return known;
  if (key.startsWith('config.')) {
    const path = key.slice('config.'.length);
    return { key, label: fieldLabel(path), title: path, group: 'config', numeric: false };
  }
  if (key.startsWith('final.test_')) {
    const name = key.slice('final.'.length);
    return { key, label: metricLabel(name), title: `${name}, on the dataset's test split (scored once, with the final weights)`, group: 'test', numeric: true };
  }
  if (key.startsWith('final.')) {
    const name = key.slice('final.'.length);
    return { key, label: metricLabel(name), title: SCORE_TITLES[name] ?? `${name}, last epoch`, group: 'final', numeric: true };
  }
  if (key.startsWith('best.')) {
    const name = key.slice('best.'.length);
    return { key, label: `best ${metricLabel(name)}`, title: `${name}, best epoch`, group: 'best', numeric: true };
  }
  return { key, label: key, title: key, group: 'run', numeric: false };
}

/**
 * Every column the listed runs can fill: the summary fields, each config field that `flatten` finds in any run's
 * config (dotted paths to leaf values), and each metric any run reports, last and best.
 */
export function availableColumns(runs: RunSummary[], flatten: (config: RunSummary['config']) => Record<string, unknown>): ColumnDef[] {
  const paths = new Set<string>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const path of Object.keys(flatten(run.config))) paths.add(path);
    for (const name of [...Object.keys(run.final), ...Object.keys(run.best)]) metrics.add(name);
  }
  const sortedMetrics = [...metrics].sort();
  return [
    ...RUN_COLUMNS,
    ...[...paths].sort().map((p) => columnDef(`config.${p}`)),
    ...sortedMetrics.map((m) => columnDef(`final.${m}`)),
    // A test metric or a disentanglement score has one value: no "best" of it.
    ...sortedMetrics.filter((m) => !m.startsWith('test_') && !isDisentanglementMetric(m)).map((m) => columnDef(`best.${m}`)),
  ];
}

/**
 * A cell's text; an absent value (a metric the run never reported) is a dash, never zero. Metrics show 4
 * significant digits, as everywhere in the app; config values show as written (0.0003, not 3.000e-4).
 */
export function cellText(run: RunSummary, key: string, formatTime: (iso: string) => string): string {
  const value = runSortValue(run, key);
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'number') return /^(final|best)\./.test(key) ? formatSignificant(value) : String(value);
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(key === 'tags' ? ', ' : '-');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' && key.endsWith('At') && !key.startsWith('config.')) return formatTime(value);
  return String(value);
}
