import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../../src-shared/graphs/graph';
import { bernoulliNll } from '../objectives/bernoulli-nll';
import type { NamedVariable } from '../weights';
import { propagate, type SparsePropagation } from './message-passing';

/**
 * The graph autoencoders of Kipf & Welling (2016), as their reference code (tkipf/gae) builds them: a two-layer GCN
 * encoder over Â = D^−½(A + I)D^−½ (ReLU, then linear), and the inner-product decoder p(A_ij = 1 | Z) = σ(z_iᵀ z_j).
 * GAE encodes Z = GCN(X, A); VGAE encodes μ and log σ with two second layers sharing the first, and samples
 * Z = μ + σ ⊙ ε in training.
 */
export interface GraphAutoencoder {
  variational: boolean;
  featureCount: number;
  /** Widths of the ReLU GCN layers before the latent head(s) (Kipf's: one of 32). */
  hidden: number[];
  latentDim: number;
  variables: tf.Variable[];
  /** The variables under the names weights files and checkpoints use ('gcn1/kernel', …, 'gcn_mu/kernel'). */
  namedVariables: NamedVariable[];
  /**
   * μ (GAE: Z) and, for VGAE, log σ (Kipf's z_log_std), each N × latentDim. `x` null stands for the identity (Kipf's
   * featureless setting, featureCount = N): X·W₁ is W₁ itself, so no N × N matrix is made.
   */
  encode(p: SparsePropagation, x: tf.Tensor2D | null): { mu: tf.Tensor2D; logStd: tf.Tensor2D | null };
  dispose(): void;
}

/** Glorot-uniform weights, as the reference code's `weight_variable_glorot`, drawn from `seed`. */
function glorot(rows: number, cols: number, seed: number, name: string): tf.Variable {
  const limit = Math.sqrt(6 / (rows + cols));
  return tf.tidy(() => tf.variable(tf.randomUniform([rows, cols], -limit, limit, 'float32', seed), true, name));
}

let instances = 0;

/**
 * A GAE or VGAE: featureCount → hidden… (ReLU) → latentDim, no biases (the reference code has none). With one hidden
 * layer the weights are drawn exactly as before more were allowed: layer 1 from `seed`, μ from seed + 1, log σ from
 * seed + 2; further hidden layers continue from seed + 3.
 */
export function createGraphAutoencoder(options: { variational: boolean; featureCount: number; hidden: number[]; latentDim: number; seed: number }): GraphAutoencoder {
  const { variational, featureCount, hidden, latentDim, seed } = options;
  if (hidden.length === 0) throw new Error('a graph autoencoder needs at least one hidden GCN layer');
  const scope = `${variational ? 'vgae' : 'gae'}_${++instances}`;
  const named: NamedVariable[] = [];
  const add = (rows: number, cols: number, layerSeed: number, name: string) => {
    const variable = glorot(rows, cols, layerSeed, `${scope}/${name}`);
    named.push({ name, variable });
    return variable;
  };
  const widths = [featureCount, ...hidden];
  const layers = hidden.map((units, i) => add(widths[i], units, i === 0 ? seed : seed + 2 + i, `gcn${i + 1}/kernel`));
  const last = hidden[hidden.length - 1];
  const wMu = add(last, latentDim, seed + 1, 'gcn_mu/kernel');
  const wStd = variational ? add(last, latentDim, seed + 2, 'gcn_log_std/kernel') : null;
  const variables = named.map((v) => v.variable);
  return {
    variational,
    featureCount,
    hidden,
    latentDim,
    variables,
    namedVariables: named,
    encode(p, x) {
      const [mu, logStd] = tf.tidy(() => {
        let h: tf.Tensor2D | null = x;
        for (const w of layers) h = tf.relu(propagate(p, h === null ? (w as tf.Tensor2D) : tf.matMul(h, w))) as tf.Tensor2D;
        if (h === null) throw new Error('unreachable: a graph autoencoder has at least one hidden layer');
        const heads = [propagate(p, tf.matMul(h, wMu))];
        if (wStd) heads.push(propagate(p, tf.matMul(h, wStd)));
        return heads;
      });
      return { mu, logStd: logStd ?? null };
    },
    dispose() {
      tf.dispose(variables);
    },
  };
}

/**
 * Kipf's reconstruction weighting for a training adjacency with `positives` nonzero entries (ordered pairs, each
 * undirected edge twice, no self-loops) on N nodes: pos_weight = (N² − E)/E balances the rare edges against the
 * non-edges, and norm = N² / (2(N² − E)) scales the mean so the loss keeps its size across graphs.
 */
