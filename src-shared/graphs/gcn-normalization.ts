import type { Graph } from './graph';

/**
 * The propagation matrix of a graph convolutional network (Kipf & Welling 2017, eq. 2; the GAE/VGAE encoder of
 * Kipf & Welling 2016): Â = D̃^−½ (A + I) D̃^−½ with D̃_ii = 1 + degree(i), so entry (i, j) of an edge or self-loop is
 * 1 / √(D̃_ii · D̃_jj). Weights are computed in float64 and stored as float32.
 */
export interface CooMatrix {
  rows: Int32Array;
  cols: Int32Array;
  weights: Float32Array;
}

/**
 * Â as coordinate entries: both directions of every edge and one self-loop per node, 2·E + N entries, ordered by
 * row and, within a row, by column. Message passing gathers rows of H at `cols`, scales them by `weights` and
 * segment-sums them into `rows`.
 */
export function normalizedAdjacency(graph: Graph): CooMatrix {
  const { nodeCount, rowPtr, colIdx } = graph;
  const invSqrtDegree = new Float64Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) invSqrtDegree[i] = 1 / Math.sqrt(1 + rowPtr[i + 1] - rowPtr[i]);
  const size = colIdx.length + nodeCount;
  const out: CooMatrix = { rows: new Int32Array(size), cols: new Int32Array(size), weights: new Float32Array(size) };
  let e = 0;
  const put = (i: number, j: number) => {
    out.rows[e] = i;
    out.cols[e] = j;
    out.weights[e] = invSqrtDegree[i] * invSqrtDegree[j];
    e++;
  };
  for (let i = 0; i < nodeCount; i++) {
    let selfDone = false;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p];
      if (!selfDone && j > i) {
        put(i, i);
        selfDone = true;
      }
      put(i, j);
    }
    if (!selfDone) put(i, i);
  }
  return out;
}
