import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src-shared/config/run-config';
import type { ImageBatch, LatentManifold, LatentSessionInfo, LatentTraversal, VectorField } from '../../src-shared/contract/types';
import { channelsLastToImageBatch } from '../../src-shared/datasets/to-image-batch';
import type { DatasetSource, DatasetSplits } from '../../src-shared/datasets/types';
import { specInputShape } from '../../src-shared/model-spec/model-summary';
import { loadSplits } from './load-dataset';
import { createModel, type Autoencoder } from './models';
import { expectedOutput, reconstructionKindOf } from './objectives/reconstruction';
import { readValues } from './read-values';
import { loadWeights } from './weights';
import { standardNormal } from '../../src-shared/datasets/rng';
import { principalPlane, type PlaneProjection } from '../../src-shared/math/principal-plane';
import { computeVectorField, type VectorFieldRequest } from './vector-field';
import { CODE_STATISTICS_SAMPLES, codeStatistics, priorFrame, spreadFrame, type CodeFrame } from '../../src-shared/latent/code-frame';
import { traversalCodes, traversalRows, traversalValues } from '../../src-shared/latent/traversal';
import { manifoldCodes } from '../../src-shared/latent/manifold';
import { interpolateCodes, type InterpolationPath } from '../../src-shared/latent/interpolation';

/** Sessions kept at once; opening one more closes the least recently used (each holds a model and its dataset). */
const MAX_SESSIONS = 12;

interface Session {
  model: Autoencoder;
  config: RunConfig;
  splits: DatasetSplits;
  inputShape: number[];
  dataKind: LatentSessionInfo['dataKind'];
  /** The training split's principal plane, fitted on first use, for vectors of more than 2 dimensions. */
  projection?: PlaneProjection;
  /** Codes of validation images already encoded: E[z|x] = μ(x) for a VAE, z(x) otherwise. */
  codes: Map<number, Float32Array>;
  /** Mean and variance of each code dimension over the first validation images, computed on first use. */
  statistics?: { mean: Float64Array; variance: Float64Array };
}

export interface TraversalRequest {
  index: number;
  range: number;
  steps: number;
  maxRows: number;
  /** KL per latent dimension at the run's last epoch (kl_dim_1 …), from its history; null when it has none. */
  kl: number[] | null;
}

/** The decoder's expected output E[x | z], whatever the family's output is (logits or means). */
const meanOutputKind = (config: RunConfig) => reconstructionKindOf(config.model);

/**
 * Decode sessions over trained runs: a session loads a run's weights once and then answers requests. On images:
 * interpolation between codes, z(t) = (1 − t)·z(x_a) + t·z(x_b), decoded to E[x | z(t)], reconstructions and prior
 * samples, as pictures. On vectors: the run's map x ↦ f(x) at validation points (vector-field.ts).
 */
export class LatentSessions {
  private readonly sessions = new Map<string, Session>();

