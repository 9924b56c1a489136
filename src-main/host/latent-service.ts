import { randomUUID } from 'node:crypto';
import { ApiError } from '../../src-shared/contract/api-error';
import { quoteInput } from '../../src-shared/contract/quote-input';
import type { ImageBatch, LatentFrame, LatentManifold, LatentProjection, LatentSessionInfo, LatentTraversal, ValidationPage, VectorField } from '../../src-shared/contract/types';
import { NewestWins } from './newest-wins';
import type { DatasetsService } from './datasets-service';
import type { RunsService } from './runs-service';
import type { TrainerSupervisor } from './trainer-supervisor';
import type { InterpolationPath } from '../../src-shared/latent/interpolation';

interface Scrub {
  a: number;
  b: number;
  t: number;
  path: InterpolationPath;
}

interface Session {
  runId: number;
  owner: string | undefined;
  dataKind: LatentSessionInfo['dataKind'];
  sampleShape: number[];
  latentDim: number;
  queue: NewestWins<Scrub, ImageBatch>;
}

/**
 * Latent-space exploration of trained runs. Decoding happens in the trainer process; each session keeps
 * one decode in flight and drops stale slider positions before they reach the decoder.
 */
export class LatentService {
  private readonly sessions = new Map<string, Session>();
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
    const info = this.datasets.info(run.config.dataset.id);
    const labelNames = { classes: info?.classes ?? [], factors: info?.factors ?? [] };
    const { value: opened, abandoned } = await this.whileOpening(owner, () =>
      this.supervisor.request({ op: 'session.open', sessionId, config: run.config, dataset, weightsPath, labelNames }),
    ).catch((error: Error) => {
      throw new ApiError('trainer_failed', `could not load run ${runId}'s weights: ${error.message}`);
    });
    if (abandoned) {
      // Nobody is left to use or close it: free the trainer's copy of the model now.
      await this.supervisor.request({ op: 'session.close', sessionId }).catch(() => undefined);
      throw new ApiError('conflict', `the connection that opened run ${runId}'s latent space closed while its weights were loading`);
    }
    const queue = new NewestWins<Scrub, ImageBatch>((s) =>
      this.supervisor.request({ op: 'session.interpolate', sessionId, a: s.a, b: s.b, t: s.t, path: s.path }),
    );
    this.sessions.set(sessionId, { runId, owner, dataKind: opened.dataKind, sampleShape: opened.sampleShape, latentDim: opened.latentDim, queue });
    return {
      sessionId,
      runId,
      latentDim: opened.latentDim,
      datasetId: run.datasetId,
      family: run.config.model.family,
      candidates: opened.candidates,
      dataKind: opened.dataKind,
      sampleShape: opened.sampleShape,
    };
  }

  async candidates(sessionId: string, count: number): Promise<ImageBatch> {
    this.requireImages(sessionId, 'Candidate images');
    return this.supervisor.request({ op: 'session.candidates', sessionId, count });
  }

  async interpolate(sessionId: string, scrub: Scrub & { seq: number }): Promise<LatentFrame> {
    const session = this.requireImages(sessionId, 'A–B interpolation frames');
    try {
      const frame = await session.queue.submit({ a: scrub.a, b: scrub.b, t: scrub.t, path: scrub.path });
      return { seq: scrub.seq, t: scrub.t, dropped: frame === null, frame };
    } catch (error) {
      throw new ApiError('trainer_failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** Validation images by index and their reconstructions E[x | z(x)] by the session's run. */
  async reconstruct(sessionId: string, indices: number[]): Promise<{ inputs: ImageBatch; outputs: ImageBatch }> {
    this.requireImages(sessionId, 'Image reconstructions');
    return this.supervisor.request({ op: 'session.reconstruct', sessionId, indices }).catch((error: Error) => {
      throw new ApiError('invalid_input', error.message);
    });
  }

  /** Images decoded from z ~ N(0, I) drawn with `seed`: the same z for every run of the same latent size. */
  async samples(sessionId: string, seed: number, count: number): Promise<ImageBatch> {
    this.requireImages(sessionId, 'Decoded prior samples');
    return this.supervisor.request({ op: 'session.samples', sessionId, seed, count }).catch((error: Error) => {
      throw new ApiError('invalid_input', error.message);
    });
  }

  /**
   * Traversals around validation image `index`, rows ordered by the run's KL per dimension at its last epoch
   * (kl_dim_1 … of its final metrics; runs without them are ordered by the activity of each dimension).
   */
  async traversal(sessionId: string, request: { index: number; range: number; steps: number; maxRows: number }): Promise<LatentTraversal> {
    const session = this.requireImages(sessionId, 'Latent traversals');
    const { final } = this.runs.require(session.runId);
    const kl = Object.keys(final)
      .map((name) => /^kl_dim_(\d+)$/.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ dim: Number(m[1]), value: final[m[0]] }))
      .sort((p, q) => p.dim - q.dim);
    return this.supervisor.request({ op: 'session.traversal', sessionId, ...request, kl: kl.length > 0 ? kl.map((d) => d.value) : null }).catch((error: Error) => {
      throw new ApiError('invalid_input', error.message);
    });
  }

  /** A manifold grid over a 2-d latent space at the Gaussian quantiles. */
  async manifold(sessionId: string, side: number): Promise<LatentManifold> {
    const session = this.requireImages(sessionId, 'Manifold grids');
    if (session.latentDim !== 2) {
      throw new ApiError('conflict', `a manifold grid covers a 2-d latent space: run ${session.runId} has ${session.latentDim} latent dimensions; use its traversals instead`);
    }
    return this.supervisor.request({ op: 'session.manifold', sessionId, side }).catch((error: Error) => {
      throw new ApiError('trainer_failed', error.message);
    });
  }

  /** μ(x) of the first `count` validation images projected to 2-D, with the labels and factors to colour them by. */
  async project(sessionId: string, count: number, method: LatentProjection['method']): Promise<LatentProjection> {
    const session = this.requireImages(sessionId, 'Projections of validation codes');
    if (method === 'raw' && session.latentDim !== 2) {
      throw new ApiError('invalid_input', `method 'raw' draws a 2-d latent space: run ${session.runId} has ${session.latentDim} latent dimensions; use 'pca'`);
    }
    return this.supervisor.request({ op: 'session.project', sessionId, count, method }).catch((error: Error) => {
      throw new ApiError('trainer_failed', error.message);
    });
  }

  /** A page of validation images (of one class, when `label` is given) with their indices. */
  async images(sessionId: string, request: { offset: number; count: number; label?: string }): Promise<ValidationPage> {
    this.requireImages(sessionId, 'Validation images');
    return this.supervisor.request({ op: 'session.page', sessionId, ...request }).catch((error: Error) => {
      throw new ApiError('invalid_input', error.message);
    });
  }

  /** A vector run's validation points, reconstructions and (DAE) denoised corrupted points (trainer/vector-field.ts). */
  async vectorField(sessionId: string, request: { count: number; seed: number; grid: number }): Promise<VectorField> {
    const session = this.require(sessionId);
    if (session.dataKind !== 'vector') {
      throw new ApiError('conflict', `run ${session.runId} was trained on images (${session.sampleShape.join('×')}): the vector field applies to runs on vector datasets; use its latent interpolation instead`);
    }
    return this.supervisor.request({ op: 'session.vectorField', sessionId, ...request }).catch((error: Error) => {
      throw new ApiError('trainer_failed', error.message);
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

  private require(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ApiError('not_found', `latent session ${quoteInput(sessionId)} is not open (it closes when the trainer restarts); open it again`);
    return session;
  }

  /** A session of a run on images: `what` is drawn as pictures, and a run on vectors has none. */
  private requireImages(sessionId: string, what: string): Session {
    const session = this.require(sessionId);
    if (session.dataKind !== 'image') {
      throw new ApiError(
        'conflict',
        `${what} are drawn for image datasets only: run ${session.runId} was trained on ${session.sampleShape.join('×')}-d vectors: its points, reconstructions and vector field are on its page's "Data and reconstructions" tab (latent.vectorField)`,
      );
    }
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
