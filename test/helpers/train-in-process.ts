import '@tensorflow/tfjs-backend-wasm';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import type { RunConfig, RunConfigInput } from '../../src-shared/config/run-config';
import type { BackendName, MetricPoint } from '../../src-shared/contract/types';
import { DEFAULT_VALIDATION_SPLIT } from '../../src-shared/datasets/builtin';
import type { DatasetSource } from '../../src-shared/datasets/types';
import type { TrainerToHost } from '../../src-main/trainer/protocol';
import { RunControl } from '../../src-main/trainer/run-control';
import { trainRun } from '../../src-main/trainer/train-run';
import { selectBackend } from '../../src-main/trainer/backend';

/** The embedded default backend, set up as the trainer sets it up (SIMD kernels included), in this process. */
export async function useWasm(): Promise<void> {
  const report = await selectBackend('wasm');
  if (report.chosen !== 'wasm') throw new Error(`wasm backend did not start: ${JSON.stringify(report.skipped)}`);
}

export interface InProcessRun {
  /** The config as the trainer read it (defaults filled in). */
  config: RunConfig;
  /** The weights file of the last checkpoint written, if any. */
  weightsPath: string | null;
  status: string;
  error: string | null;
  steps: MetricPoint[];
  epochs: MetricPoint[];
  final: Record<string, number>;
}

/**
 * A stop request that arrives after exactly `steps` training steps, whatever the machine's speed: the training loop
 * reads `stopping` once before each step, so the read after the `steps`-th says yes. (A stop on the metrics the run
 * sends would depend on when its throttled reports go out.)
 */
class StopAfterSteps extends RunControl {
  private reads = 0;

  constructor(private readonly steps: number) {
    super();
  }

  override get stopping(): boolean {
    return super.stopping || ++this.reads > this.steps;
  }
}

/** Runs the trainer's own training loop in this process and collects what it would send the host. */
/**
 * `backend`: the name the run records (the caller activates it); `resume`: continue from the run dir's checkpoint;
 * `stopAtStep`: the run is asked to stop (it checkpoints and reports 'stopped') right after that many training steps.
 */
export interface InProcessOptions {
  backend?: BackendName;
  resume?: boolean;
  stopAtStep?: number;
}

export async function trainInProcess(config: RunConfigInput, runDir: string, dataset?: DatasetSource, options: InProcessOptions = {}): Promise<InProcessRun> {
  const backend = options.backend ?? 'wasm';
  const parsed = parseRunConfig(config);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const c = parsed.config;
  const source: DatasetSource = dataset ?? {
    kind: 'builtin',
    id: c.dataset.id,
    size: c.dataset.size ?? 2048,
    validationSplit: c.dataset.validationSplit ?? DEFAULT_VALIDATION_SPLIT,
  };
  const messages: TrainerToHost[] = [];
  const control = options.stopAtStep === undefined ? new RunControl() : new StopAfterSteps(options.stopAtStep);
  // As the host does: every metric point sent before 'run.commit' is recorded, so the checkpoint may be written.
  await trainRun({ runId: 1, config: c, dataset: source, runDir, backend, backendDetail: `${backend} (test)`, resume: options.resume }, control, (m) => {
    messages.push(m);
    if (m.type === 'run.commit') control.committed({ type: 'run.committed', runId: m.runId, step: m.step, ok: true });
  });
  const points = messages.flatMap((m) => (m.type === 'run.metrics' ? m.points : []));
  const finished = messages.find((m) => m.type === 'run.finished') as Extract<TrainerToHost, { type: 'run.finished' }>;
  const epochs = points.filter((p) => p.scope === 'epoch');
  const checkpoints = messages.filter((m): m is Extract<TrainerToHost, { type: 'run.checkpoint' }> => m.type === 'run.checkpoint');
  return {
    config: c,
    weightsPath: checkpoints.at(-1)?.weightsPath ?? null,
    status: finished.status,
    error: finished.error,
    steps: points.filter((p) => p.scope === 'step'),
    epochs,
    final: Object.assign({}, ...epochs.map((p) => p.values)) as Record<string, number>,
  };
}
