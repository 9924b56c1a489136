import { mulberry32 } from '../datasets/rng';
import { shuffledIndices } from '../datasets/shuffle';
import { edgePairs, graphFromEdges, hasEdge, type Graph } from './graph';

/**
 * The link-prediction split of Kipf & Welling 2016 (VGAE), as their reference code's `mask_test_edges` (tkipf/gae,
 * preprocessing.py) makes it: the undirected edges are shuffled, ⌊E · validation⌋ go to validation and the next
 * ⌊E · test⌋ to test, the rest stay in the training graph; each held-out set gets as many node pairs that are not
 * edges. Two choices differ from that code on purpose: every negative is a non-edge of the full graph (the reference
 * only keeps validation negatives off training and validation edges, so one could be a test edge), and validation
 * and test negatives are disjoint.
 */

/** Node pairs (sources[k], targets[k]) with sources[k] < targets[k]. */
export interface NodePairs {
  sources: Int32Array;
  targets: Int32Array;
}

/** Held-out edges (label 1) and as many non-edges of the full graph (label 0). */
export interface HeldOutEdges {
  positive: NodePairs;
  negative: NodePairs;
}

export interface EdgeSplit {
  /** The graph with only the training edges; nodes, features, labels and node ids are the input's (the same arrays, not copies). */
  train: Graph;
  validation: HeldOutEdges;
  test: HeldOutEdges;
}

export interface EdgeSplitOptions {
  /** Share of the edges held out for validation (Kipf's 5 %). */
  validation?: number;
  /** Share of the edges held out for test (Kipf's 10 %). */
  test?: number;
  /** Seeds the edge shuffle and, through a second stream, the negative sampling. */
  seed: number;
}

/**
 * Splits the graph's edges for link prediction (see the file comment). The same graph, options and seed give the
 * same split. Throws when the graph has too few non-edges to match the held-out edges.
 */
export function splitEdges(graph: Graph, options: EdgeSplitOptions): EdgeSplit {
  const { validation = 0.05, test = 0.1, seed } = options;
  for (const [name, share] of [['validation', validation], ['test', test]] as const) {
    if (!(share >= 0 && share < 1)) throw new RangeError(`splitEdges: ${name} share is ${share}; give a share in [0, 1)`);
  }
  if (validation + test >= 1) throw new RangeError(`splitEdges: validation ${validation} + test ${test} leaves no training edges; keep their sum below 1`);
  if (!Number.isInteger(seed)) throw new RangeError(`splitEdges: seed is ${seed}; give an integer`);

  const e = graph.edgeCount;
  const n = graph.nodeCount;
  const numValidation = Math.floor(e * validation);
  const numTest = Math.floor(e * test);
  const { sources, targets } = edgePairs(graph);
  const order = shuffledIndices(e, seed);
  const pick = (from: number, to: number): NodePairs => ({
    sources: Int32Array.from(order.subarray(from, to), (k) => sources[k]),
    targets: Int32Array.from(order.subarray(from, to), (k) => targets[k]),
  });
  const validationPositive = pick(0, numValidation);
  const testPositive = pick(numValidation, numValidation + numTest);
  const trainPairs = pick(numValidation + numTest, e);

  const pairCount = (n * (n - 1)) / 2;
  const nonEdges = pairCount - e;
  const needed = numValidation + numTest;
  if (needed > nonEdges) {
    throw new RangeError(`splitEdges: the graph has ${nonEdges} non-edges but the split needs ${needed} negatives; hold out fewer edges`);
  }
  const random = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  // Test negatives first, then validation, as the reference code draws them.
  const [testNegative, validationNegative] =
    nonEdges - needed >= pairCount / 4 ? rejectionNegatives(graph, [numTest, numValidation], random) : enumeratedNegatives(graph, [numTest, numValidation], random);

  const { graph: trained } = graphFromEdges(n, trainPairs.sources, trainPairs.targets);
  const train: Graph = { ...graph, rowPtr: trained.rowPtr, colIdx: trained.colIdx, edgeCount: trained.edgeCount };
  return {
    train,
    validation: { positive: validationPositive, negative: validationNegative },
    test: { positive: testPositive, negative: testNegative },
  };
}

/** Draws uniform pairs i ≠ j and keeps the unused non-edges; used while at least a quarter of all pairs stay eligible, so a draw succeeds with probability at least (n − 1)/4n. */
function rejectionNegatives(graph: Graph, counts: number[], random: () => number): NodePairs[] {
  const n = graph.nodeCount;
  const used = new Set<number>();
  return counts.map((count) => {
    const out: NodePairs = { sources: new Int32Array(count), targets: new Int32Array(count) };
    let k = 0;
    while (k < count) {
      const a = Math.floor(random() * n);
      const b = Math.floor(random() * n);
      if (a === b) continue;
      const [i, j] = a < b ? [a, b] : [b, a];
      const key = i * n + j;
      if (used.has(key) || hasEdge(graph, i, j)) continue;
      used.add(key);
      out.sources[k] = i;
      out.targets[k] = j;
      k++;
    }
    return out;
  });
}

/** For a dense graph, where rejection would mostly miss: lists every non-edge, shuffles them (seeded) and deals them out. */
function enumeratedNegatives(graph: Graph, counts: number[], random: () => number): NodePairs[] {
  const n = graph.nodeCount;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (!hasEdge(graph, i, j)) candidates.push(i * n + j);
  }
  let next = 0;
  return counts.map((count) => {
    const out: NodePairs = { sources: new Int32Array(count), targets: new Int32Array(count) };
    for (let k = 0; k < count; k++, next++) {
      // Partial Fisher–Yates: only the pairs dealt out are shuffled into place.
      const r = next + Math.floor(random() * (candidates.length - next));
      [candidates[next], candidates[r]] = [candidates[r], candidates[next]];
      out.sources[k] = Math.floor(candidates[next] / n);
      out.targets[k] = candidates[next] % n;
    }
    return out;
  });
}
