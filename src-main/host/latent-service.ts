import { randomUUID } from 'node:crypto';
import { ApiError } from '../../src-shared/contract/api-error';
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

  constructor(
    private readonly runs: RunsService,
    private readonly datasets: DatasetsService,
    private readonly supervisor: TrainerSupervisor,
  ) {}

  /** `owner` is the connection that opened it; its sessions close when it goes away. */
  async open(runId: number, owner?: string): Promise<LatentSessionInfo> {
    const run = this.runs.require(runId);
    if (!run.weightsPath) {
      throw new ApiError('conflict', `run ${runId} has no saved weights yet: a run saves them at the end of its first epoch`);
    }
    const sessionId = randomUUID();
    if (!this.datasets.info(run.config.dataset.id)) {
      throw new ApiError('not_found', `run ${runId} was trained on dataset '${run.config.dataset.id}', which has been deleted: its latent space cannot be browsed`);
    }
    const dataset = this.datasets.resolveSource(run.config);
    const opened = await this.supervisor
      .request({ op: 'session.open', sessionId, config: run.config, dataset, weightsPath: run.weightsPath })
      .catch((error: Error) => {
        throw new ApiError('trainer_failed', `could not load run ${runId}'s weights: ${error.message}`);
      });
    const queue = new NewestWins<Scrub, ImageBatch>((s) =>
      this.supervisor.request({ op: 'session.interpolate', sessionId, a: s.a, b: s.b, t: s.t }),
    );
    this.sessions.set(sessionId, { runId, owner, queue });
    return { sessionId, runId, latentDim: opened.latentDim, datasetId: run.datasetId, candidates: opened.candidates };
  }

  candidates(sessionId: string, count: number): Promise<ImageBatch> {
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

  async close(sessionId: string): Promise<{ ok: true }> {
    if (this.sessions.delete(sessionId)) {
      await this.supervisor.request({ op: 'session.close', sessionId }).catch(() => undefined);
    }
    return { ok: true };
  }

  async closeOwnedBy(owner: string): Promise<void> {
    const owned = [...this.sessions.entries()].filter(([, s]) => s.owner === owner).map(([id]) => id);
    await Promise.all(owned.map((id) => this.close(id)));
  }

  /** Sessions live in the trainer: when it dies they are gone and must be reopened. */
  forgetAll(): void {
    this.sessions.clear();
  }

  private require(sessionId: string) {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ApiError('not_found', `latent session '${sessionId}' is not open (it closes when the trainer restarts); open it again`);
    return session;
  }
}
