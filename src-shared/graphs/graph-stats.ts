import { degreeOf, type Graph } from './graph';

/**
 * Descriptive statistics of a graph, for the Datasets screen and for comparing generated graphs with real ones by
 * MMD over degree and clustering histograms (GraphRNN, You et al. 2018, §4.2). Definitions follow networkx.
 */

/** counts[d] = number of nodes of degree d, for d = 0 … max degree (networkx degree_histogram). */
export function degreeHistogram(graph: Graph): number[] {
  const counts: number[] = [];
  for (let i = 0; i < graph.nodeCount; i++) {
    const d = degreeOf(graph, i);
    while (counts.length <= d) counts.push(0);
    counts[d]++;
  }
  return counts;
}

/**
 * Local clustering coefficient of each node (Watts & Strogatz 1998): the share of pairs of its neighbours that are
 * joined, 2·T_i / (k_i·(k_i − 1)) with T_i the triangles through i; 0 for a node of degree below 2 (networkx clustering).
 */
export function clusteringCoefficients(graph: Graph): Float64Array {
  const { rowPtr, colIdx } = graph;
  const out = new Float64Array(graph.nodeCount);
  for (let i = 0; i < graph.nodeCount; i++) {
    const k = rowPtr[i + 1] - rowPtr[i];
    if (k < 2) continue;
    // Each triangle through i is seen twice: from neighbour j (finding l) and from l (finding j).
    let twiceTriangles = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p];
      // Common neighbours of i and j, by merging the two sorted rows.
      let a = rowPtr[i];
      let b = rowPtr[j];
      while (a < rowPtr[i + 1] && b < rowPtr[j + 1]) {
        if (colIdx[a] === colIdx[b]) {
          twiceTriangles++;
          a++;
          b++;
        } else if (colIdx[a] < colIdx[b]) a++;
        else b++;
      }
    }
    out[i] = twiceTriangles / (k * (k - 1));
  }
  return out;
}

/** Mean local clustering coefficient over all nodes, degree-0 and degree-1 nodes counting 0 (networkx average_clustering); 0 for an empty graph. */
export function averageClustering(graph: Graph): number {
  if (graph.nodeCount === 0) return 0;
  let sum = 0;
  for (const c of clusteringCoefficients(graph)) sum += c;
  return sum / graph.nodeCount;
}

/**
 * Counts of local clustering coefficients in `bins` equal bins over [0, 1], the last bin closed
 * (np.histogram(…, bins=100, range=(0, 1)), as GraphRNN's clustering MMD uses).
 */
export function clusteringHistogram(graph: Graph, bins = 100): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`clusteringHistogram: bins is ${bins}; give a whole number ≥ 1`);
  const counts = new Array<number>(bins).fill(0);
  for (const c of clusteringCoefficients(graph)) counts[Math.min(bins - 1, Math.floor(c * bins))]++;
  return counts;
}

/** Share of nonzero entries in the node-feature matrix; null when the graph has no features. */
export function featureDensity(graph: Graph): number | null {
  if (!graph.features || graph.features.values.length === 0) return null;
  let nonzero = 0;
  for (const v of graph.features.values) if (v !== 0) nonzero++;
  return nonzero / graph.features.values.length;
}