export function reconstructionWeights(nodeCount: number, positives: number): { posWeight: number; norm: number } {
  const n2 = nodeCount * nodeCount;
  if (positives <= 0 || positives >= n2) throw new Error(`a graph of ${nodeCount} nodes with ${positives} adjacency entries has no edges to weigh against its non-edges`);
  return { posWeight: (n2 - positives) / positives, norm: n2 / (2 * (n2 - positives)) };
}

/** Node pairs as index tensors (gathered from Z to score them). */
export interface PairTensors {
  sources: tf.Tensor1D;
  targets: tf.Tensor1D;
}

/**
 * The decoder's positive targets, A + I as the reference code's adj_label: every ordered pair (i, j) with A_ij = 1
 * (each undirected edge both ways) and every (i, i).
 */
export function adjacencyTargets(graph: Graph): { sources: Int32Array; targets: Int32Array } {
  const count = graph.colIdx.length + graph.nodeCount;
  const sources = new Int32Array(count);
  const targets = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < graph.nodeCount; i++) {
    sources[k] = i;
    targets[k++] = i;
    for (let q = graph.rowPtr[i]; q < graph.rowPtr[i + 1]; q++) {
      sources[k] = i;
      targets[k++] = graph.colIdx[q];
    }
  }
  return { sources, targets };
}

/** z_iᵀz_j for each pair. */
const pairLogits = (z: tf.Tensor2D, pairs: PairTensors): tf.Tensor1D => tf.sum(tf.mul(tf.gather(z, pairs.sources), tf.gather(z, pairs.targets)), 1);

/**
 * The loss the reference code minimizes, over all N² pairs with the inner-product decoder:
 *   norm · mean_ij( −pos_weight · A_ij · log σ(z_iᵀz_j) − (1 − A_ij) · log(1 − σ(z_iᵀz_j)) )
 * with A the training adjacency plus self-loops (adj_label = adj_train + I), and for VGAE minus
 *   (0.5 / N) · mean_i Σ_k (1 + 2 log σ_ik − μ_ik² − σ_ik²)
 * (the KL of q(Z|X, A) to N(0, I), per node, divided by N as in the reference code), weighted by β (1: the reference).
 *
 * It is computed without the dense N × N target: with −log σ(l) = softplus(−l) = softplus(l) − l, the sum over all
 * pairs is Σ_ij softplus(l_ij) + Σ_{(i,j) ∈ A+I} [(w − 1)·softplus(l_ij) − w·l_ij], so the N² logits only pass through
 * one softplus and one sum (the positives are gathered: 2E + N of them). `positives` are A + I's pairs
 * (adjacencyTargets). With `sampled` pairs (M uniform draws over all N² ordered pairs, with replacement), the all-pairs
 * sum is estimated by N²/M · Σ_sampled softplus(l): an unbiased estimate of the same loss for graphs too large for the
 * N × N logits. `zeros`, an N × N tensor of zeros kept by the caller, lets the all-pairs sum run as one fused kernel.
 */
export function graphAutoencoderLoss(
  z: tf.Tensor2D,
  positives: PairTensors,
  weights: { posWeight: number; norm: number },
  posterior: { mu: tf.Tensor2D; logStd: tf.Tensor2D } | null,
  beta = 1,
  sampled?: PairTensors,
  zeros?: tf.Tensor2D,
): { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar } {
  return tf.tidy(() => {
    const n = z.shape[0];
    const n2 = n * n;
    // Σ softplus(l) over the N × N logits is the Bernoulli NLL of targets 0: with an N × N `zeros` at hand it runs as
    // the fused SIMD kernel on wasm (one pass forward, one for the gradient σ(l)), else as tfjs' softplus.
    const logits = sampled ? null : (tf.matMul(z, z, false, true) as tf.Tensor2D);
    const allPairs = sampled
      ? tf.mul(n2 / sampled.sources.shape[0], tf.sum(tf.softplus(pairLogits(z, sampled))))
      : zeros
        ? tf.sum(bernoulliNll(logits as tf.Tensor2D, zeros))
        : tf.sum(tf.softplus(logits!));
    const l = pairLogits(z, positives);
    const w = weights.posWeight;
    const positiveTerms = tf.sum(tf.sub(tf.mul(w - 1, tf.softplus(l)), tf.mul(w, l)));
    const recon = tf.mul(weights.norm / n2, tf.add(allPairs, positiveTerms)) as tf.Scalar;
    if (!posterior) return { loss: recon, recon, kl: tf.scalar(0) };
    const { mu, logStd } = posterior;
    const perNode = tf.sum(tf.sub(tf.sub(tf.add(1, tf.mul(2, logStd)), tf.square(mu)), tf.square(tf.exp(logStd))), 1);
    const kl = tf.mul(-0.5 / n, tf.mean(perNode)) as tf.Scalar;
    return { loss: tf.add(recon, beta === 1 ? kl : tf.mul(beta, kl)) as tf.Scalar, recon, kl };
  });
}
