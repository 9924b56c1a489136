import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import { summarizeModel } from '../../src-shared/model-spec/model-summary';
import { ApiError } from '../../src-shared/contract/api-error';
import { ACTIVE_RUN_STATUSES, type MetricPoint, type RunDetail, type RunSummary } from '../../src-shared/contract/types';
import type { MetricsRepo } from '../store/metrics-repo';
import type { RunRecord, RunsRepo } from '../store/runs-repo';
import { CHECKPOINT_STATE_FILE, type HostToTrainer, type TrainerToHost } from '../trainer/protocol';
import type { DatasetsService } from './datasets-service';
import type { EventBus } from './event-bus';
import type { TrainerSupervisor } from './trainer-supervisor';

const FLUSH_INTERVAL_MS = 250;

/**
 * Runs: validates and records new runs, hands them to the trainer, and writes what the trainer streams back.
 * Metrics are buffered and written in one transaction per flush; events go to the UI at once.
 */
export class RunsService {
  private activeRunId: number | null = null;
  private buffer: MetricPoint[] = [];
  private bufferRunId: number | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly finishedWaiters = new Map<number, (() => void)[]>();

  constructor(
    private readonly runs: RunsRepo,
    private readonly metrics: MetricsRepo,
    private readonly events: EventBus,
    private readonly supervisor: TrainerSupervisor,
    private readonly datasets: DatasetsService,
    private readonly dataDir: string,
    /** This host's id, recorded on the runs it starts (see host-owner.ts). */
    private readonly owner: string,
  ) {}

