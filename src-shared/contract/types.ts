import type { RunConfig } from '../config/run-config';
import type { FieldIssue } from '../config/issues';
import type { DatasetDetail, DatasetInfo } from '../datasets/types';
import type { Preset } from '../config/presets';

export type RunStatus = 'queued' | 'running' | 'paused' | 'completed' | 'stopped' | 'failed' | 'interrupted';
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
}

/** One metric point: several named values recorded at the same step. */
export interface MetricPoint {
  scope: 'step' | 'epoch';
  step: number;
  epoch: number;
  values: Record<string, number>;
}

/** Column-oriented series for plotting: x values and one array per metric name. */
export interface MetricSeries {
  step: number[];
  epoch: number[];
  values: Record<string, number[]>;
}

export interface RunDetail extends RunSummary {
  config: RunConfig;
  params: number;
  steps: MetricSeries;
  epochs: MetricSeries;
  hasWeights: boolean;
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
  code: 'invalid_input' | 'not_found' | 'conflict' | 'cancelled' | 'trainer_failed' | 'internal' | 'unknown_method';
  message: string;
  issues?: FieldIssue[];
}

export type { DatasetDetail, DatasetInfo, Preset, RunConfig, FieldIssue };
