import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src-shared/config/run-config';
import type { ImageBatch, LatentManifold, LatentProjection, LatentSessionInfo, LatentTraversal, PointColouring, ValidationPage, VectorField } from '../../src-shared/contract/types';
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
import { loadSampleLabels } from './export/sample-labels';
import { pointColourings, projectCodes } from './latent-projection';

/** Images encoded per call when many codes are wanted at once (a conv encoder's activations grow with the batch). */
const ENCODE_BATCH = 500;

/** The dataset's class and factor names, as the host's catalogue has them: the projector colours points by them. */
export interface LabelNames {
  classes: string[];
  factors: string[];
}

/** Sessions kept at once; opening one more closes the least recently used (each holds a model and its dataset). */
const MAX_SESSIONS = 12;

interface Session {
  model: Autoencoder;
  config: RunConfig;
  splits: DatasetSplits;
  dataset: DatasetSource;
  labelNames: LabelNames;
  /** Colourings of every validation sample, read on first use. */
  colourings?: PointColouring[];
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

  open(
    sessionId: string,
    config: RunConfig,
    dataset: DatasetSource,
    weightsPath: string,
    labelNames: LabelNames = { classes: [], factors: [] },
  ): Pick<LatentSessionInfo, 'latentDim' | 'candidates' | 'dataKind' | 'sampleShape'> {
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
    this.sessions.set(sessionId, { model, config, splits, dataset, labelNames, inputShape, dataKind, codes: new Map() });
    while (this.sessions.size > MAX_SESSIONS) this.close(this.sessions.keys().next().value as string);
    return { latentDim: model.latentDim, candidates: splits.validationCount, dataKind, sampleShape: [...splits.sampleShape] };
  }

  candidates(sessionId: string, count: number): ImageBatch {
    const { splits, inputShape } = this.images(sessionId, 'candidate images');
    const n = Math.min(count, splits.validationCount);
    return channelsLastToImageBatch(splits.validation.subarray(0, n * splits.sampleSize), n, inputShape);
  }

  async interpolate(sessionId: string, a: number, b: number, t: number, path: InterpolationPath = 'linear'): Promise<ImageBatch> {
    const session = this.images(sessionId, 'A–B interpolation frames');
    const z = interpolateCodes(await this.code(session, a), await this.code(session, b), t, path);
    const kind = meanOutputKind(session.config);
    const pixels = await readValues(() => expectedOutput(kind, session.model.decode(tf.tensor2d(z, [1, z.length]))));
    return channelsLastToImageBatch(pixels, 1, session.inputShape);
  }

  /** Validation images by index, and their reconstructions E[x | z = μ(x)]. */
  async reconstruct(sessionId: string, indices: number[]): Promise<{ inputs: ImageBatch; outputs: ImageBatch }> {
    const session = this.images(sessionId, 'image reconstructions');
    const { sampleSize, validation } = session.splits;
    const x = new Float32Array(indices.length * sampleSize);
    indices.forEach((index, i) => {
      this.checkIndex(session, index);
      x.set(validation.subarray(index * sampleSize, (index + 1) * sampleSize), i * sampleSize);
    });
    const kind = meanOutputKind(session.config);
    const pixels = await readValues(() => expectedOutput(kind, session.model.decode(session.model.encode(tf.tensor(x, [indices.length, ...session.inputShape])).mu)));
    return {
      inputs: channelsLastToImageBatch(x, indices.length, session.inputShape),
      outputs: channelsLastToImageBatch(pixels, indices.length, session.inputShape),
    };
  }

  /** E[x | z] for `count` codes z ~ N(0, I) drawn with `seed` (only a VAE has that prior). */
  async samples(sessionId: string, seed: number, count: number): Promise<ImageBatch> {
    const session = this.images(sessionId, 'decoded prior samples');
    if (session.config.model.family !== 'vae') throw new Error(`a ${session.config.model.family} has no prior p(z) to sample from: only VAEs do`);
    const z = standardNormal(seed, count * session.model.latentDim);
    const kind = meanOutputKind(session.config);
    const pixels = await readValues(() => expectedOutput(kind, session.model.decode(tf.tensor2d(z, [count, session.model.latentDim]))));
    return channelsLastToImageBatch(pixels, count, session.inputShape);
  }

