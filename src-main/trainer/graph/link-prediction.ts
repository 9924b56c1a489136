import * as tf from '@tensorflow/tfjs';
import type { EdgeSplit, HeldOutEdges } from '../../../src-shared/graphs/edge-split';
import type { Graph } from '../../../src-shared/graphs/graph';
import { normalizedAdjacency } from '../../../src-shared/graphs/gcn-normalization';
import { averagePrecision, rocAuc } from '../../../src-shared/metrics/ranking';
import { tfSeed } from '../tf-seed';
import { mulberry32 } from '../../../src-shared/datasets/rng';
import { BERNOULLI_NLL } from '../kernels/simd/bernoulli-kernels';
import { adjacencyTargets, createGraphAutoencoder, graphAutoencoderLoss, reconstructionWeights, type GraphAutoencoder, type PairTensors } from './graph-autoencoder';
import { disposePropagation, sparsePropagation } from './message-passing';

/**
 * The decoder's loss is exact over all N² pairs up to this many nodes (the N × N logits, their softplus and gradient
 * take about 3 · 4 · N² bytes: 300 MB at 5,000 nodes). Above it, each epoch estimates the all-pairs part of the same
 * loss from sampled pairs (graphAutoencoderLoss), as PyTorch Geometric's GAE samples negatives.
 */
export const EXACT_DECODER_MAX_NODES = 5000;

/** How the decoder's loss is computed for a graph of `nodes` nodes. */
export const decoderLossMode = (nodes: number): 'exact' | 'sampled' => (nodes > EXACT_DECODER_MAX_NODES ? 'sampled' : 'exact');

/** Kipf & Welling's setup (tkipf/gae): GCN 32 → 16, Adam 0.01, 200 epochs, full batch. */
export interface LinkPredictionConfig {
  variational: boolean;
  hidden: number[];
  latentDim: number;
  learningRate: number;
  epochs: number;
  seed: number;
  /** Weight on VGAE's KL term (1: the reference code). */
  beta?: number;
}

export const KIPF_DEFAULTS: Omit<LinkPredictionConfig, 'variational' | 'seed'> = { hidden: [32], latentDim: 16, learningRate: 0.01, epochs: 200 };

export interface LinkPredictionEpoch {
  epoch: number;
  loss: number;
  recon: number;
  kl: number;
  val_auc: number;
  val_ap: number;
}

/** σ(μ_iᵀ μ_j) for held-out pairs, positives then negatives, with their labels (as Kipf scores them, on μ). */
export function pairScores(mu: Float32Array, latentDim: number, pairs: HeldOutEdges): { scores: Float64Array; labels: Uint8Array } {
  const n = pairs.positive.sources.length + pairs.negative.sources.length;
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  let k = 0;
  for (const [set, label] of [[pairs.positive, 1], [pairs.negative, 0]] as const) {
    for (let e = 0; e < set.sources.length; e++) {
      const i = set.sources[e] * latentDim;
      const j = set.targets[e] * latentDim;
      let dot = 0;
      for (let d = 0; d < latentDim; d++) dot += mu[i + d] * mu[j + d];
      scores[k] = 1 / (1 + Math.exp(-dot));
      labels[k++] = label;
    }
  }
  return { scores, labels };
}

/** Node features as the encoder reads them: the graph's own, or null for the identity (Kipf's featureless setting). */
function featureMatrix(graph: Graph): tf.Tensor2D | null {
  if (graph.features && graph.features.count > 0) return tf.tensor2d(graph.features.values, [graph.nodeCount, graph.features.count]);
  return null;
}

/** The encoder's inputs, the decoder's targets and the model for one training graph: what an epoch needs. */
export interface LinkPredictionTask {
  model: GraphAutoencoder;
  /** One full-batch gradient step; `epoch` seeds VGAE's noise, so a resumed run draws what it would have drawn. */
  step(optimizer: tf.Optimizer, epoch: number): Promise<{ loss: number; recon: number; kl: number }>;
  /** μ of every node (N × latentDim), as Kipf scores pairs. */
  means(): Promise<Float32Array>;
  /** 'exact' over all N² pairs, or 'sampled' pairs each epoch above EXACT_DECODER_MAX_NODES. */
  decoderLoss: 'exact' | 'sampled';
  /** Pairs drawn per epoch for the sampled loss (as many as A + I has positives); 0 when exact. */
  sampledPairs: number;
  /** AUC and AP (float64, ranking.ts) of held-out pairs scored by σ(μ_iᵀμ_j), with the scores. */
  score(pairs: HeldOutEdges): Promise<{ auc: number; ap: number; scores: Float64Array; labels: Uint8Array }>;
  dispose(): void;
}

