import * as tf from '@tensorflow/tfjs';
import { mulberry32, standardNormal } from '../../../src-shared/datasets/rng';
import { shuffledIndices } from '../../../src-shared/datasets/shuffle';
import { normalizedAdjacency } from '../../../src-shared/graphs/gcn-normalization';
import { degreeOf, graphFromEdges, type Graph } from '../../../src-shared/graphs/graph';
import { degreeHistogram } from '../../../src-shared/graphs/graph-stats';
import { permuteGraph, permuteRows, randomPermutation } from '../../../src-shared/graphs/permute';
import { tfSeed } from '../tf-seed';
import type { NamedVariable } from '../weights';
import { EXACT_DECODER_MAX_NODES } from './link-prediction';
import { disposePropagation, propagate, sparsePropagation, type SparsePropagation } from './message-passing';

/**
 * The graph VAE of the lecture notes (EECE 571F, Lecture 8, "Graph Variational Autoencoders"; Kipf & Welling 2016;
 * Simonovsky & Komodakis 2018), for a graph with node features X (N × F) and adjacency A:
 *   encoder   q(Z | X, A) = ∏_i N(Z_i | μ_i, σ_i² I), (μ, log σ²) from a two-layer GCN over Â = D̃^−½(A + I)D̃^−½;
 *   prior     p(Z) = ∏_i N(Z_i | 0, I);
 *   adjacency p(A | Z) = ∏_{i<j} Bernoulli(A_ij | σ(H_iᵀ H_j + b)), H = MLP(Z) with one hidden layer, b a learned
 *             scalar (see adjacencyBias; b = 0 and adjacencyBias false give the notes' σ(H_iᵀ H_j) exactly);
 *   features  p(X | A, Z) = ∏_i N(X_i | μ̃_i, σ̃_i² I), (μ̃, log σ̃²) from linear heads on a GCN layer over (Z, A);
 *   ELBO      = E_q[log p(A | Z) + log p(X | A, Z)] − KL(q(Z | X, A) ‖ p(Z)), in nats per graph.
 * A is undirected without self-loops, so it is determined by its pairs i < j: the adjacency term is a sum over the
 * N(N − 1)/2 unordered pairs, unweighted (it is the likelihood, not Kipf's pos_weight-balanced loss).
 *
 * With GNNs on both sides every node's distribution moves with the node, so the ELBO of (PAPᵀ, PX) equals that of
 * (A, X) for every permutation P (the notes' permutation argument). The 'mlp' adjacency decoder breaks this on
 * purpose: it reads Z flattened in node order, padded to maxNodes rows, and outputs one logit per pair slot (like
 * Simonovsky & Komodakis's MLP decoder over n_max node slots); for it the notes bound log p(X, A) ≥ log Σ_{P∈S} exp(ELBO_P) over sampled permutations S
 * (permutationSampledBound). Its feature decoder stays the GCN: only the adjacency decoder is order-dependent.
 *
 * Featureless graphs (the small-graph sets) get a one-hot of the node degree as X (degrees at or above the last bin
 * share it): unlike a constant it lets the encoder tell nodes apart, and like a constant it is permutation
 * equivariant. The dense N × N logits live only in the decoder; the encoder passes messages sparsely.
 */

export type AdjacencyDecoder = 'inner-product' | 'mlp';

export interface GraphVaeOptions {
  featureCount: number;
  /** 'inner-product': σ(H_iᵀH_j), H = MLP(Z) (equivariant); 'mlp': an MLP over flattened Z (fixed node order). */
  adjacencyDecoder: AdjacencyDecoder;
  /** Width of the encoder's first GCN layer. */
  encoderHidden: number;
  latentDim: number;
  /** Hidden width of H = MLP(Z), of the flattened-Z MLP, and of the feature decoder's GCN layer. */
  decoderHidden: number;
  /** Width of H, whose inner products are the pair logits (inner-product decoder). */
  embeddingDim: number;
  /**
   * Inner-product decoder: logit H_iᵀH_j + b with a learned scalar b (starting at 0, so the initial model is the
   * lecture's σ(H_iᵀH_j)) when true; exactly σ(H_iᵀH_j) when false. HHᵀ is positive semidefinite, so Σ_ij L_ij =
   * ‖Σ_i H_i‖² ≥ 0: without b, the mostly negative logits of a sparse graph need huge, finely opposed embeddings,
   * and on community-small training stalls at σ ≈ ½ for every pair.
   */
  adjacencyBias: boolean;
  /** The most nodes the 'mlp' decoder has slots for (n_max); smaller graphs are zero-padded. */
  maxNodes: number;
  /**
   * log σ̃² = floor + softplus(head) when a number: a Gaussian with learned variance on discrete features (the degree
   * one-hot) has an unbounded likelihood as σ̃ → 0, so the floor keeps the ELBO finite. null: log σ̃² = head.
   */
  featureLogVarFloor: number | null;
  seed: number;
}