  async start(rawConfig: unknown): Promise<{ runId: number }> {
    const parsed = parseRunConfig(rawConfig);
    if (!parsed.ok) {
      throw new ApiError('invalid_input', `invalid run config: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, parsed.issues);
    }
    const dataset = this.datasets.resolveSource(parsed.config);
    if (this.activeRunId !== null) {
      throw new ApiError('conflict', `run ${this.activeRunId} is still training: stop it or wait for it to finish`);
    }
    const run = this.runs.create(parsed.config, this.owner);
    await this.launch(run.id, { type: 'train', runId: run.id, config: parsed.config, dataset, runDir: this.runDir(run.id) });
    return { runId: run.id };
  }

  /** Continues a stopped, interrupted or failed run from its last checkpoint; its curves carry on. */
  async continueRun(runId: number): Promise<{ ok: true }> {
    const run = this.require(runId);
    if (!['stopped', 'interrupted', 'failed'].includes(run.status)) {
      throw new ApiError('conflict', `run ${runId} is ${run.status}; only a stopped, interrupted or failed run can be resumed`);
    }
    if (run.config.model.family === 'pca') throw new ApiError('conflict', 'PCA is fitted in closed form in one go; there is nothing to resume');
    if (!existsSync(join(this.runDir(runId), CHECKPOINT_STATE_FILE))) {
      throw new ApiError('conflict', `run ${runId} has no checkpoint to resume from: it ended before writing one (a checkpoint is written after every epoch and when a run is stopped)`);
    }
    const dataset = this.datasets.resolveSource(run.config);
    if (this.activeRunId !== null) throw new ApiError('conflict', `run ${this.activeRunId} is still training: stop it or wait for it to finish`);
    this.runs.reopen(runId, this.owner);
    await this.launch(runId, { type: 'train', runId, config: run.config, dataset, runDir: this.runDir(runId), resume: true });
    return { ok: true };
  }

  control(runId: number, action: 'pause' | 'resume' | 'stop'): { ok: true } {
    const run = this.require(runId);
    if (this.activeRunId !== runId) {
      throw new ApiError(
        'conflict',
        ACTIVE_RUN_STATUSES.includes(run.status)
          ? `run ${runId} is being trained by another Latent Lab process; ${action} it there`
          : `run ${runId} is ${run.status}; only a queued, running or paused run can be asked to ${action}`,
      );
    }
    // If the trainer dies meanwhile, the crash handler marks the run failed; nothing to add here.
    this.supervisor.send({ type: 'control', runId, action }).catch(() => undefined);
    return { ok: true };
  }

  list(): RunSummary[] {
    return this.runs.list().map((r) => this.summary(r));
  }

  get(runId: number): RunDetail {
    this.flush();
    const run = this.require(runId);
    const { config, weightsPath: _weightsPath, params, ...rest } = run;
    return {
      ...rest,
      final: this.metrics.finalValues(runId),
      config,
      params: params ?? this.paramsOf(config),
      steps: this.metrics.series(runId, 'step'),
      epochs: this.metrics.series(runId, 'epoch'),
      hasWeights: run.weightsPath !== null,
    };
  }

  require(runId: number): RunRecord {
    const run = this.runs.get(runId);
    if (!run) throw new ApiError('not_found', `run ${runId} does not exist`);
    return run;
  }

  /** Resolves when the run reaches a final status (for the CLI's `train`). */
  waitForFinish(runId: number): Promise<void> {
    const run = this.runs.get(runId);
    if (run && !ACTIVE_RUN_STATUSES.includes(run.status)) return Promise.resolve();
    return new Promise((resolve) => {
      this.finishedWaiters.set(runId, [...(this.finishedWaiters.get(runId) ?? []), resolve]);
    });
  }

  handleTrainerMessage(message: Exclude<TrainerToHost, { type: 'ready' } | { type: 'reply' }>): void {
    switch (message.type) {
      case 'run.started':
        this.runs.markStarted(message.runId, message.backend, message.params);
        this.events.emit('run.status', { runId: message.runId, status: 'running', error: null });
        return;
      case 'run.progress':
        this.events.emit('run.progress', message.progress);
        return;
      case 'run.metrics':
        this.bufferMetrics(message.runId, message.points);
        this.events.emit('run.metrics', { runId: message.runId, points: message.points });
        return;
      case 'run.checkpoint':
        this.runs.setWeights(message.runId, message.weightsPath);
        return;
      case 'run.paused':
      case 'run.resumed': {
        const status = message.type === 'run.paused' ? 'paused' : 'running';
        this.runs.setStatus(message.runId, status);
        this.events.emit('run.status', { runId: message.runId, status, error: null });
        return;
      }
      case 'run.finished':
        this.finish(message.runId, message.status, message.error);
        return;
    }
  }

  /** The trainer died: the run it was training can never finish. */
  handleTrainerCrash(reason: string): void {
    if (this.activeRunId !== null) this.finish(this.activeRunId, 'failed', reason);
  }

  /** Writes buffered metrics now (called on every read and on shutdown, so nothing is lost). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.bufferRunId !== null && this.buffer.length > 0) this.metrics.append(this.bufferRunId, this.buffer);
    this.buffer = [];
  }

  get active(): number | null {
    return this.activeRunId;
  }

  /** Queues a run and hands it to the trainer; a trainer that cannot start fails the run with the reason. */
  private async launch(runId: number, message: Extract<HostToTrainer, { type: 'train' }>): Promise<void> {
    this.activeRunId = runId;
    this.events.emit('run.status', { runId, status: 'queued', error: null });
    try {
      await this.supervisor.send(message);
    } catch (error) {
      // The crash handler may have finished it already.
      if (this.activeRunId === runId) this.finish(runId, 'failed', `the trainer could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private finish(runId: number, status: RunSummary['status'], error: string | null): void {
    this.flush();
    this.runs.finish(runId, status, error);
    if (this.activeRunId === runId) this.activeRunId = null;
    this.events.emit('run.status', { runId, status, error });
    for (const resolve of this.finishedWaiters.get(runId) ?? []) resolve();
    this.finishedWaiters.delete(runId);
  }

  private bufferMetrics(runId: number, points: MetricPoint[]): void {
    if (this.bufferRunId !== runId) this.flush();
    this.bufferRunId = runId;
    this.buffer.push(...points);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  private summary(run: RunRecord): RunSummary {
    const { config: _config, weightsPath: _weightsPath, params: _params, ...rest } = run;
    return { ...rest, final: this.metrics.finalValues(run.id) };
  }

  /** Parameter count of a run that never started (or whose dataset is gone: then 0). */
  private paramsOf(config: RunDetail['config']): number {
    const info = this.datasets.info(config.dataset.id);
    try {
      return info ? summarizeModel(config.model, info.sampleShape).totalParams : 0;
    } catch {
      return 0;
    }
  }

  private runDir(runId: number): string {
    return join(this.dataDir, 'runs', String(runId));
  }
}
