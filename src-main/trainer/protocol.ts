import type { RunConfig } from '../../src-shared/config/run-config';
import type { BackendReport, ImageBatch, LatentManifold, LatentProjection, LatentSessionInfo, LatentTraversal, MetricPoint, RunProgress, ValidationPage, VectorField } from '../../src-shared/contract/types';
import type { LabelNames } from './latent-sessions';
import type { DisentanglementReport } from '../../src-shared/metrics/disentanglement';
import type { DatasetSource } from '../../src-shared/datasets/types';
import type { ExportJob, ExportOutcome } from './export/export-job';
import type { InterpolationPath } from '../../src-shared/latent/interpolation';

/**
 * Messages between the host and the trainer process. Typed arrays travel natively: Node's child process
 * channel uses 'advanced' (structured clone) serialization, and Electron's utilityProcess does the same.
 */
export type HostToTrainer =
  | { type: 'train'; runId: number; config: RunConfig; dataset: DatasetSource; runDir: string; resume?: boolean }
  | { type: 'control'; runId: number; action: 'pause' | 'resume' | 'stop' }
  /** Answer to 'run.commit': the host has written every metric point up to `step` (ok), or could not (the error says why). */
  | { type: 'run.committed'; runId: number; step: number; ok: true }
  | { type: 'run.committed'; runId: number; step: number; ok: false; error: string }
  | { type: 'request'; reqId: number; request: TrainerRequest }
  | { type: 'shutdown' };

export type TrainerRequest =
  /** `labelNames`: the dataset's class and factor names (the host's catalogue), for the projector's colours. */
  | { op: 'session.open'; sessionId: string; config: RunConfig; dataset: DatasetSource; weightsPath: string; labelNames: LabelNames }
  | { op: 'session.candidates'; sessionId: string; count: number }
  | { op: 'session.interpolate'; sessionId: string; a: number; b: number; t: number; path: InterpolationPath }
  | { op: 'session.close'; sessionId: string }
  | { op: 'session.reconstruct'; sessionId: string; indices: number[] }
  | { op: 'session.samples'; sessionId: string; seed: number; count: number }
  | { op: 'session.vectorField'; sessionId: string; count: number; seed: number; grid: number }
  /** `kl`: the run's last-epoch KL per latent dimension (kl_dim_1 …), which orders the rows; null when it has none. */
  | { op: 'session.traversal'; sessionId: string; index: number; range: number; steps: number; maxRows: number; kl: number[] | null }
  | { op: 'session.manifold'; sessionId: string; side: number }
  | { op: 'session.project'; sessionId: string; count: number; method: LatentProjection['method'] }
  | { op: 'session.page'; sessionId: string; offset: number; count: number; label?: string }
  /** Writes an export into job.dir; progress comes as 'export.progress' messages until the reply. */
  | { op: 'export.run'; job: ExportJob }
  | { op: 'export.cancel'; exportId: string }
  /** Scores a finished run's saved weights on its dataset's test split. */
  | { op: 'test.evaluate'; config: RunConfig; dataset: DatasetSource; weightsPath: string }
  /** Scores a finished sprites run's saved weights for disentanglement (MIG, BetaVAE score). */
  | { op: 'disentanglement.score'; config: RunConfig; weightsPath: string }
  | { op: 'debug.tensors' };

export interface TrainerReplies {
  'session.open': Pick<LatentSessionInfo, 'latentDim' | 'candidates' | 'dataKind' | 'sampleShape'>;
  'session.candidates': ImageBatch;
  'session.interpolate': ImageBatch;
  'session.close': { ok: true };
  'session.reconstruct': { inputs: ImageBatch; outputs: ImageBatch };
  'session.samples': ImageBatch;
  'session.vectorField': VectorField;
  'session.traversal': LatentTraversal;
  'session.manifold': LatentManifold;
  'session.project': LatentProjection;
  'session.page': ValidationPage;
  'export.run': ExportOutcome;
  'export.cancel': { cancelled: boolean };
  'test.evaluate': Record<string, number>;
  'disentanglement.score': DisentanglementReport;
  'debug.tensors': { numTensors: number; numBytes: number };
}

export type TrainerToHost =
  | { type: 'ready'; backend: BackendReport }
  /** `resumedFromStep`: the step of the checkpoint a resumed run continues from (the host drops later points). */
  | {
      type: 'run.started';
      runId: number;
      params: number;
      totalSteps: number;
      backend: BackendReport['chosen'];
      /** The backend's kernels in words (BackendReport.detail), recorded with the run's training session. */
      backendDetail: string;
      resumedFromStep?: number;
    }
  | { type: 'run.progress'; progress: RunProgress }
  | { type: 'run.metrics'; runId: number; points: MetricPoint[] }
  /**
   * Sent after the metrics it covers (a checkpoint is only written once the host has answered 'run.committed'
   * for its step, so a checkpoint is never ahead of the history): the host flushes every point up to `step`.
   */
  | { type: 'run.commit'; runId: number; step: number }
  /** A checkpoint set was committed: `weightsPath` is its weights file (inside the step's checkpoint folder). */
  | { type: 'run.checkpoint'; runId: number; epoch: number; step: number; weightsPath: string }
  | { type: 'run.paused'; runId: number }
  | { type: 'run.resumed'; runId: number }
  | { type: 'run.finished'; runId: number; status: 'completed' | 'stopped' | 'failed'; error: string | null }
  | { type: 'export.progress'; exportId: string; phase: string; done: number; total: number }
  | { type: 'reply'; reqId: number; ok: true; result: unknown }
  | { type: 'reply'; reqId: number; ok: false; error: string };