export const GRAPH_VAE_DEFAULTS: Omit<GraphVaeOptions, 'featureCount' | 'seed' | 'maxNodes'> = {
  adjacencyDecoder: 'inner-product',
  encoderHidden: 32,
  latentDim: 16,
  decoderHidden: 32,
  embeddingDim: 16,
  adjacencyBias: true,
  featureLogVarFloor: Math.log(1e-2),
};

export interface GraphVae {
  options: GraphVaeOptions;
  variables: tf.Variable[];
  /** Every weight under a stable name ('enc_gcn1/kernel', …) for checkpoints. */
  namedVariables: NamedVariable[];
  encode(input: GraphVaeInput): { mu: tf.Tensor2D; logVar: tf.Tensor2D };
  /** The N × N pair logits (symmetric; the diagonal is not a pair and is never scored). */
  adjacencyLogits(z: tf.Tensor2D): tf.Tensor2D;
  /** (μ̃, log σ̃²) of p(X | A, Z), each N × featureCount, with `propagation` the Â of A. */
  decodeFeatures(z: tf.Tensor2D, propagation: SparsePropagation): { mu: tf.Tensor2D; logVar: tf.Tensor2D };
  dispose(): void;
}

/** One graph as the model reads it. */
export interface GraphVaeInput {
  nodeCount: number;
  propagation: SparsePropagation;
  x: tf.Tensor2D;
  /** Dense N × N 0/1 adjacency, zero diagonal: the decoder's targets. */
  adjacency: tf.Tensor2D;
}

/** The terms of the ELBO, nats per graph: elbo = recon_adj + recon_x − kl. */
export interface ElboTerms {
  elbo: number;
  /** E_q[log p(A | Z)] (≤ 0). */
  recon_adj: number;
  /** E_q[log p(X | A, Z)] (a density: either sign). */
  recon_x: number;
  /** KL(q(Z | X, A) ‖ p(Z)) (≥ 0). */
  kl: number;
}

/** Glorot-uniform weights (Glorot & Bengio 2010), seeded, as graph-autoencoder.ts draws them. */
function glorot(rows: number, cols: number, seed: number, name: string): tf.Variable {
  const limit = Math.sqrt(6 / (rows + cols));
  return tf.tidy(() => tf.variable(tf.randomUniform([rows, cols], -limit, limit, 'float32', tfSeed(seed)), true, name));
}

interface Dense {
  kernel: tf.Variable;
  bias: tf.Variable;
}

const affine = (layer: Dense, h: tf.Tensor2D): tf.Tensor2D => tf.add(tf.matMul(h, layer.kernel), layer.bias);
/** A GCN layer (Kipf & Welling 2017, eq. 2): Â H W + b, propagated sparsely. */
const gcn = (p: SparsePropagation, layer: Dense, h: tf.Tensor2D): tf.Tensor2D => tf.add(propagate(p, tf.matMul(h, layer.kernel)), layer.bias);

/** Number of unordered pair slots i < j among n nodes. */
const pairSlots = (n: number): number => (n * (n - 1)) / 2;

/**
 * For the 'mlp' decoder: entry (i, j) of an n × n matrix names the output slot of the pair {i, j} among maxNodes
 * nodes (row-major upper triangle); the diagonal points at slot 0 and is masked out of the likelihood.
 */
function pairSlotMatrix(n: number, maxNodes: number): Int32Array {
  const out = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const slot = i * maxNodes - (i * (i + 1)) / 2 + (j - i - 1);
      out[i * n + j] = slot;
      out[j * n + i] = slot;
    }
  }
  return out;
}

let instances = 0;

