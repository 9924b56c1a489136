import type { RunConfig } from '../../src-shared/config/run-config';
import type { BackendReport, ImageBatch, MetricPoint, RunProgress } from '../../src-shared/contract/types';
import type { DatasetSource } from '../../src-shared/datasets/types';

/**
 * Messages between the host and the trainer process. Typed arrays travel natively: Node's child process
 * channel uses 'advanced' (structured clone) serialization, and Electron's utilityProcess does the same.
 */
export type HostToTrainer =
  | { type: 'train'; runId: number; config: RunConfig; dataset: DatasetSource; runDir: string; resume?: boolean }
  | { type: 'control'; runId: number; action: 'pause' | 'resume' | 'stop' }
  | { type: 'request'; reqId: number; request: TrainerRequest }
  | { type: 'shutdown' };

export type TrainerRequest =
  | { op: 'session.open'; sessionId: string; config: RunConfig; dataset: DatasetSource; weightsPath: string }
  | { op: 'session.candidates'; sessionId: string; count: number }
  | { op: 'session.interpolate'; sessionId: string; a: number; b: number; t: number }
  | { op: 'session.close'; sessionId: string }
  | { op: 'debug.tensors' };

export interface TrainerReplies {
  'session.open': { latentDim: number; candidates: number };
  'session.candidates': ImageBatch;
  'session.interpolate': ImageBatch;
  'session.close': { ok: true };
  'debug.tensors': { numTensors: number; numBytes: number };
}

export type TrainerToHost =
  | { type: 'ready'; backend: BackendReport }
  | { type: 'run.started'; runId: number; params: number; totalSteps: number; backend: BackendReport['chosen'] }
  | { type: 'run.progress'; progress: RunProgress }
  | { type: 'run.metrics'; runId: number; points: MetricPoint[] }
  | { type: 'run.checkpoint'; runId: number; epoch: number; weightsPath: string }
  | { type: 'run.paused'; runId: number }
  | { type: 'run.resumed'; runId: number }
  | { type: 'run.finished'; runId: number; status: 'completed' | 'stopped' | 'failed'; error: string | null }
  | { type: 'reply'; reqId: number; ok: true; result: unknown }
  | { type: 'reply'; reqId: number; ok: false; error: string };

/** The file a checkpoint writes last (see trainer/checkpoint.ts): its presence means a run can be resumed. */
export const CHECKPOINT_STATE_FILE = 'state.json';
