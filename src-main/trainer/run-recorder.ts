import type * as tf from '@tensorflow/tfjs';
import type { MetricPoint } from '../../src-shared/contract/types';
import { commitCheckpoint, keptCheckpoint, snapshotCheckpoint, type Checkpointable, type TrainingState } from './checkpoint';
import type { TrainerToHost } from './protocol';
import { HostGoneError, type RunControl } from './run-control';

/**
 * What every training loop shares with the host, whatever the family trains on: metric points batched into
 * 'run.metrics' messages, and checkpoints written only after the host has confirmed it recorded every metric point up
 * to their step ('run.commit' / 'run.committed'), so resuming never skips history. When the host goes away the run
 * stops before its next step and writes nothing more.
 */
/** Where a run stands, for its progress messages. */
export interface RunPosition {
  epoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
}

const REPORT_INTERVAL_MS = 150;

export class RunRecorder {
  private pending: MetricPoint[] = [];
  private lastCheckpoint: number | null = null;
  private lastReport: { time: number; step: number } | null = null;
  private stepsPerSec = 0;

  constructor(
    private readonly runId: number,
    private readonly runDir: string,
    private readonly control: RunControl,
    private readonly send: (message: TrainerToHost) => void,
  ) {}

  /** Queues a metric point; it goes out with the next flush. */
  push(point: MetricPoint): void {
    this.pending.push(point);
  }

  flush(): void {
    if (this.pending.length > 0) this.send({ type: 'run.metrics', runId: this.runId, points: this.pending });
    this.pending = [];
  }

  /** The phrase error messages end with: what a failed run still has. */
  kept(): string {
    return keptCheckpoint(this.lastCheckpoint);
  }

  /** Starts from a checkpoint that was loaded (resume). */
  resumedFrom(epoch: number): void {
    this.lastCheckpoint = epoch;
  }

  /** Throws when the host went away: nothing after this point would be recorded. */
  requireHost(step: number): void {
    if (!this.control.hostConnected) throw new HostGoneError(`the host went away at step ${step}; ${this.kept()}`);
  }

  /**
   * Flushes the metrics and sends 'run.progress', at most every 150 ms unless `force`: steps per second as a moving
   * average, samples per second as that times `samplesPerStep`, and the time left at that rate.
   */
  progress(at: RunPosition, samplesPerStep: number, force: boolean): void {
    const now = performance.now();
    const last = this.lastReport ?? { time: now, step: at.step };
    if (!force && now - last.time < REPORT_INTERVAL_MS && this.lastReport) return;
    const dt = (now - last.time) / 1000;
    if (dt > 0 && at.step > last.step) {
      const instant = (at.step - last.step) / dt;
      this.stepsPerSec = this.stepsPerSec === 0 ? instant : 0.7 * this.stepsPerSec + 0.3 * instant;
    }
    this.lastReport = { time: now, step: at.step };
    this.flush();
    const etaSec = this.stepsPerSec > 0 ? (at.totalSteps - at.step) / this.stepsPerSec : 0;
    this.send({ type: 'run.progress', progress: { runId: this.runId, epoch: Math.min(at.epoch, at.epochs), epochs: at.epochs, step: at.step, totalSteps: at.totalSteps, samplesPerSec: this.stepsPerSec * samplesPerStep, etaSec } });
  }

  /** When a pause was asked for: reports it, waits until resumed or stopped, and restarts the rate's clock. */
  async pauseIfAsked(at: RunPosition, samplesPerStep: number): Promise<void> {
    if (!this.control.isPaused) return;
    this.progress(at, samplesPerStep, true);
    this.send({ type: 'run.paused', runId: this.runId });
    await this.control.whilePaused();
    this.lastReport = { time: performance.now(), step: at.step };
    if (!this.control.stopping) this.send({ type: 'run.resumed', runId: this.runId });
  }

  /** Flushes the metrics, waits for the host to record them, then commits a checkpoint of `model` at `state`. */
  async checkpoint(model: Checkpointable, optimizer: tf.Optimizer | null, state: TrainingState): Promise<void> {
    this.requireHost(state.step);
    this.flush();
    const committed = this.control.awaitCommitted(state.step);
    this.send({ type: 'run.commit', runId: this.runId, step: state.step });
    try {
      await committed;
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}; the checkpoint of step ${state.step} was not written, ${this.kept()}`);
    }
    const snapshot = await snapshotCheckpoint(model, optimizer, state);
    this.requireHost(state.step);
    const saved = commitCheckpoint(this.runDir, snapshot);
    this.lastCheckpoint = saved.epoch;
    this.send({ type: 'run.checkpoint', runId: this.runId, epoch: saved.epoch, step: saved.step, weightsPath: saved.weightsPath });
  }
}