export function createGraphVae(options: GraphVaeOptions): GraphVae {
  const { featureCount, adjacencyDecoder, encoderHidden, latentDim, decoderHidden, embeddingDim, adjacencyBias, maxNodes, featureLogVarFloor, seed } = options;
  for (const [name, value] of Object.entries({ featureCount, encoderHidden, latentDim, decoderHidden, embeddingDim, maxNodes })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`graph VAE: ${name} is ${value}; give a whole number ≥ 1`);
  }
  if (adjacencyDecoder === 'mlp' && maxNodes < 2) throw new RangeError(`graph VAE: the mlp decoder needs maxNodes ≥ 2 (it is ${maxNodes})`);
  const scope = `graph_vae_${++instances}`;
  const namedVariables: NamedVariable[] = [];
  let offset = 0;
  const layer = (name: string, rows: number, cols: number): Dense => {
    const kernel = glorot(rows, cols, seed + offset++, `${scope}/${name}/kernel`);
    const bias = tf.tidy(() => tf.variable(tf.zeros([cols]), true, `${scope}/${name}/bias`));
    namedVariables.push({ name: `${name}/kernel`, variable: kernel }, { name: `${name}/bias`, variable: bias });
    return { kernel, bias };
  };
  const encGcn1 = layer('enc_gcn1', featureCount, encoderHidden);
  const encMu = layer('enc_gcn_mu', encoderHidden, latentDim);
  const encLogVar = layer('enc_gcn_log_var', encoderHidden, latentDim);
  const adj1 = adjacencyDecoder === 'mlp' ? layer('adj_flat_mlp1', maxNodes * latentDim, decoderHidden) : layer('adj_mlp1', latentDim, decoderHidden);
  const adj2 = adjacencyDecoder === 'mlp' ? layer('adj_flat_mlp2', decoderHidden, pairSlots(maxNodes)) : layer('adj_mlp2', decoderHidden, embeddingDim);
  // The mlp decoder's output layer already has a bias per pair slot.
  let logitBias: tf.Variable | null = null;
  if (adjacencyDecoder === 'inner-product' && adjacencyBias) {
    logitBias = tf.tidy(() => tf.variable(tf.zeros([]), true, `${scope}/adj_logit/bias`));
    namedVariables.push({ name: 'adj_logit/bias', variable: logitBias });
  }
  const xGcn = layer('x_gcn', latentDim, decoderHidden);
  const xMu = layer('x_mu', decoderHidden, featureCount);
  const xLogVar = layer('x_log_var', decoderHidden, featureCount);
  const variables = namedVariables.map((v) => v.variable);

  return {
    options,
    variables,
    namedVariables,
    encode(input) {
      const [mu, logVar] = tf.tidy(() => {
        const h = tf.relu(gcn(input.propagation, encGcn1, input.x));
        return [gcn(input.propagation, encMu, h), gcn(input.propagation, encLogVar, h)];
      });
      return { mu, logVar };
    },
    adjacencyLogits(z) {
      return tf.tidy((): tf.Tensor2D => {
        const n = z.shape[0];
        if (adjacencyDecoder === 'inner-product') {
          const h = affine(adj2, tf.relu(affine(adj1, z)));
          const gram = tf.matMul(h, h, false, true) as tf.Tensor2D;
          return logitBias ? (tf.add(gram, logitBias) as tf.Tensor2D) : gram;
        }
        if (n > maxNodes) throw new RangeError(`graph VAE: a graph of ${n} nodes is over the mlp decoder's ${maxNodes} node slots; build the model with a larger maxNodes`);
        const flat = tf.reshape(tf.pad(z, [[0, maxNodes - n], [0, 0]]), [1, maxNodes * latentDim]) as tf.Tensor2D;
        const slots = tf.reshape(affine(adj2, tf.relu(affine(adj1, flat))), [pairSlots(maxNodes)]);
        return tf.reshape(tf.gather(slots, tf.tensor1d(pairSlotMatrix(n, maxNodes), 'int32')), [n, n]) as tf.Tensor2D;
      });
    },
    decodeFeatures(z, propagation) {
      const [mu, logVar] = tf.tidy(() => {
        const g = tf.relu(gcn(propagation, xGcn, z));
        const head = affine(xLogVar, g);
        return [affine(xMu, g), featureLogVarFloor === null ? head : tf.add(featureLogVarFloor, tf.softplus(head))];
      });
      return { mu: mu as tf.Tensor2D, logVar: logVar as tf.Tensor2D };
    },
    dispose() {
      tf.dispose(variables);
    },
  };
}

/**
 * X for a graph: its own features, or (featureless) a one-hot of min(degree, featureCount − 1), row-major N × featureCount.
 */
export function nodeFeatures(graph: Graph, featureCount: number): Float32Array {
  if (graph.features) {
    if (graph.features.count !== featureCount) throw new Error(`the graph has ${graph.features.count} node features; the model reads ${featureCount}`);
    return graph.features.values;
  }
  const out = new Float32Array(graph.nodeCount * featureCount);
  for (let i = 0; i < graph.nodeCount; i++) out[i * featureCount + Math.min(degreeOf(graph, i), featureCount - 1)] = 1;
  return out;
}