  open(sessionId: string, config: RunConfig, dataset: DatasetSource, weightsPath: string): Pick<LatentSessionInfo, 'latentDim' | 'candidates' | 'dataKind' | 'sampleShape'> {
    this.close(sessionId);
    const splits = loadSplits(dataset);
    const dataKind = splits.sampleShape.length === 3 ? 'image' : 'vector';
    const inputShape = specInputShape(splits.sampleShape);
    const model = createModel(config.model, inputShape, config.training.seed);
    try {
      loadWeights(weightsPath, model.namedVariables);
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.sessions.set(sessionId, { model, config, splits, inputShape, dataKind, codes: new Map() });
    while (this.sessions.size > MAX_SESSIONS) this.close(this.sessions.keys().next().value as string);
    return { latentDim: model.latentDim, candidates: splits.validationCount, dataKind, sampleShape: [...splits.sampleShape] };
  }

  candidates(sessionId: string, count: number): ImageBatch {
    const { splits, inputShape } = this.images(sessionId, 'candidate images');
    const n = Math.min(count, splits.validationCount);
    return channelsLastToImageBatch(splits.validation.subarray(0, n * splits.sampleSize), n, inputShape);
  }

  interpolate(sessionId: string, a: number, b: number, t: number, path: InterpolationPath = 'linear'): ImageBatch {
    const session = this.images(sessionId, 'A–B interpolation frames');
    const z = interpolateCodes(this.code(session, a), this.code(session, b), t, path);
    const kind = meanOutputKind(session.config);
    const pixels = readValues(() => expectedOutput(kind, session.model.decode(tf.tensor2d(z, [1, z.length]))));
    return channelsLastToImageBatch(pixels, 1, session.inputShape);
  }

  /** Validation images by index, and their reconstructions E[x | z = μ(x)]. */
  reconstruct(sessionId: string, indices: number[]): { inputs: ImageBatch; outputs: ImageBatch } {
    const session = this.images(sessionId, 'image reconstructions');
    const { sampleSize, validation } = session.splits;
    const x = new Float32Array(indices.length * sampleSize);
    indices.forEach((index, i) => {
      this.checkIndex(session, index);
      x.set(validation.subarray(index * sampleSize, (index + 1) * sampleSize), i * sampleSize);
    });
    const kind = meanOutputKind(session.config);
    const pixels = readValues(() => expectedOutput(kind, session.model.decode(session.model.encode(tf.tensor(x, [indices.length, ...session.inputShape])).mu)));
    return {
      inputs: channelsLastToImageBatch(x, indices.length, session.inputShape),
      outputs: channelsLastToImageBatch(pixels, indices.length, session.inputShape),
    };
  }

  /** E[x | z] for `count` codes z ~ N(0, I) drawn with `seed` (only a VAE has that prior). */
  samples(sessionId: string, seed: number, count: number): ImageBatch {
    const session = this.images(sessionId, 'decoded prior samples');
    if (session.config.model.family !== 'vae') throw new Error(`a ${session.config.model.family} has no prior p(z) to sample from: only VAEs do`);
    const z = standardNormal(seed, count * session.model.latentDim);
    const kind = meanOutputKind(session.config);
    const pixels = readValues(() => expectedOutput(kind, session.model.decode(tf.tensor2d(z, [count, session.model.latentDim]))));
    return channelsLastToImageBatch(pixels, count, session.inputShape);
  }

  /**
   * One row per latent dimension (most informative first, traversal.ts), each sweeping that dimension over
   * [−range, range] in the code frame with the others at the anchor's code: all rows in one batched decode.
   */
  traversal(sessionId: string, request: TraversalRequest): LatentTraversal {
    const session = this.images(sessionId, 'latent traversals');
    const k = session.model.latentDim;
    if (request.kl && request.kl.length !== k) throw new Error(`the run's history has KL for ${request.kl.length} latent dimensions, its model has ${k}`);
    const anchor = this.code(session, request.index);
    const statistics = this.statistics(session);
    const rows = traversalRows(request.kl, Array.from(statistics.variance)).slice(0, request.maxRows);
    const values = traversalValues(request.range, request.steps);
    const frame = this.frame(session);
    const codes = traversalCodes(
      anchor,
      rows.map((r) => r.dim),
      values,
      frame,
    );
    const { sampleSize, validation } = session.splits;
    const x = validation.subarray(request.index * sampleSize, (request.index + 1) * sampleSize);
    const started = performance.now();
    const frames = this.decode(session, codes, rows.length * values.length);
    const decodeMs = performance.now() - started;
    return {
      index: request.index,
      anchor: channelsLastToImageBatch(x, 1, session.inputShape),
      reconstruction: this.decode(session, anchor, 1),
      anchorCode: Array.from(anchor),
      basis: frame.basis,
      range: request.range,
      values,
      latentDim: k,
      rows,
      frames,
      decodeMs,
    };
  }

  /** A side × side grid over a 2-d latent space at the Gaussian quantiles (manifold.ts), in one batched decode. */
  manifold(sessionId: string, side: number): LatentManifold {
    const session = this.images(sessionId, 'manifold grids');
    if (session.model.latentDim !== 2) throw new Error(`a manifold grid covers a 2-d latent space; this run's has ${session.model.latentDim} dimensions: use its traversals instead`);
    const frame = this.frame(session);
    const grid = manifoldCodes(side, frame);
    const started = performance.now();
    const frames = this.decode(session, grid.codes, side * side);
    return { side, basis: frame.basis, quantiles: grid.quantiles, z1: grid.z1, z2: grid.z2, frames, decodeMs: performance.now() - started };
  }

  /** Validation points, their reconstructions and (DAE) denoised corrupted points of a run on vectors. */
  vectorField(sessionId: string, request: VectorFieldRequest): VectorField {
    const session = this.get(sessionId);
    if (session.dataKind !== 'vector') throw new Error('the vector field applies to runs on vector datasets; this run was trained on images');
    const { splits } = session;
    if (splits.sampleSize > 2) session.projection ??= principalPlane(splits.train, splits.trainCount, splits.sampleSize);
    return computeVectorField(session.model, session.config, splits, session.projection ?? null, request);
  }

  close(sessionId: string): void {
    this.sessions.get(sessionId)?.model.dispose();
    this.sessions.delete(sessionId);
  }

  get size(): number {
    return this.sessions.size;
  }

  private get(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`latent session '${sessionId}' was closed (at most ${MAX_SESSIONS} stay open); open the run's latent view again`);
    // Map order is insertion order: re-inserting marks it most recently used.
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, session);
    return session;
  }

  /** A session on images: `what` is drawn as pictures, which a run on vectors has none of. */
  private images(sessionId: string, what: string): Session {
    const session = this.get(sessionId);
    if (session.dataKind !== 'image') {
      throw new Error(`${what} are drawn for image datasets only; this run was trained on ${session.splits.sampleSize}-d vectors: ask for its vector field instead`);
    }
    return session;
  }

  private checkIndex(session: Session, index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= session.splits.validationCount) {
      throw new Error(`image ${index} is out of range: the validation split has ${session.splits.validationCount} images`);
    }
  }

  /** E[x | z] of `count` codes as pictures: one decode call. */
  private decode(session: Session, codes: Float32Array, count: number): ImageBatch {
    const kind = meanOutputKind(session.config);
    const pixels = readValues(() => expectedOutput(kind, session.model.decode(tf.tensor2d(codes, [count, session.model.latentDim]))));
    return channelsLastToImageBatch(pixels, count, session.inputShape);
  }

  /** Per-dimension mean and variance of the codes of the first CODE_STATISTICS_SAMPLES validation images. */
  private statistics(session: Session): { mean: Float64Array; variance: Float64Array } {
    if (session.statistics) return session.statistics;
    const { sampleSize, validation, validationCount } = session.splits;
    const n = Math.min(CODE_STATISTICS_SAMPLES, validationCount);
    const codes = readValues(() => session.model.encode(tf.tensor(validation.subarray(0, n * sampleSize), [n, ...session.inputShape])).mu);
    session.statistics = codeStatistics(codes, n, session.model.latentDim);
    return session.statistics;
  }

  private frame(session: Session): CodeFrame {
    return session.config.model.family === 'vae' ? priorFrame(session.model.latentDim) : spreadFrame(this.statistics(session));
  }

  private code(session: Session, index: number): Float32Array {
    this.checkIndex(session, index);
    const cached = session.codes.get(index);
    if (cached) return cached;
    const { sampleSize } = session.splits;
    const x = session.splits.validation.subarray(index * sampleSize, (index + 1) * sampleSize);
    const code = readValues(() => session.model.encode(tf.tensor(x, [1, ...session.inputShape])).mu);
    session.codes.set(index, code);
    return code;
  }
}
