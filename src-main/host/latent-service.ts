import { randomUUID } from 'node:crypto';
import { ApiError } from '../../src-shared/contract/api-error';
import { quoteInput } from '../../src-shared/contract/quote-input';
import type { ImageBatch, LatentFrame, LatentSessionInfo } from '../../src-shared/contract/types';
import { NewestWins } from './newest-wins';
import type { DatasetsService } from './datasets-service';
import type { RunsService } from './runs-service';
import type { TrainerSupervisor } from './trainer-supervisor';

interface Scrub {
  a: number;
  b: number;
  t: number;
}

/**
 * Latent-space exploration of trained runs. Decoding happens in the trainer process; each session keeps
 * one decode in flight and drops stale slider positions before they reach the decoder.
 */
export class LatentService {
  private readonly sessions = new Map<string, { runId: number; owner: string | undefined; queue: NewestWins<Scrub, ImageBatch> }>();
  /** Opens still loading in the trainer, per owning connection. */
  private readonly opening = new Map<string, number>();
  /** Connections that went away while one of their opens was loading: those sessions close as soon as they open. */
  private readonly released = new Set<string>();

  constructor(
    private readonly runs: RunsService,
    private readonly datasets: DatasetsService,
    private readonly supervisor: TrainerSupervisor,
  ) {}

  /** `owner` is the connection that opened it; its sessions close when it goes away. */
  async open(runId: number, owner?: string): Promise<LatentSessionInfo> {
    const run = this.runs.require(runId);
    const weightsPath = this.runs.weightsPathOf(runId);
    if (!weightsPath) {
      throw new ApiError('conflict', `run ${runId} has no saved weights yet: a run saves them at the end of its first epoch`);
    }
    const sessionId = randomUUID();
    if (!this.datasets.info(run.config.dataset.id)) {
      throw new ApiError('not_found', `run ${runId} was trained on dataset '${run.config.dataset.id}', which has been deleted: its latent space cannot be browsed`);
    }
    const dataset = this.datasets.resolveSource(run.config);
    const { value: opened, abandoned } = await this.whileOpening(owner, () =>
      this.supervisor.request({ op: 'session.open', sessionId, config: run.config, dataset, weightsPath }),
    ).catch((error: Error) => {
      throw new ApiError('trainer_failed', `could not load run ${runId}'s weights: ${error.message}`);
    });
    if (abandoned) {
      // Nobody is left to use or close it: free the trainer's copy of the model now.
      await this.supervisor.request({ op: 'session.close', sessionId }).catch(() => undefined);
      throw new ApiError('conflict', `the connection that opened run ${runId}'s latent space closed while its weights were loading`);
    }
    const queue = new NewestWins<Scrub, ImageBatch>((s) =>
      this.supervisor.request({ op: 'session.interpolate', sessionId, a: s.a, b: s.b, t: s.t }),
    );
    this.sessions.set(sessionId, { runId, owner, queue });
    return { sessionId, runId, latentDim: opened.latentDim, datasetId: run.datasetId, candidates: opened.candidates };
  }

  async candidates(sessionId: string, count: number): Promise<ImageBatch> {
    this.require(sessionId);
    return this.supervisor.request({ op: 'session.candidates', sessionId, count });
  }

  async interpolate(sessionId: string, scrub: Scrub & { seq: number }): Promise<LatentFrame> {
    const session = this.require(sessionId);
    try {
      const frame = await session.queue.submit({ a: scrub.a, b: scrub.b, t: scrub.t });
      return { seq: scrub.seq, t: scrub.t, dropped: frame === null, frame };
    } catch (error) {
      throw new ApiError('trainer_failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** Validation images by index and their reconstructions E[x | z(x)] by the session's run. */
  reconstruct(sessionId: string, indices: number[]): Promise<{ inputs: ImageBatch; outputs: ImageBatch }> {
    this.require(sessionId);
    return this.supervisor.request({ op: 'session.reconstruct', sessionId, indices }).catch((error: Error) => {
      throw new ApiError('invalid_input', error.message);
    });
  }

  /** Images decoded from z ~ N(0, I) drawn with `seed`: the same z for every run of the same latent size. */
  samples(sessionId: string, seed: number, count: number): Promise<ImageBatch> {
    this.require(sessionId);
    return this.supervisor.request({ op: 'session.samples', sessionId, seed, count }).catch((error: Error) => {
      throw new ApiError('invalid_input', error.message);
    });
  }

  async close(sessionId: string): Promise<{ ok: true }> {
    if (this.sessions.delete(sessionId)) {
      await this.supervisor.request({ op: 'session.close', sessionId }).catch(() => undefined);
    }
    return { ok: true };
  }

  async closeOwnedBy(owner: string): Promise<void> {
    if (this.opening.has(owner)) this.released.add(owner);
    const owned = [...this.sessions.entries()].filter(([, s]) => s.owner === owner).map(([id]) => id);
    await Promise.all(owned.map((id) => this.close(id)));
  }

  /** Sessions live in the trainer: when it dies they are gone and must be reopened. */
  forgetAll(): void {
    this.sessions.clear();
  }

  private require(sessionId: string) {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ApiError('not_found', `latent session ${quoteInput(sessionId)} is not open (it closes when the trainer restarts); open it again`);
    return session;
  }

  /**
   * Counts `load` as an open in flight for `owner` until it settles; `abandoned` says the owner went away
   * meanwhile (see closeOwnedBy).
   */
  private async whileOpening<T>(owner: string | undefined, load: () => Promise<T>): Promise<{ value: T; abandoned: boolean }> {
    if (owner === undefined) return { value: await load(), abandoned: false };
    this.opening.set(owner, (this.opening.get(owner) ?? 0) + 1);
    try {
      const value = await load();
      return { value, abandoned: this.released.has(owner) };
    } finally {
      const left = (this.opening.get(owner) ?? 1) - 1;
      if (left > 0) {
        this.opening.set(owner, left);
      } else {
        this.opening.delete(owner);
        this.released.delete(owner);
      }
    }
  }
}