/** The tensors of one graph (Â, X, dense A); free them with disposeGraphVaeInput. */
export function graphVaeInput(graph: Graph, featureCount: number): GraphVaeInput {
  const n = graph.nodeCount;
  if (n < 1) throw new RangeError('graph VAE: the graph has no nodes');
  if (n > EXACT_DECODER_MAX_NODES) throw new RangeError(`graph VAE: a graph of ${n} nodes is over ${EXACT_DECODER_MAX_NODES}, the most the dense N² pair decoder handles here`);
  const features = nodeFeatures(graph, featureCount);
  const a = normalizedAdjacency(graph);
  const dense = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let q = graph.rowPtr[i]; q < graph.rowPtr[i + 1]; q++) dense[i * n + graph.colIdx[q]] = 1;
  return {
    nodeCount: n,
    propagation: sparsePropagation(n, a.rows, a.cols, a.weights),
    x: tf.tensor2d(features, [n, featureCount]),
    adjacency: tf.tensor2d(dense, [n, n]),
  };
}

export function disposeGraphVaeInput(input: GraphVaeInput): void {
  disposePropagation(input.propagation);
  tf.dispose([input.x, input.adjacency]);
}

/**
 * The negative ELBO of one graph with one posterior sample Z = μ + σ ⊙ ε (Kingma & Welling 2013, eq. 10), or Z = μ
 * when `noise` is null (a deterministic check), and its terms as scalars, nats per graph:
 *   recon_adj = Σ_{i<j} A_ij log σ(L_ij) + (1 − A_ij) log σ(−L_ij), log σ(l) = −softplus(−l);
 *   recon_x   = Σ_i Σ_f −½ (log 2π + log σ̃²_if + (X_if − μ̃_if)² / σ̃²_if), with X decoded given the observed A;
 *   kl        = ½ Σ_i Σ_k (μ_ik² + σ_ik² − 1 − log σ_ik²) (Kingma & Welling 2013, appendix B);
 *   loss      = −(recon_adj + recon_x − kl), for minimizing.
 */
export function graphVaeLoss(model: GraphVae, input: GraphVaeInput, noise: tf.Tensor2D | null): { loss: tf.Scalar; recon_adj: tf.Scalar; recon_x: tf.Scalar; kl: tf.Scalar } {
  return tf.tidy(() => {
    const { mu, logVar } = model.encode(input);
    const z = noise ? (tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), noise)) as tf.Tensor2D) : mu;
    const logits = model.adjacencyLogits(z);
    const a = input.adjacency;
    const perPair = tf.add(tf.mul(a, tf.softplus(tf.neg(logits))), tf.mul(tf.sub(1, a), tf.softplus(logits)));
    // L is symmetric, so the off-diagonal sum counts each pair i < j twice.
    const offDiagonal = tf.sub(1, tf.eye(input.nodeCount));
    const reconAdj = tf.mul(-0.5, tf.sum(tf.mul(perPair, offDiagonal))) as tf.Scalar;
    const x = model.decodeFeatures(z, input.propagation);
    const squared = tf.mul(tf.square(tf.sub(input.x, x.mu)), tf.exp(tf.neg(x.logVar)));
    const reconX = tf.mul(-0.5, tf.sum(tf.add(tf.add(Math.log(2 * Math.PI), x.logVar), squared))) as tf.Scalar;
    const kl = tf.mul(0.5, tf.sum(tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), 1), logVar))) as tf.Scalar;
    const loss = tf.neg(tf.sub(tf.add(reconAdj, reconX), kl)) as tf.Scalar;
    return { loss, recon_adj: reconAdj, recon_x: reconX, kl };
  });
}

/**
 * The ELBO terms of one graph, evaluated at Z = μ ('mean') or at Z = μ + σ ⊙ ε with the given ε (N × latentDim,
 * row-major, rows in the graph's node order: permute it with the graph to compare orders under the same noise).
 */
export function evaluateElbo(model: GraphVae, graph: Graph, noise: 'mean' | Float32Array = 'mean'): ElboTerms {
  const input = graphVaeInput(graph, model.options.featureCount);
  try {
    const packed = tf.tidy(() => {
      const eps = noise === 'mean' ? null : tf.tensor2d(noise, [graph.nodeCount, model.options.latentDim]);
      const t = graphVaeLoss(model, input, eps);
      return tf.stack([t.recon_adj, t.recon_x, t.kl]);
    });
    const [recon_adj, recon_x, kl] = Array.from(packed.dataSync());
    packed.dispose();
    return { elbo: recon_adj + recon_x - kl, recon_adj, recon_x, kl };
  } finally {
    disposeGraphVaeInput(input);
  }
}

