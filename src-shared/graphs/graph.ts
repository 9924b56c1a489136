/**
 * An undirected graph in compressed sparse row form, the shape every graph piece of Latent Lab shares (importers,
 * generators, the edge split, message passing). Each undirected edge {i, j} appears twice, as j in i's row and i in
 * j's; rows are sorted; there are no self-loops and no duplicates.
 */
export interface Graph {
  nodeCount: number;
  /** rowPtr[i] … rowPtr[i + 1] − 1 index colIdx for node i's neighbours (length nodeCount + 1). */
  rowPtr: Int32Array;
  /** Neighbours, row by row, sorted within a row (length 2 × edgeCount). */
  colIdx: Int32Array;
  /** Undirected edges. */
  edgeCount: number;
  /** Node features, nodeCount × featureCount row-major, when the graph has any. */
  features?: { count: number; values: Float32Array };
  /** A class per node (−1 where a node has none), when the graph has labels. */
  labels?: { classes: string[]; values: Int32Array };
  /** The ids the source used for its nodes, in node order, when they were not 0 … nodeCount − 1. */
  nodeIds?: string[];
}

/** What building a graph dropped, for the import report. */
export interface EdgeReport {
  selfLoops: number;
  duplicates: number;
}

/**
 * A Graph from undirected edge pairs (i, j) of nodes 0 … nodeCount − 1: self-loops and repeated pairs (either
 * direction) are dropped and counted.
 */
export function graphFromEdges(nodeCount: number, sources: ArrayLike<number>, targets: ArrayLike<number>): { graph: Graph; report: EdgeReport } {
  if (sources.length !== targets.length) throw new Error(`edge lists differ in length: ${sources.length} sources, ${targets.length} targets`);
  const report: EdgeReport = { selfLoops: 0, duplicates: 0 };
  const seen = new Set<number>();
  const pairs: number[] = [];
  for (let e = 0; e < sources.length; e++) {
    const a = sources[e];
    const b = targets[e];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= nodeCount || b >= nodeCount) {
      throw new Error(`edge ${e} joins ${a} and ${b}: nodes are 0 … ${nodeCount - 1}`);
    }
    if (a === b) {
      report.selfLoops++;
      continue;
    }
    const [i, j] = a < b ? [a, b] : [b, a];
    const key = i * nodeCount + j;
    if (seen.has(key)) {
      report.duplicates++;
      continue;
    }
    seen.add(key);
    pairs.push(i, j);
  }
  const degree = new Int32Array(nodeCount);
  for (const v of pairs) degree[v]++;
  const rowPtr = new Int32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) rowPtr[i + 1] = rowPtr[i] + degree[i];
  const colIdx = new Int32Array(pairs.length);
  const fill = rowPtr.slice(0, nodeCount);
  for (let p = 0; p < pairs.length; p += 2) {
    const [i, j] = [pairs[p], pairs[p + 1]];
    colIdx[fill[i]++] = j;
    colIdx[fill[j]++] = i;
  }
  for (let i = 0; i < nodeCount; i++) colIdx.subarray(rowPtr[i], rowPtr[i + 1]).sort();
  return { graph: { nodeCount, rowPtr, colIdx, edgeCount: pairs.length / 2 }, report };
}

/** The graph's undirected edges as pairs (i < j), in row order. */
export function edgePairs(graph: Graph): { sources: Int32Array; targets: Int32Array } {
  const sources = new Int32Array(graph.edgeCount);
  const targets = new Int32Array(graph.edgeCount);
  let e = 0;
  for (let i = 0; i < graph.nodeCount; i++) {
    for (let p = graph.rowPtr[i]; p < graph.rowPtr[i + 1]; p++) {
      const j = graph.colIdx[p];
      if (j > i) {
        sources[e] = i;
        targets[e] = j;
        e++;
      }
    }
  }
  return { sources, targets };
}

/** Whether nodes i and j are joined (binary search in i's sorted row). */
export function hasEdge(graph: Graph, i: number, j: number): boolean {
  let lo = graph.rowPtr[i];
  let hi = graph.rowPtr[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = graph.colIdx[mid];
    if (v === j) return true;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export const degreeOf = (graph: Graph, i: number): number => graph.rowPtr[i + 1] - graph.rowPtr[i];
