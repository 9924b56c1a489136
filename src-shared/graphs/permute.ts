import { shuffledIndices } from '../datasets/shuffle';
import { graphFromEdges, type Graph } from './graph';

/**
 * Node permutations of a graph: (A, X) ↦ (P A Pᵀ, P X) in the notation of the graph-VAE lecture (EECE 571F,
 * "Graph Variational Autoencoders"), used to show that a GNN-based ELBO is permutation invariant and to sample the
 * permutations of the permutation-sampled bound. A permutation is given as `newIndexOf`: node i of the input becomes
 * node newIndexOf[i] of the output.
 */

/** Throws unless `newIndexOf` is a permutation of 0 … n − 1. */
export function checkPermutation(newIndexOf: ArrayLike<number>, n: number): void {
  if (newIndexOf.length !== n) throw new RangeError(`a permutation of ${n} nodes needs ${n} entries, not ${newIndexOf.length}`);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = newIndexOf[i];
    if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`permutation entry ${i} is ${k}; entries are nodes 0 … ${n - 1}`);
    if (seen[k]) throw new RangeError(`permutation entry ${i} repeats node ${k}; each node must appear once`);
    seen[k] = 1;
  }
}

/** The inverse permutation: oldIndexOf[newIndexOf[i]] = i. */
export function invertPermutation(newIndexOf: ArrayLike<number>): Int32Array {
  const out = new Int32Array(newIndexOf.length);
  for (let i = 0; i < newIndexOf.length; i++) out[newIndexOf[i]] = i;
  return out;
}

/** A uniform random permutation of n nodes from a seeded Fisher–Yates shuffle (mulberry32, rng.ts): the same seed gives the same permutation everywhere. */
export const randomPermutation = (n: number, seed: number): Int32Array => shuffledIndices(n, seed);

/**
 * Row-major rows of `width` values moved with the nodes: row i of the input becomes row newIndexOf[i] (P X). Works for
 * node features, per-node noise, or any per-node array.
 */
export function permuteRows<T extends Float32Array | Float64Array | Int32Array>(values: T, width: number, newIndexOf: ArrayLike<number>): T {
  const n = newIndexOf.length;
  if (values.length !== n * width) throw new RangeError(`${values.length} values are not ${n} rows of ${width}`);
  const out = new (values.constructor as new (length: number) => T)(values.length);
  for (let i = 0; i < n; i++) out.set(values.subarray(i * width, (i + 1) * width), newIndexOf[i] * width);
  return out;
}

/** The graph with its nodes renumbered by `newIndexOf`: edges, features, labels and source ids move with their nodes. */
export function permuteGraph(graph: Graph, newIndexOf: ArrayLike<number>): Graph {
  const n = graph.nodeCount;
  checkPermutation(newIndexOf, n);
  const sources: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let p = graph.rowPtr[i]; p < graph.rowPtr[i + 1]; p++) {
      const j = graph.colIdx[p];
      if (j > i) {
        sources.push(newIndexOf[i]);
        targets.push(newIndexOf[j]);
      }
    }
  }
  const out: Graph = graphFromEdges(n, sources, targets).graph;
  if (graph.features) out.features = { count: graph.features.count, values: permuteRows(graph.features.values, graph.features.count, newIndexOf) };
  if (graph.labels) out.labels = { classes: graph.labels.classes, values: permuteRows(graph.labels.values, 1, newIndexOf) };
  if (graph.nodeIds) {
    const ids = new Array<string>(n);
    for (let i = 0; i < n; i++) ids[newIndexOf[i]] = graph.nodeIds[i];
    out.nodeIds = ids;
  }
  return out;
}