/** log Σ exp(v) in float64, shifted by the maximum so no term overflows. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) max = Math.max(max, values[k]);
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += Math.exp(values[k] - max);
  return max + Math.log(sum);
}

/**
 * The notes' permutation-sampled bound (EECE 571F, last slide of "Graph Variational Autoencoders"):
 *   log Σ_{P∈Π} p(PX, PAPᵀ) ≥ log Σ_{P∈S} p(PX, PAPᵀ) ≥ log Σ_{P∈S} exp(ELBO_P),
 * with S `samples` uniform random permutations (permutation s from seed + s, permute.ts) and ELBO_P the ELBO of the
 * reordered graph. `noise`: 'mean' (Z = μ), or a seed for one ε drawn in the given node order and moved with the nodes,
 * so orders differ only through the decoder. Returns the bound and every ELBO_P.
 */
export function permutationSampledBound(
  model: GraphVae,
  graph: Graph,
  options: { samples: number; seed: number; noise?: 'mean' | { seed: number } },
): { bound: number; elbos: Float64Array; permutations: Int32Array[] } {
  const { samples, seed, noise = 'mean' } = options;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`permutation-sampled bound: samples is ${samples}; give a whole number ≥ 1`);
  const k = model.options.latentDim;
  const eps = noise === 'mean' ? null : standardNormal(noise.seed, graph.nodeCount * k);
  const elbos = new Float64Array(samples);
  const permutations: Int32Array[] = [];
  for (let s = 0; s < samples; s++) {
    const permutation = randomPermutation(graph.nodeCount, seed + s);
    permutations.push(permutation);
    elbos[s] = evaluateElbo(model, permuteGraph(graph, permutation), eps ? permuteRows(eps, k, permutation) : 'mean').elbo;
  }
  return { bound: logSumExp(elbos), elbos, permutations };
}

export interface GeneratedGraph {
  graph: Graph;
  /** σ(L_ij) row-major N × N (diagonal 0), the probabilities A was drawn from. */
  edgeProbabilities: Float64Array;
  /** μ̃ and log σ̃² of p(X | A, Z), N × featureCount. */
  featureMean: Float32Array;
  featureLogVar: Float32Array;
}

/**
 * A graph of `nodeCount` nodes from the model: Z ~ N(0, I) (standardNormal(seed)), then each pair i < j joined with
 * probability σ(L_ij), drawn with mulberry32(seed + 1) ('sample', the model's distribution, which MMD evaluation
 * needs) or joined when σ(L_ij) > ½ ('threshold', the most likely A given Z); then X | A, Z: features are μ̃ by
 * default, or a draw N(μ̃, σ̃²) from standardNormal(seed + 2) with features 'sample'.
 */
export function generateGraph(
  model: GraphVae,
  nodeCount: number,
  seed: number,
  options: { adjacency?: 'sample' | 'threshold'; features?: 'mean' | 'sample' } = {},
): GeneratedGraph {
  const { adjacency = 'sample', features = 'mean' } = options;
  if (!Number.isInteger(nodeCount) || nodeCount < 1) throw new RangeError(`graph VAE: cannot generate a graph of ${nodeCount} nodes; give a whole number ≥ 1`);
  const { latentDim, featureCount } = model.options;
  const z = tf.tensor2d(standardNormal(seed, nodeCount * latentDim), [nodeCount, latentDim]);
  try {
    const logits = tf.tidy(() => model.adjacencyLogits(z));
    const l = logits.dataSync();
    logits.dispose();
    const uniform = mulberry32(seed + 1);
    const edgeProbabilities = new Float64Array(nodeCount * nodeCount);
    const sources: number[] = [];
    const targets: number[] = [];
    for (let i = 0; i < nodeCount; i++) {
      for (let j = i + 1; j < nodeCount; j++) {
        const p = 1 / (1 + Math.exp(-l[i * nodeCount + j]));
        edgeProbabilities[i * nodeCount + j] = edgeProbabilities[j * nodeCount + i] = p;
        if (adjacency === 'sample' ? uniform() < p : p > 0.5) {
          sources.push(i);
          targets.push(j);
        }
      }
    }
    const graph = graphFromEdges(nodeCount, sources, targets).graph;
    const a = normalizedAdjacency(graph);
    const p = sparsePropagation(nodeCount, a.rows, a.cols, a.weights);
    const x = model.decodeFeatures(z, p);
    disposePropagation(p);
    const featureMean = x.mu.dataSync() as Float32Array;
    const featureLogVar = x.logVar.dataSync() as Float32Array;
    tf.dispose([x.mu, x.logVar]);
    let values = featureMean;
    if (features === 'sample') {
      const eps = standardNormal(seed + 2, featureMean.length);
      values = featureMean.map((m, k) => m + Math.exp(0.5 * featureLogVar[k]) * eps[k]);
    }
    return { graph: { ...graph, features: { count: featureCount, values } }, edgeProbabilities, featureMean, featureLogVar };
  } finally {
    z.dispose();
  }
}

