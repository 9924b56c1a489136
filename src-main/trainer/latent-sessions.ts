import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src-shared/config/run-config';
import type { ImageBatch } from '../../src-shared/contract/types';
import type { DatasetSource, DatasetSplits } from '../../src-shared/datasets/types';
import { toImageBatch } from '../../src-shared/datasets/to-image-batch';
import { loadSplits } from './load-dataset';
import { createModel, type VaeMlp } from './models';
import { loadWeights } from './weights';

interface Session {
  model: VaeMlp;
  splits: DatasetSplits;
  /** E[z|x] = μ(x) of validation images already encoded. */
  means: Map<number, Float32Array>;
}

/**
 * Decode sessions over trained runs: a session loads a run's weights once and then answers interpolation
 * requests. Interpolation is between posterior means: z(t) = (1 − t)·μ(x_a) + t·μ(x_b), decoded to
 * E[x|z] = sigmoid(logits) for the Bernoulli decoder.
 */
export class LatentSessions {
  private readonly sessions = new Map<string, Session>();

  open(sessionId: string, config: RunConfig, dataset: DatasetSource, weightsPath: string): { latentDim: number; candidates: number } {
    this.close(sessionId);
    const splits = loadSplits(dataset);
    const model = createModel(config.model, splits.sampleSize, config.training.seed);
    try {
      loadWeights(weightsPath, model.namedVariables);
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.sessions.set(sessionId, { model, splits, means: new Map() });
    return { latentDim: model.latentDim, candidates: splits.validationCount };
  }

  candidates(sessionId: string, count: number): ImageBatch {
    const { splits } = this.get(sessionId);
    const n = Math.min(count, splits.validationCount);
    return toImageBatch(splits.validation.subarray(0, n * splits.sampleSize), n, splits.sampleShape);
  }

  interpolate(sessionId: string, a: number, b: number, t: number): ImageBatch {
    const session = this.get(sessionId);
    const muA = this.mean(session, a);
    const muB = this.mean(session, b);
    const z = new Float32Array(muA.length);
    for (let i = 0; i < z.length; i++) z[i] = (1 - t) * muA[i] + t * muB[i];
    const pixels = tf.tidy(() => tf.sigmoid(session.model.decode(tf.tensor2d(z, [1, z.length]))).dataSync() as Float32Array);
    return toImageBatch(pixels, 1, session.splits.sampleShape);
  }

  close(sessionId: string): void {
    this.sessions.get(sessionId)?.model.dispose();
    this.sessions.delete(sessionId);
  }

  private get(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`latent session '${sessionId}' is not open`);
    return session;
  }

  private mean(session: Session, index: number): Float32Array {
    if (!Number.isInteger(index) || index < 0 || index >= session.splits.validationCount) {
      throw new Error(`image ${index} is out of range: the validation split has ${session.splits.validationCount} images`);
    }
    const cached = session.means.get(index);
    if (cached) return cached;
    const { sampleSize } = session.splits;
    const x = session.splits.validation.subarray(index * sampleSize, (index + 1) * sampleSize);
    const mu = tf.tidy(() => session.model.encode(tf.tensor2d(x, [1, sampleSize])).mu.dataSync() as Float32Array);
    session.means.set(index, mu);
    return mu;
  }
}