export function createLinkPredictionTask(graph: Graph, config: Omit<LinkPredictionConfig, 'learningRate' | 'epochs'>): LinkPredictionTask {
  const n = graph.nodeCount;
  const adjacency = normalizedAdjacency(graph);
  const p = sparsePropagation(n, adjacency.rows, adjacency.cols, adjacency.weights);
  const x = featureMatrix(graph);
  // adj_label = A_train + I: the decoder's positive targets, as index pairs (no dense N × N target).
  const pairs = adjacencyTargets(graph);
  const positives: PairTensors = { sources: tf.tensor1d(pairs.sources, 'int32'), targets: tf.tensor1d(pairs.targets, 'int32') };
  const decoderLoss = decoderLossMode(n);
  // Targets of zero for the all-pairs softplus as a fused Bernoulli NLL (graphAutoencoderLoss); exact loss only.
  const fused = tf.getKernel(BERNOULLI_NLL, tf.getBackend()) !== undefined;
  const zeros = decoderLoss === 'exact' && fused ? (tf.zeros([n, n]) as tf.Tensor2D) : undefined;
  const sampledPairs = decoderLoss === 'sampled' ? pairs.sources.length : 0;
  /** Epoch e's uniform pairs over all N² ordered pairs, from the seed and e (a resumed run draws the same). */
  const samplePairs = (epoch: number): PairTensors => {
    const random = mulberry32((config.seed * 2_654_435_761 + epoch) >>> 0);
    const sources = new Int32Array(sampledPairs);
    const targets = new Int32Array(sampledPairs);
    for (let k = 0; k < sampledPairs; k++) {
      sources[k] = Math.floor(random() * n);
      targets[k] = Math.floor(random() * n);
    }
    return { sources: tf.tensor1d(sources, 'int32'), targets: tf.tensor1d(targets, 'int32') };
  };
  const weights = reconstructionWeights(n, graph.colIdx.length);
  const beta = config.beta ?? 1;
  const model = createGraphAutoencoder({ variational: config.variational, featureCount: x ? x.shape[1] : n, hidden: config.hidden, latentDim: config.latentDim, seed: config.seed });
  const means = async () => {
    const mu = tf.tidy(() => model.encode(p, x).mu);
    const values = (await mu.data()) as Float32Array;
    mu.dispose();
    return values;
  };
  return {
    model,
    decoderLoss,
    sampledPairs,
    async step(optimizer, epoch) {
      let kept: tf.Scalar[] = [];
      const sampled = decoderLoss === 'sampled' ? samplePairs(epoch) : undefined;
      let cost: tf.Scalar;
      try {
        cost = optimizer.minimize(
          () => {
            const { mu, logStd } = model.encode(p, x);
            const noise = tfSeed(config.seed * 1_000_003 + epoch);
            const z = logStd ? (tf.add(mu, tf.mul(tf.randomNormal(mu.shape, 0, 1, 'float32', noise), tf.exp(logStd))) as tf.Tensor2D) : mu;
            const { loss, recon, kl } = graphAutoencoderLoss(z, positives, weights, logStd ? { mu, logStd } : null, beta, sampled, zeros);
            kept = [tf.keep(recon), tf.keep(kl)];
            return loss;
          },
          true,
          model.variables,
        ) as tf.Scalar;
      } catch (error) {
        tf.dispose(kept);
        throw error;
      } finally {
        if (sampled) tf.dispose([sampled.sources, sampled.targets]);
      }
      const packed = tf.stack([cost, ...kept]);
      tf.dispose([cost, ...kept]);
      const [loss, recon, kl] = Array.from(await packed.data());
      packed.dispose();
      return { loss, recon, kl };
    },
    means,
    async score(pairs) {
      const { scores, labels } = pairScores(await means(), config.latentDim, pairs);
      return { auc: rocAuc(scores, labels), ap: averagePrecision(scores, labels), scores, labels };
    },
    dispose() {
      model.dispose();
      disposePropagation(p);
      tf.dispose([positives.sources, positives.targets, ...(x ? [x] : []), ...(zeros ? [zeros] : [])]);
    },
  };
}

/**
 * Trains a GAE or VGAE for link prediction on the training graph of `split`, full batch, reporting the validation
 * AUC and AP (float64, ranking.ts) after each epoch, and returns the test AUC and AP of the final model.
 */
export async function trainLinkPrediction(
  split: EdgeSplit,
  config: LinkPredictionConfig,
  onEpoch?: (epoch: LinkPredictionEpoch) => void | Promise<void>,
): Promise<{ epochs: LinkPredictionEpoch[]; test_auc: number; test_ap: number; mu: Float32Array }> {
  const task = createLinkPredictionTask(split.train, config);
  const optimizer = tf.train.adam(config.learningRate);
  const epochs: LinkPredictionEpoch[] = [];
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const terms = await task.step(optimizer, epoch);
      const validation = await task.score(split.validation);
      const record = { epoch, ...terms, val_auc: validation.auc, val_ap: validation.ap };
      epochs.push(record);
      await onEpoch?.(record);
    }
    const test = await task.score(split.test);
    return { epochs, test_auc: test.auc, test_ap: test.ap, mu: await task.means() };
  } finally {
    optimizer.dispose();
    task.dispose();
  }
}
