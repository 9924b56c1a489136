import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import type { RunConfig } from '../../src-shared/config/run-config';
import { ApiError } from '../../src-shared/contract/api-error';
import { ACTIVE_RUN_STATUSES, type DisentanglementScores, type GraphVaeReport, type LinkPredictionReport, type MetricPoint, type RunDetail, type RunStatus, type RunSummary, type RunsQuery } from '../../src-shared/contract/types';
import { GRAPH_VAE_REPORT_FILE } from '../../src-shared/graphs/graph-vae-report';
import { LINK_PREDICTION_REPORT_FILE } from '../../src-shared/graphs/link-prediction-report';
import { hasKnownFactors } from '../../src-shared/metrics/disentanglement';
import { metricDirection } from '../../src-shared/metrics/metric-direction';
import { architectureLabel } from '../../src-shared/model-spec/architecture-label';
import { summarizeModel } from '../../src-shared/model-spec/model-summary';
import { queryRuns } from '../../src-shared/runs/query-runs';
import { runTimings } from '../../src-shared/runs/run-timings';
import type { MetricsRepo } from '../store/metrics-repo';
import type { RunRecord, RunsRepo } from '../store/runs-repo';
import type { SettingsRepo } from '../store/settings-repo';
import { checkpointWeightsPath, hasCheckpoint, readCheckpointPointer, removeCheckpointLeftovers } from '../trainer/checkpoint-layout';
import type { TrainerToHost } from '../trainer/protocol';
import type { DatasetsService } from './datasets-service';
import { isDiskFull, type DiskReserve } from './disk-full';
import { diskFullMessage } from '../trainer/disk-space';
import type { EventBus } from './event-bus';
import type { TrainerPool } from './trainer-pool';

const FLUSH_INTERVAL_MS = 250;
/** How long deleting a training run waits for it to stop and save before deleting it anyway. */
const STOP_BEFORE_DELETE_MS = 30_000;

type RunMessage = Exclude<TrainerToHost, { type: 'ready' } | { type: 'reply' } | { type: 'export.progress' }>;

interface ActiveRun {
  slot: number;
  /** Epoch of the last checkpoint the trainer committed (for "the checkpoint of epoch K is kept"). */
  checkpointEpoch: number | null;
  /** Set when the history could not be written (a full disk): the run is being stopped and fails with this. */
  failure: string | null;
}

/**
 * Runs: validates and records new runs, keeps the queue and hands queued runs to free trainer slots, and writes
 * what the trainers stream back. Metrics are buffered and written in one transaction per flush, and always before
 * the trainer may write a checkpoint past them; events go to the UI at once.
 */
export class RunsService {
  private readonly active = new Map<number, ActiveRun>();
  private readonly buffers = new Map<number, MetricPoint[]>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly finishedWaiters = new Map<number, (() => void)[]>();
  /** Summaries of unchanged run records (RunsRepo shares those between calls), with the dataset name they used. */
  private readonly summaries = new WeakMap<RunRecord, RunSummary>();
  private pumping = false;
  private closed = false;

  constructor(
    private readonly runs: RunsRepo,
    private readonly metrics: MetricsRepo,
    private readonly settings: SettingsRepo,
    private readonly events: EventBus,
    private readonly pool: TrainerPool,
    private readonly datasets: DatasetsService,
    private readonly dataDir: string,
    /** This host's id, recorded on the runs it queues (see host-owner.ts). */
    private readonly owner: string,
    private readonly reserve: DiskReserve,
  ) {}

  /** Validates a run config and queues the run; it starts at once when a trainer slot is free. */
  start(rawConfig: unknown): { runId: number } {
    const config = this.validate(rawConfig);
    const run = this.runs.create(config, this.owner);
    this.queued([run.id]);
    return { runId: run.id };
  }

