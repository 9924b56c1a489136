import * as tf from '@tensorflow/tfjs';

/** A sparse N × N propagation matrix in coordinate form, as tensors: out[rows[k]] += weights[k] · h[cols[k]]. */
export interface SparsePropagation {
  nodeCount: number;
  rows: tf.Tensor1D;
  cols: tf.Tensor1D;
  /** [nnz, 1], so it broadcasts over feature columns. */
  weights: tf.Tensor2D;
}

/** The tensors of a propagation matrix given as COO arrays (for example Â from gcn-normalization.ts). */
export function sparsePropagation(nodeCount: number, rows: Int32Array, cols: Int32Array, weights: Float32Array): SparsePropagation {
  if (rows.length !== cols.length || rows.length !== weights.length) throw new Error(`a sparse matrix needs as many rows, cols and weights (${rows.length}, ${cols.length}, ${weights.length})`);
  return { nodeCount, rows: tf.tensor1d(rows, 'int32'), cols: tf.tensor1d(cols, 'int32'), weights: tf.tensor2d(weights, [weights.length, 1]) };
}

export const disposePropagation = (p: SparsePropagation): void => tf.dispose([p.rows, p.cols, p.weights]);

/**
 * Â · H without a dense N × N matrix (tfjs has no sparse product): gather each nonzero's source row, scale it by
 * the weight, and sum the rows into their targets with unsortedSegmentSum. Memory is O(nnz · F), so a graph of
 * 20,000 nodes and 100,000 edges propagates comfortably; gradients flow through gather and segment sums.
 */
export function propagate(p: SparsePropagation, h: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.unsortedSegmentSum(tf.mul(tf.gather(h, p.cols), p.weights), p.rows, p.nodeCount) as tf.Tensor2D);
}