export interface GraphVaeTrainConfig {
  /** Model settings; GRAPH_VAE_DEFAULTS fill what is left out. */
  model?: Partial<Omit<GraphVaeOptions, 'featureCount' | 'seed'>>;
  learningRate: number;
  epochs: number;
  seed: number;
}

/** Means over the set's graphs of one epoch's training-step terms (one posterior sample per graph), nats per graph. */
export interface GraphVaeEpoch extends ElboTerms {
  epoch: number;
}

/**
 * Trains a graph VAE on a set of small graphs with Adam, one graph per step, in a seeded random order each epoch.
 * One graph per step rather than a block-diagonal batch: the ELBO is a per-graph quantity whose pair term covers only
 * pairs within a graph (a disjoint union would need a block mask over its N² logits), and the mlp decoder reads each
 * graph's Z in its own padded slots; the small graphs this is for make a step cheap. Featureless graphs get the
 * degree one-hot with as many bins as the set's largest degree + 1; the mlp decoder gets maxNodes = the largest graph
 * unless the config says. Returns the trained model (the caller disposes it), its options and the epochs' terms.
 */
export async function trainGraphVaeOnSet(
  graphs: Graph[],
  config: GraphVaeTrainConfig,
  onEpoch?: (epoch: GraphVaeEpoch) => void | Promise<void>,
): Promise<{ model: GraphVae; options: GraphVaeOptions; epochs: GraphVaeEpoch[] }> {
  if (graphs.length === 0) throw new RangeError('graph VAE: the training set has no graphs');
  const featured = graphs.filter((g) => g.features).length;
  if (featured !== 0 && featured !== graphs.length) throw new Error(`graph VAE: ${featured} of ${graphs.length} graphs have node features; give all of them features or none`);
  // Featureless: one degree bin for each degree 0 … the set's largest (degreeHistogram has exactly that length).
  const featureCount = featured ? graphs[0].features!.count : Math.max(...graphs.map((g) => degreeHistogram(g).length));
  const options: GraphVaeOptions = { ...GRAPH_VAE_DEFAULTS, maxNodes: Math.max(...graphs.map((g) => g.nodeCount)), ...config.model, featureCount, seed: config.seed };
  const inputs = graphs.map((g) => graphVaeInput(g, featureCount));
  const model = createGraphVae(options);
  const optimizer = tf.train.adam(config.learningRate);
  const epochs: GraphVaeEpoch[] = [];
  let step = 0;
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      let sums = tf.zeros([3]);
      for (const index of shuffledIndices(inputs.length, config.seed * 7919 + epoch)) {
        const input = inputs[index];
        step++;
        const kept: tf.Tensor[] = [];
        optimizer.minimize(
          () => {
            const noise = tf.randomNormal([input.nodeCount, options.latentDim], 0, 1, 'float32', tfSeed(config.seed * 1_000_003 + step)) as tf.Tensor2D;
            const t = graphVaeLoss(model, input, noise);
            kept.push(tf.keep(tf.stack([t.recon_adj, t.recon_x, t.kl])));
            return t.loss;
          },
          false,
          model.variables,
        );
        const next = tf.add(sums, kept[0]);
        tf.dispose([sums, ...kept]);
        sums = next;
      }
      const [adj, x, kl] = Array.from(await sums.data()).map((v) => v / inputs.length);
      sums.dispose();
      const record: GraphVaeEpoch = { epoch, elbo: adj + x - kl, recon_adj: adj, recon_x: x, kl };
      epochs.push(record);
      await onEpoch?.(record);
    }
    return { model, options, epochs };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
    inputs.forEach(disposeGraphVaeInput);
  }
}