  /** A run config checked as `runs.start` checks it (schema, then against its dataset), with defaults filled in. */
  validate(rawConfig: unknown, prefix = ''): RunConfig {
    const parsed = parseRunConfig(rawConfig);
    if (!parsed.ok) {
      const issues = parsed.issues.map((i) => ({ ...i, path: `${prefix}${i.path}` }));
      throw new ApiError('invalid_input', `invalid run config: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    this.datasets.checkNewRun(parsed.config);
    return parsed.config;
  }

  /** Announces newly queued runs and hands them to free trainer slots. */
  queued(runIds: number[]): void {
    for (const runId of runIds) this.events.emit('run.status', { runId, status: 'queued', error: null });
    this.events.emit('runs.changed', { runIds });
    this.pump();
  }

  /** Continues a stopped, interrupted or failed run from its last checkpoint (queued like a new run); its curves carry on. */
  continueRun(runId: number): { ok: true } {
    const run = this.require(runId);
    if (!['stopped', 'interrupted', 'failed'].includes(run.status)) {
      throw new ApiError('conflict', `run ${runId} is ${run.status}; only a stopped, interrupted or failed run can be resumed`);
    }
    if (run.config.model.family === 'pca') throw new ApiError('conflict', 'PCA is fitted in closed form in one go; there is nothing to resume');
    if (!this.resumable(runId)) {
      throw new ApiError(
        'conflict',
        `run ${runId} has no checkpoint to resume from: it ended before writing one (a checkpoint is written after every epoch and when a run is stopped)`,
      );
    }
    this.datasets.resolveSource(run.config);
    this.runs.reopen(runId, this.owner);
    this.queued([runId]);
    return { ok: true };
  }

  /** Pause, resume or stop a training run; stopping a queued run cancels it. */
  control(runId: number, action: 'pause' | 'resume' | 'stop'): { ok: true } {
    const run = this.require(runId);
    const active = this.active.get(runId);
    if (active) {
      // If the trainer dies meanwhile, the crash handler marks the run failed; nothing to add here.
      this.pool.slot(active.slot).send({ type: 'control', runId, action }).catch(() => undefined);
      return { ok: true };
    }
    if (run.status === 'queued' && run.owner === this.owner) {
      if (action !== 'stop') throw new ApiError('conflict', `run ${runId} is queued and has not started; it can only be cancelled (stop)`);
      this.finish(runId, 'stopped', 'cancelled while queued, before it started');
      return { ok: true };
    }
    throw new ApiError(
      'conflict',
      ACTIVE_RUN_STATUSES.includes(run.status)
        ? `run ${runId} is being trained by another Latent Lab process; ${action} it there`
        : `run ${runId} is ${run.status}; only a queued, running or paused run can be asked to ${action}`,
    );
  }

  list(query: RunsQuery = {}): RunSummary[] {
    const names = new Map<string, string>();
    const summaries = this.runs.list().map((r) => this.summary(r, names));
    return queryRuns(summaries, query);
  }

  get(runId: number, maxPoints = 2000): RunDetail {
    this.flush();
    const run = this.require(runId);
    return {
      ...this.summary(run, new Map()),
      params: run.params ?? this.paramsOf(run.config),
      steps: this.metrics.downsampled(runId, 'step', maxPoints),
      totalStepPoints: this.metrics.pointCount(runId, 'step'),
      epochs: this.metrics.series(runId, 'epoch'),
      hasWeights: run.weightsPath !== null,
      timings: runTimings(run, this.runs.sessions.of(runId), Date.now()),
    };
  }

  update(runId: number, fields: { name?: string; tags?: string[]; notes?: string }): RunSummary {
    this.require(runId);
    this.runs.update(runId, fields);
    this.events.emit('runs.changed', { runIds: [runId] });
    return this.summary(this.require(runId), new Map());
  }

  move(runId: number, to: 'top' | 'up' | 'down' | 'bottom'): { ok: true } {
    const run = this.require(runId);
    if (run.status !== 'queued') throw new ApiError('conflict', `run ${runId} is ${run.status}; only a queued run can be moved in the queue`);
    if (run.owner !== this.owner) throw new ApiError('conflict', `run ${runId} is queued by another Latent Lab process; move it there`);
    this.runs.move(runId, to);
    this.events.emit('runs.changed', { runIds: [runId] });
    return { ok: true };
  }

  /**
   * Scores a finished run's saved weights on its dataset's fixed test split (runs score it themselves when they
   * complete; this is for runs that stopped, or trained before the dataset had one). The test_… metrics join the
   * run's last held-out point, so they show with its final metrics.
   */
  async evaluateTest(runId: number): Promise<Record<string, number>> {
    const run = this.require(runId);
    if (ACTIVE_RUN_STATUSES.includes(run.status)) throw new ApiError('conflict', `run ${runId} is ${run.status}: it scores its test split itself when it completes`);
    const weightsPath = this.weightsPathOf(runId);
    if (!weightsPath) throw new ApiError('conflict', `run ${runId} has no saved weights to score: a run saves them at the end of its first epoch`);
    const dataset = this.datasets.resolveSource(run.config);
    if (dataset.kind !== 'stored' || dataset.testCount === 0) {
      throw new ApiError('conflict', `dataset '${run.config.dataset.id}' has no test split: import it with one (an IDX t10k file, a test/ folder, or a test fraction)`);
    }
    const values = await this.pool.sessions.request({ op: 'test.evaluate', config: run.config, dataset, weightsPath }).catch((error: Error) => {
      throw new ApiError('trainer_failed', `could not score run ${runId} on the test split: ${error.message}`);
    });
    this.appendToLastEpoch(runId, values);
    return values;
  }

  /**
   * Scores a finished run on the built-in sprites for disentanglement (runs score themselves when they complete; this
   * is for runs that stopped, or trained before the scores existed). `mig` and `beta_vae_score` join the run's last
   * held-out point, so they show with its final metrics.
   */
  async scoreDisentanglement(runId: number): Promise<DisentanglementScores> {
    const run = this.require(runId);
    if (!hasKnownFactors(run.config.dataset.id)) {
      throw new ApiError('conflict', `run ${runId} was trained on '${run.config.dataset.id}': disentanglement is scored against known factors of variation, which only the built-in sprites (builtin:sprites) have`);
    }
    if (ACTIVE_RUN_STATUSES.includes(run.status)) throw new ApiError('conflict', `run ${runId} is ${run.status}: it scores its disentanglement itself when it completes`);
    const weightsPath = this.weightsPathOf(runId);
    if (!weightsPath) throw new ApiError('conflict', `run ${runId} has no saved weights to score: a run saves them at the end of its first epoch`);
    const report = await this.pool.sessions.request({ op: 'disentanglement.score', config: run.config, weightsPath }).catch((error: Error) => {
      throw new ApiError('trainer_failed', `could not score run ${runId} for disentanglement: ${error.message}`);
    });
    this.appendToLastEpoch(runId, { mig: report.mig, beta_vae_score: report.betaVaeScore });
    return { runId, ...report };
  }

  /** Scores taken after training join the run's last epoch point, so they show with its final metrics. */
  private appendToLastEpoch(runId: number, values: Record<string, number>): void {
    this.flush();
    const epochs = this.metrics.series(runId, 'epoch');
    const at = epochs.step.length - 1;
    // No wall time: the score was not taken during training, and must not stretch the run's time axis.
    this.metrics.append(runId, [{ scope: 'epoch', step: at >= 0 ? epochs.step[at] : 0, epoch: at >= 0 ? epochs.epoch[at] : 0, values }]);
    this.events.emit('runs.changed', { runIds: [runId] });
  }

  metricsCsv(runId: number): { fileName: string; csv: string } {
    this.flush();
    const run = this.require(runId);
    return { fileName: `run-${runId}-${run.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-metrics.csv`, csv: this.metrics.csv(runId) };
  }

  /** The curves and embedding a finished link-prediction run left beside its checkpoint (train-graph-run.ts); null when it has none. */
  linkPrediction(runId: number): LinkPredictionReport | null {
    this.require(runId);
    const file = join(this.runDir(runId), LINK_PREDICTION_REPORT_FILE);
    if (!existsSync(file)) return null;
    return JSON.parse(readFileSync(file, 'utf8')) as LinkPredictionReport;
  }

  /** The report a finished GraphVAE run left beside its checkpoint (train-graph-vae-run.ts); null when it has none. */
  graphVae(runId: number): GraphVaeReport | null {
    this.require(runId);
    const file = join(this.runDir(runId), GRAPH_VAE_REPORT_FILE);
    if (!existsSync(file)) return null;
    return JSON.parse(readFileSync(file, 'utf8')) as GraphVaeReport;
  }

  /**
   * Deletes runs with their checkpoints: a training run is stopped first, a queued one cancelled. Rows go in one
   * transaction, then the folders; a crash in between leaves folders without rows, which the next start removes.
   */
  async delete(runIds: number[]): Promise<{ deleted: number[] }> {
    const runs = [...new Set(runIds)].map((id) => this.require(id));
    const foreign = runs.find((r) => ACTIVE_RUN_STATUSES.includes(r.status) && !this.active.has(r.id) && r.owner !== this.owner);
    if (foreign) throw new ApiError('conflict', `run ${foreign.id} is being trained by another Latent Lab process; stop it there first`);
    for (const run of runs) {
      if (run.status === 'queued' && !this.active.has(run.id)) this.finish(run.id, 'stopped', 'cancelled: deleted while queued');
    }
    const training = runs.filter((r) => this.active.has(r.id));
    for (const run of training) this.control(run.id, 'stop');
    await Promise.all(
      training.map((run) => Promise.race([this.waitForFinish(run.id), new Promise<void>((resolve) => setTimeout(resolve, STOP_BEFORE_DELETE_MS).unref())])),
    );
    this.flush();
    const ids = runs.map((r) => r.id);
    for (const id of ids) this.buffers.delete(id);
    this.runs.delete(ids);
    for (const id of ids) rmSync(this.runDir(id), { recursive: true, force: true });
    this.events.emit('runs.changed', { runIds: ids });
    return { deleted: ids };
  }

  /**
   * At start: removes run folders whose rows are gone (a delete that crashed between the two), and what checkpoint
   * writers killed mid-write left in the folders of runs that are not training.
   */
  sweepRunDirs(): number {
    const root = join(this.dataDir, 'runs');
    if (!existsSync(root)) return 0;
    const runs = new Map(this.runs.list().map((r) => [r.id, r]));
    let removed = 0;
    for (const entry of readdirSync(root)) {
      if (!/^\d+$/.test(entry)) continue;
      const run = runs.get(Number(entry));
      if (!run) {
        rmSync(join(root, entry), { recursive: true, force: true });
        removed++;
      } else if (!ACTIVE_RUN_STATUSES.includes(run.status)) {
        removeCheckpointLeftovers(join(root, entry));
      }
    }
    return removed;
  }

  /**
   * The checkpoint a resumed run continues from, for its training session: the trainer names its step; its epoch is
   * the committed pointer's (no checkpoint can commit before the host has handled 'run.started', so it is the one
   * loaded). Null epoch when the pointer cannot tell.
   */
  private resumedFrom(runId: number, step: number): { step: number; epoch: number | null } {
    try {
      const pointer = readCheckpointPointer(this.runDir(runId));
      return { step, epoch: pointer?.step === step ? pointer.epoch : null };
    } catch {
      return { step, epoch: null };
    }
  }

  /** Whether a run has a committed checkpoint; a damaged one is a conflict that says what is wrong. */
  private resumable(runId: number): boolean {
    try {
      return hasCheckpoint(this.runDir(runId));
    } catch (error) {
      throw new ApiError('conflict', error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * The weights file of a run's committed checkpoint: found through the checkpoint pointer, since the folder a
   * checkpoint message named is deleted when the next checkpoint commits. Null when the run has no weights.
   */
  weightsPathOf(runId: number): string | null {
    const run = this.require(runId);
    try {
      return checkpointWeightsPath(this.runDir(runId)) ?? run.weightsPath;
    } catch (error) {
      throw new ApiError('conflict', error instanceof Error ? error.message : String(error));
    }
  }

  require(runId: number): RunRecord {
    const run = this.runs.get(runId);
    if (!run) throw new ApiError('not_found', `run ${runId} does not exist`);
    return run;
  }

  /** Resolves when the run reaches a final status (for the CLI's `train` and `sweep`). */
  waitForFinish(runId: number): Promise<void> {
    const run = this.runs.get(runId);
    if (!run || !ACTIVE_RUN_STATUSES.includes(run.status)) return Promise.resolve();
    return new Promise((resolve) => {
      this.finishedWaiters.set(runId, [...(this.finishedWaiters.get(runId) ?? []), resolve]);
    });
  }

  /**
   * A message from a trainer about one of its runs. Whatever goes wrong recording it (a full disk is handled where
   * it happens; anything else here) fails that run with the reason and stops it; the host carries on serving.
   */
  handleTrainerMessage(slot: number, message: RunMessage): void {
    try {
      this.recordTrainerMessage(slot, message);
    } catch (error) {
      this.failRecording(slot, message, error);
    }
  }

  private failRecording(slot: number, message: RunMessage, error: unknown): void {
    const runId = message.type === 'run.progress' ? message.progress.runId : message.runId;
    const active = this.active.get(runId);
    const kept = active?.checkpointEpoch == null ? 'no checkpoint had been written yet' : `the checkpoint of epoch ${active.checkpointEpoch} is kept`;
    const reason = `the host could not record run ${runId}'s ${message.type.replace('run.', '')} message (${error instanceof Error ? error.message : String(error)}); the run was stopped, ${kept}`;
    process.stderr.write(`latent-lab: ${reason}\n`);
    if (active && active.failure === null) {
      active.failure = reason;
      this.pool.slot(slot).send({ type: 'control', runId, action: 'stop' }).catch(() => undefined);
    }
    // The trainer waits for this answer before it writes a checkpoint: it must come, and say no.
    if (message.type === 'run.commit') {
      this.pool.slot(slot).send({ type: 'run.committed', runId, step: message.step, ok: false, error: active?.failure ?? reason }).catch(() => undefined);
    }
    if (message.type === 'run.finished') {
      // Points that cannot be written are after the last checkpoint (a checkpoint waits for its points to be
      // committed): a resume trains those steps again.
      this.buffers.delete(runId);
      try {
        this.finish(runId, 'failed', active?.failure ?? reason);
      } catch {
        // The history cannot be written at all: the next start marks the run interrupted.
      }
    }
  }

  private recordTrainerMessage(slot: number, message: RunMessage): void {
    const runId = message.type === 'run.progress' ? message.progress.runId : message.runId;
    switch (message.type) {
      case 'run.started':
        if (message.resumedFromStep !== undefined) {
          // The steps after the checkpoint are trained again: drop what the history has of them.
          this.flushRun(runId);
          this.metrics.deleteAfter(runId, message.resumedFromStep);
          // Scores of the stopped weights (test split, disentanglement) no longer describe the run: it is scored again when it completes.
          this.metrics.deleteFinalScores(runId);
        }
        this.runs.markStarted(
          runId,
          message.backend,
          message.params,
          message.resumedFromStep === undefined ? null : this.resumedFrom(runId, message.resumedFromStep),
          message.backendDetail,
        );
        this.events.emit('run.status', { runId, status: 'running', error: null });
        return;
      case 'run.progress':
        this.events.emit('run.progress', message.progress);
        return;
      case 'run.metrics':
        this.bufferMetrics(runId, message.points);
        this.events.emit('run.metrics', { runId, points: message.points });
        return;
      case 'run.commit': {
        // The trainer writes its checkpoint only after this answer: the history is never behind a checkpoint.
        const failure = this.flushRun(runId) ?? this.active.get(runId)?.failure ?? null;
        this.pool
          .slot(slot)
          .send(failure === null ? { type: 'run.committed', runId, step: message.step, ok: true } : { type: 'run.committed', runId, step: message.step, ok: false, error: failure })
          .catch(() => undefined);
        return;
      }
      case 'run.checkpoint': {
        const active = this.active.get(runId);
        if (active) active.checkpointEpoch = message.epoch;
        this.guard(() => this.runs.setWeights(runId, message.weightsPath));
        return;
      }
      case 'run.paused':
      case 'run.resumed': {
        const status = message.type === 'run.paused' ? 'paused' : 'running';
        this.guard(() => this.runs.setPaused(runId, status === 'paused'));
        this.events.emit('run.status', { runId, status, error: null });
        return;
      }
      case 'run.finished': {
        const failure = this.active.get(runId)?.failure;
        this.finish(runId, failure ? 'failed' : message.status, failure && message.status !== 'failed' ? failure : message.error);
        return;
      }
    }
  }

  /** The trainer of `slot` died: the run it was training can never finish. */
  handleTrainerCrash(slot: number, reason: string): void {
    // A snapshot: finishing a run starts the next queued one, which joins `active`.
    const victims = [...this.active].filter(([, active]) => active.slot === slot).map(([runId]) => runId);
    for (const runId of victims) {
      // A trainer killed while writing a checkpoint leaves temporary files; the committed set stays.
      removeCheckpointLeftovers(this.runDir(runId));
      this.finish(runId, 'failed', reason);
    }
  }

  /** Writes every buffered metric point now (on a timer, on reads, before checkpoints and at shutdown). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const runId of [...this.buffers.keys()]) this.flushRun(runId);
  }

  /** Runs being trained by this host right now. */
  get activeRuns(): number[] {
    return [...this.active.keys()];
  }

  /** Stops handing out queued runs (the host is closing). */
  close(): void {
    this.closed = true;
    this.flush();
  }

  /** Starts queued runs of this host while trainer slots are free, first in the queue first. */
  pump(): void {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      const max = this.settings.get().maxConcurrentRuns;
      for (const next of this.runs.queued(this.owner)) {
        if (this.active.has(next.id)) continue;
        const slot = this.freeSlot(max);
        if (slot === null) break;
        this.launch(next, slot);
      }
    } finally {
      this.pumping = false;
    }
  }

  private freeSlot(max: number): number | null {
    const busy = new Set([...this.active.values()].map((a) => a.slot));
    for (let i = 0; i < max; i++) if (!busy.has(i)) return i;
    return null;
  }

  /** Hands a queued run to a trainer slot; a trainer that cannot start fails the run with the reason. */
  private launch(run: RunRecord, slot: number): void {
    let dataset;
    let resume: boolean;
    try {
      dataset = this.datasets.resolveSource(run.config);
      resume = run.startedAt !== null && this.resumable(run.id);
    } catch (error) {
      // Its dataset was deleted, or its checkpoint damaged, while it waited.
      this.finish(run.id, 'failed', `could not start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.active.set(run.id, { slot, checkpointEpoch: null, failure: null });
    // It leaves the queue now (its trainer may take a moment to start): the queue lists only what waits.
    this.runs.setStatus(run.id, 'running');
    this.events.emit('run.status', { runId: run.id, status: 'running', error: null });
    this.pool
      .slot(slot)
      .send({ type: 'train', runId: run.id, config: run.config, dataset, runDir: this.runDir(run.id), ...(resume ? { resume: true } : {}) })
      .catch((error: unknown) => {
        // The crash handler may have finished it already.
        if (this.active.get(run.id)?.slot === slot) this.finish(run.id, 'failed', `the trainer could not start: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  private finish(runId: number, status: RunStatus, error: string | null): void {
    this.flushRun(runId);
    this.guard(() => this.runs.finish(runId, status, error));
    this.active.delete(runId);
    this.events.emit('run.status', { runId, status, error });
    this.events.emit('runs.changed', { runIds: [runId] });
    for (const resolve of this.finishedWaiters.get(runId) ?? []) resolve();
    this.finishedWaiters.delete(runId);
    this.pump();
  }

  /**
   * Writes one run's buffered points. On a full disk the points stay buffered, the run is stopped and will fail
   * with the reason (returned here, and given to the trainer instead of leave to checkpoint); the host carries on.
   */
  private flushRun(runId: number): string | null {
    const points = this.buffers.get(runId);
    if (!points || points.length === 0) return null;
    try {
      this.metrics.append(runId, points);
      this.buffers.delete(runId);
      return null;
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      // Room to record the failure (and, often, these very points).
      this.reserve.release();
      const active = this.active.get(runId);
      const kept = active?.checkpointEpoch == null ? 'no checkpoint had been written yet' : `the checkpoint of epoch ${active.checkpointEpoch} is kept`;
      const message = `${diskFullMessage(this.dataDir)}; ${kept}`;
      if (active && active.failure === null) {
        active.failure = message;
        this.pool.slot(active.slot).send({ type: 'control', runId, action: 'stop' }).catch(() => undefined);
      }
      return message;
    }
  }

  /** A write to the history that may meet a full disk: the host keeps serving; the next start repairs the status. */
  private guard(write: () => void): void {
    try {
      write();
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      if (this.reserve.release()) {
        this.guard(write);
        return;
      }
      process.stderr.write(`latent-lab: could not record a run change: ${diskFullMessage(this.dataDir)}\n`);
    }
  }

  private bufferMetrics(runId: number, points: MetricPoint[]): void {
    const buffer = this.buffers.get(runId);
    if (buffer) buffer.push(...points);
    else this.buffers.set(runId, [...points]);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  private summary(run: RunRecord, datasetNames: Map<string, string>): RunSummary {
    const { config, weightsPath: _w, params: _p, owner: _o, ranges, ...rest } = run;
    let datasetName = datasetNames.get(run.datasetId);
    if (datasetName === undefined) {
      datasetName = this.datasets.info(run.datasetId)?.name ?? run.datasetId;
      datasetNames.set(run.datasetId, datasetName);
    }
    const cached = this.summaries.get(run);
    if (cached && cached.datasetName === datasetName) return cached;
    const best: Record<string, number> = {};
    for (const [name, [lo, hi]] of Object.entries(ranges)) {
      const direction = metricDirection(name);
      if (direction) best[name] = direction === 'lower' ? lo : hi;
    }
    const summary = { ...rest, config, datasetName, architecture: architectureLabel(config.model), best };
    this.summaries.set(run, summary);
    return summary;
  }

  /** Parameter count of a run that never started (or whose dataset is gone: then 0). */
  private paramsOf(config: RunConfig): number {
    const info = this.datasets.info(config.dataset.id);
    try {
      return info ? summarizeModel(config.model, info.sampleShape).totalParams : 0;
    } catch {
      return 0;
    }
  }

  /** The run's folder in the data dir (its checkpoint). */
  runDir(runId: number): string {
    return join(this.dataDir, 'runs', String(runId));
  }
}