  /**
   * One row per latent dimension (most informative first, traversal.ts), each sweeping that dimension over
   * [−range, range] in the code frame with the others at the anchor's code: all rows in one batched decode.
   */
  async traversal(sessionId: string, request: TraversalRequest): Promise<LatentTraversal> {
    const session = this.images(sessionId, 'latent traversals');
    const k = session.model.latentDim;
    if (request.kl && request.kl.length !== k) throw new Error(`the run's history has KL for ${request.kl.length} latent dimensions, its model has ${k}`);
    const anchor = await this.code(session, request.index);
    const statistics = await this.statistics(session);
    const rows = traversalRows(request.kl, Array.from(statistics.variance)).slice(0, request.maxRows);
    const values = traversalValues(request.range, request.steps);
    const frame = await this.frame(session);
    const codes = traversalCodes(
      anchor,
      rows.map((r) => r.dim),
      values,
      frame,
    );
    const { sampleSize, validation } = session.splits;
    const x = validation.subarray(request.index * sampleSize, (request.index + 1) * sampleSize);
    const started = performance.now();
    const frames = await this.decode(session, codes, rows.length * values.length);
    const decodeMs = performance.now() - started;
    return {
      index: request.index,
      anchor: channelsLastToImageBatch(x, 1, session.inputShape),
      reconstruction: await this.decode(session, anchor, 1),
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
  async manifold(sessionId: string, side: number): Promise<LatentManifold> {
    const session = this.images(sessionId, 'manifold grids');
    if (session.model.latentDim !== 2) throw new Error(`a manifold grid covers a 2-d latent space; this run's has ${session.model.latentDim} dimensions: use its traversals instead`);
    const frame = await this.frame(session);
    const grid = manifoldCodes(side, frame);
    const started = performance.now();
    const frames = await this.decode(session, grid.codes, side * side);
    return { side, basis: frame.basis, quantiles: grid.quantiles, z1: grid.z1, z2: grid.z2, frames, decodeMs: performance.now() - started };
  }

  /**
   * μ(x) of the first `count` validation images (batched encodes), projected to 2-D (latent-projection.ts), with
   * every colouring the dataset has.
   */
  async project(sessionId: string, count: number, method: LatentProjection['method']): Promise<LatentProjection> {
    const session = this.images(sessionId, 'projections of validation codes');
    const n = Math.min(count, session.splits.validationCount);
    if (n < 2) throw new Error(`a projection needs at least 2 validation images; this run's dataset has ${session.splits.validationCount}`);
    const k = session.model.latentDim;
    const started = performance.now();
    const codes = await this.encodeFirst(session, n);
    const encoded = performance.now();
    const projected = projectCodes(codes, n, k, method);
    const projectMs = performance.now() - encoded;
    const colourings = this.colourings(session).map((c): PointColouring => (c.kind === 'categorical' ? { ...c, values: c.values.slice(0, n) } : { ...c, values: c.values.slice(0, n) }));
    return { count: n, latentDim: k, codes, ...projected, colourings, encodeMs: encoded - started, projectMs };
  }

  /**
   * Validation images from `offset` among those whose class (or sprite shape) is `label`, or among all of them;
   * with their indices in the validation split.
   */
  page(sessionId: string, offset: number, count: number, label?: string): ValidationPage {
    const session = this.images(sessionId, 'validation images');
    const { splits, inputShape } = session;
    let matching: number[] | null = null;
    if (label !== undefined) {
      const colouring = this.colourings(session).find((c): c is Extract<PointColouring, { kind: 'categorical' }> => c.kind === 'categorical' && c.categories.includes(label));
      if (!colouring) {
        const names = this.colourings(session).flatMap((c) => (c.kind === 'categorical' ? c.categories : []));
        throw new Error(names.length > 0 ? `no class is named '${label}': this dataset's are ${names.join(', ')}` : `this run's dataset has no class labels to filter by ('${label}' was asked for)`);
      }
      const wanted = colouring.categories.indexOf(label);
      matching = [];
      for (let i = 0; i < colouring.values.length; i++) if (colouring.values[i] === wanted) matching.push(i);
    }
    const total = matching ? matching.length : splits.validationCount;
    const start = Math.min(offset, total);
    const indices = matching ? matching.slice(start, start + count) : Array.from({ length: Math.max(0, Math.min(count, total - start)) }, (_, i) => start + i);
    const x = new Float32Array(indices.length * splits.sampleSize);
    indices.forEach((index, i) => x.set(splits.validation.subarray(index * splits.sampleSize, (index + 1) * splits.sampleSize), i * splits.sampleSize));
    const images = channelsLastToImageBatch(x, indices.length, inputShape);
    const names = this.labelsOf(session, indices);
    if (names) images.labels = names;
    const categories = this.colourings(session).flatMap((c) => (c.kind === 'categorical' ? c.categories : []));
    return { total, offset: start, indices, images, categories };
  }

  /** Validation points, their reconstructions and (DAE) denoised corrupted points of a run on vectors. */
  vectorField(sessionId: string, request: VectorFieldRequest): Promise<VectorField> {
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
  private async decode(session: Session, codes: Float32Array, count: number): Promise<ImageBatch> {
    const kind = meanOutputKind(session.config);
    const pixels = await readValues(() => expectedOutput(kind, session.model.decode(tf.tensor2d(codes, [count, session.model.latentDim]))));
    return channelsLastToImageBatch(pixels, count, session.inputShape);
  }

  /** Codes of the first `n` validation images, encoded ENCODE_BATCH at a time. */
  private async encodeFirst(session: Session, n: number): Promise<Float32Array> {
    const { sampleSize, validation } = session.splits;
    const k = session.model.latentDim;
    const codes = new Float32Array(n * k);
    for (let start = 0; start < n; start += ENCODE_BATCH) {
      const m = Math.min(ENCODE_BATCH, n - start);
      const x = validation.subarray(start * sampleSize, (start + m) * sampleSize);
      codes.set(await readValues(() => session.model.encode(tf.tensor(x, [m, ...session.inputShape])).mu), start * k);
    }
    return codes;
  }

  /** Colourings of every validation sample (class labels or generative factors), read once per session. */
  private colourings(session: Session): PointColouring[] {
    session.colourings ??= pointColourings(loadSampleLabels(session.dataset, session.labelNames, session.splits.factorValues), session.splits.trainCount, session.splits.validationCount);
    return session.colourings;
  }

  /** Each image's class (or sprite shape) name, when the dataset has one; null when it has no categorical labels. */
  private labelsOf(session: Session, indices: number[]): (string | null)[] | null {
    const colouring = this.colourings(session).find((c): c is Extract<PointColouring, { kind: 'categorical' }> => c.kind === 'categorical');
    if (!colouring) return null;
    return indices.map((i) => colouring.categories[colouring.values[i]] ?? null);
  }

  /** Per-dimension mean and variance of the codes of the first CODE_STATISTICS_SAMPLES validation images. */
  private async statistics(session: Session): Promise<{ mean: Float64Array; variance: Float64Array }> {
    if (session.statistics) return session.statistics;
    const { sampleSize, validation, validationCount } = session.splits;
    const n = Math.min(CODE_STATISTICS_SAMPLES, validationCount);
    const codes = await readValues(() => session.model.encode(tf.tensor(validation.subarray(0, n * sampleSize), [n, ...session.inputShape])).mu);
    session.statistics = codeStatistics(codes, n, session.model.latentDim);
    return session.statistics;
  }

  private async frame(session: Session): Promise<CodeFrame> {
    return session.config.model.family === 'vae' ? priorFrame(session.model.latentDim) : spreadFrame(await this.statistics(session));
  }

  private async code(session: Session, index: number): Promise<Float32Array> {
    this.checkIndex(session, index);
    const cached = session.codes.get(index);
    if (cached) return cached;
    const { sampleSize } = session.splits;
    const x = session.splits.validation.subarray(index * sampleSize, (index + 1) * sampleSize);
    const code = await readValues(() => session.model.encode(tf.tensor(x, [1, ...session.inputShape])).mu);
    session.codes.set(index, code);
    return code;
  }
}
