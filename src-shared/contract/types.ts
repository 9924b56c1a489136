import type { RunConfig } from '../config/run-config';
import type { FieldIssue } from '../config/issues';
import type { DatasetDetail, DatasetInfo } from '../datasets/types';
import type { Preset } from '../config/presets';
import type { SweepSpec } from '../sweeps/sweep-spec';

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused'];

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Which compute backend the trainer picked, and why each better one was skipped. */
export interface BackendReport {
  chosen: BackendName;
  /** Human description, e.g. "tfjs-backend-wasm (SIMD, 1 thread)". */
  detail: string;
  skipped: { backend: BackendName; reason: string }[];
}

export interface RunSummary {
  id: number;
  name: string;
  status: RunStatus;
  family: string;
  datasetId: string;
  /** The dataset's display name (its id when the dataset is gone). */
  datasetName: string;
  /** Architecture in a few words: "MLP 256-128 · z=8", "conv 3+4 layers · z=16", "PCA k=2". */
  architecture: string;
  /** The sweep this run belongs to, if any. */
  sweepId: number | null;
  /** Place in the queue (lower trains first) while the run is queued; null otherwise. */
  queuePosition: number | null;
  tags: string[];
  notes: string;
  /** The full run config, so tables can show any field and "Re-run with changes" can start from it. */
  config: RunConfig;
  latentDim: number;
  /** β of a VAE's objective; null for families without a KL term. */
  beta: number | null;
  backend: BackendName | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Last value of each epoch-level metric, e.g. { val_loss: 123.4 }. */
  final: Record<string, number>;
  /** Best value of each epoch-level metric over the run (lowest or highest, per metricDirection). */
  best: Record<string, number>;
}

/** One metric point: several named values recorded at the same step. */
export interface MetricPoint {
  scope: 'step' | 'epoch';
  step: number;
  epoch: number;
  values: Record<string, number>;
  /** Wall-clock time the trainer recorded the point at, in ms since the Unix epoch (TensorBoard's wall_time). */
  time?: number;
}

/** Column-oriented series for plotting: x values and one array per metric name. */
export interface MetricSeries {
  step: number[];
  epoch: number[];
  values: Record<string, number[]>;
  /**
   * Wall-clock time of each point in ms since the Unix epoch; NaN for points recorded before times were kept.
   * Absent when no point of the series has one.
   */
  time?: number[];
}

export interface RunDetail extends RunSummary {
  params: number;
  /** Per-step series, downsampled on the host to at most `maxPoints` points (min and max per bucket kept). */
  steps: MetricSeries;
  /** How many step points the run has in the history (the CSV has all of them). */
  totalStepPoints: number;
  epochs: MetricSeries;
  hasWeights: boolean;
}

/** Which columns a runs query sorts by: a summary field, `config.<path>`, `final.<metric>` or `best.<metric>`. */
export interface RunsQuery {
  /** Case-insensitive text matched against name, tags, family, dataset, status and notes. */
  filter?: string;
  sweepId?: number;
  status?: RunStatus[];
  sort?: { key: string; direction: 'asc' | 'desc' };
}

export interface SweepSummary {
  id: number;
  name: string;
  createdAt: string;
  method: 'grid' | 'random';
  /** The swept fields (dotted config paths) in the order given. */
  fields: string[];
  runCount: number;
  counts: Record<RunStatus, number>;
}

export interface SweepDetail extends SweepSummary {
  /** The sweep as submitted (base config and parameters). */
  spec: SweepSpec;
  runs: RunSummary[];
}

export interface Settings {
  /** Runs trained at once, each in its own trainer process. */
  maxConcurrentRuns: number;
}

export interface RunProgress {
  runId: number;
  epoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
  samplesPerSec: number;
  etaSec: number;
}

/** A grayscale or RGB image batch as bytes, N×H×W×C, row-major. */
export interface ImageBatch {
  count: number;
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
  /** Class name of each image, when the dataset has class labels. */
  labels?: (string | null)[];
}

/** Samples of a vector dataset, for scatter plots: count × dims values and one known factor per point, if any. */
export interface PointSet {
  count: number;
  dims: number;
  values: Float32Array;
  factor: Float32Array | null;
  factorName: string | null;
}

export interface SystemInfo {
  version: string;
  dataDir: string;
  transport: 'ipc' | 'websocket' | 'cli';
  backend: BackendReport | null;
  trainer: TrainerState;
}

export type TrainerState = 'idle' | 'starting' | 'ready' | 'crashed';

export interface LatentSessionInfo {
  sessionId: string;
  runId: number;
  latentDim: number;
  datasetId: string;
  /** How many validation images the picker can choose from. */
  candidates: number;
}

export interface LatentFrame {
  seq: number;
  t: number;
  /** True when a newer request arrived before this one was decoded: no frame, nothing to draw. */
  dropped: boolean;
  frame: ImageBatch | null;
}

export interface ApiErrorShape {
  /** `disk_full`: the disk holding the data dir has no room left (the message names the folder and free space). */
  code: 'invalid_input' | 'not_found' | 'conflict' | 'cancelled' | 'trainer_failed' | 'internal' | 'unknown_method' | 'disk_full' | 'needs_confirmation';
  message: string;
  issues?: FieldIssue[];
}

export type { DatasetDetail, DatasetInfo, Preset, RunConfig, FieldIssue, SweepSpec };
