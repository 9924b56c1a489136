import { mulberry32 } from '../datasets/rng';
import { graphFromEdges, type Graph } from './graph';

/**
 * A stochastic block model (Holland, Laskey & Leinhardt 1983) with community-correlated sparse binary features: a
 * synthetic stand-in for a citation graph such as Cora, for link prediction with GAE/VGAE (Kipf & Welling 2016).
 *
 * The model, exactly:
 * - Nodes are split into `communities` contiguous blocks of near-equal size: community c holds nodes
 *   ⌊c·N/K⌋ … ⌊(c+1)·N/K⌋ − 1, and its label is c (class 'community c+1').
 * - Each pair i < j is an edge independently, with probability pIn when i and j share a community and pOut otherwise.
 * - Features likewise fall into K contiguous blocks, community c preferring features ⌊c·F/K⌋ … ⌊(c+1)·F/K⌋ − 1
 *   (m_c of them). With density d and signal s, a node of community c has each feature on independently with
 *   probability qOut = (1 − s)·d outside its preferred block and qIn = (1 − s)·d + s·d·F/m_c inside it, so every node
 *   expects d·F active features: s = 0 makes features independent of the community, s = 1 puts them all in the
 *   preferred block. Feature values are 0 or 1.
 * Sampling skips geometrically between successes (Batagelj & Brandes 2005, "Efficient generation of large random
 * networks"), so the cost follows the number of edges and active features, not N² or N·F. Edges and features draw
 * from separate seeded streams: changing the feature settings leaves the edges as they were.
 */
export interface SbmOptions {
  nodes: number;
  communities: number;
  /** Edge probability within a community. */
  pIn: number;
  /** Edge probability between communities. */
  pOut: number;
  /** Number of binary features per node; 0 for none. */
  featureCount: number;
  /** Expected share of features that are on, for every node. */
  featureDensity: number;
  /** 0 … 1: how strongly a node's active features concentrate in its community's preferred block (see above). */
  featureSignal: number;
  seed: number;
}

/**
 * A Cora-sized link-prediction graph: Cora's 2,708 nodes, 7 classes and 1,433 binary features at its density
 * (49,216 ones, 1.27 %), with about Cora's 5,278 edges (≈ 5,320 expected: 4,284 within communities, 1,037 between,
 * about Cora's 81 % of edges within a class).
 */
export const CORA_SIZED_SBM: Readonly<SbmOptions> = Object.freeze({
  nodes: 2708,
  communities: 7,
  pIn: 0.0082,
  pOut: 0.00033,
  featureCount: 1433,
  featureDensity: 0.0127,
  featureSignal: 0.5,
  seed: 1,
});

/** The first and one-past-last index of block b when `count` items are cut into `blocks` near-equal contiguous blocks. */
export function blockRange(count: number, blocks: number, b: number): { start: number; end: number } {
  return { start: Math.floor((b * count) / blocks), end: Math.floor(((b + 1) * count) / blocks) };
}

/** Expected edge count of the model: pIn over the within-community pairs plus pOut over the rest. */
export function sbmExpectedEdges(options: Pick<SbmOptions, 'nodes' | 'communities' | 'pIn' | 'pOut'>): number {
  const { nodes, communities, pIn, pOut } = options;
  let within = 0;
  for (let c = 0; c < communities; c++) {
    const { start, end } = blockRange(nodes, communities, c);
    within += ((end - start) * (end - start - 1)) / 2;
  }
  return pIn * within + pOut * ((nodes * (nodes - 1)) / 2 - within);
}

/** Samples the stochastic block model described above. */
export function stochasticBlockModel(options: SbmOptions): Graph {
  const { nodes, communities, pIn, pOut, featureCount, featureDensity, featureSignal, seed } = options;
  const integer = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`stochasticBlockModel: ${name} is ${v}; give an integer ≥ ${min}`);
  };
  const probability = (name: string, v: number) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`stochasticBlockModel: ${name} is ${v}; give a probability in [0, 1]`);
  };
  integer('nodes', nodes, 1);
  integer('communities', communities, 1);
  if (communities > nodes) throw new RangeError(`stochasticBlockModel: ${communities} communities for ${nodes} nodes; give at most one community per node`);
  probability('pIn', pIn);
  probability('pOut', pOut);
  integer('featureCount', featureCount, 0);
  if (!Number.isInteger(seed)) throw new RangeError(`stochasticBlockModel: seed is ${seed}; give an integer`);

  const labels = new Int32Array(nodes);
  for (let c = 0; c < communities; c++) {
    const { start, end } = blockRange(nodes, communities, c);
    labels.fill(c, start, end);
  }
  const graph: Graph = {
    ...sampleEdges(nodes, communities, pIn, pOut, mulberry32(seed)),
    labels: { classes: Array.from({ length: communities }, (_, c) => `community ${c + 1}`), values: labels },
  };
  if (featureCount > 0) {
    probability('featureDensity', featureDensity);
    probability('featureSignal', featureSignal);
    if (featureCount < communities) {
      throw new RangeError(`stochasticBlockModel: ${featureCount} features for ${communities} communities; give each community at least one preferred feature`);
    }
    graph.features = {
      count: featureCount,
      values: sampleFeatures(labels, communities, featureCount, featureDensity, featureSignal, mulberry32((seed ^ 0x9e3779b9) >>> 0)),
    };
  }
  return graph;
}

/** Calls visit(k) for each k in 0 … total − 1 independently with probability p, one uniform draw per success (geometric skips). */
function forEachSuccess(total: number, p: number, random: () => number, visit: (k: number) => void): void {
  if (p <= 0 || total <= 0) return;
  if (p >= 1) {
    for (let k = 0; k < total; k++) visit(k);
    return;
  }
  // The gap before the next success is geometric: ⌊log U / log(1 − p)⌋ failures, U uniform in (0, 1].
  const logFail = Math.log1p(-p);
  for (let k = Math.floor(Math.log(1 - random()) / logFail); k < total; k += 1 + Math.floor(Math.log(1 - random()) / logFail)) visit(k);
}

function sampleEdges(nodes: number, communities: number, pIn: number, pOut: number, random: () => number): Graph {
  const sources: number[] = [];
  const targets: number[] = [];
  const blocks = Array.from({ length: communities }, (_, c) => blockRange(nodes, communities, c));
  for (let a = 0; a < communities; a++) {
    const { start, end } = blocks[a];
    // Pairs i < j inside the block, numbered k = j(j − 1)/2 + i (local indices): column j holds j(j − 1)/2 … j(j + 1)/2 − 1.
    const size = end - start;
    let j = 1;
    forEachSuccess((size * (size - 1)) / 2, pIn, random, (k) => {
      while (k >= (j * (j + 1)) / 2) j++;
      sources.push(start + k - (j * (j - 1)) / 2);
      targets.push(start + j);
    });
    for (let b = a + 1; b < communities; b++) {
      // Pairs between blocks a and b, numbered row by row.
      const width = blocks[b].end - blocks[b].start;
      forEachSuccess(size * width, pOut, random, (k) => {
        sources.push(start + Math.floor(k / width));
        targets.push(blocks[b].start + (k % width));
      });
    }
  }
  return graphFromEdges(nodes, sources, targets).graph;
}

function sampleFeatures(labels: Int32Array, communities: number, featureCount: number, density: number, signal: number, random: () => number): Float32Array {
  const values = new Float32Array(labels.length * featureCount);
  const qOut = (1 - signal) * density;
  const preferred = Array.from({ length: communities }, (_, c) => {
    const range = blockRange(featureCount, communities, c);
    const qIn = qOut + (signal * density * featureCount) / (range.end - range.start);
    if (qIn > 1) {
      throw new RangeError(
        `stochasticBlockModel: community ${c + 1}'s preferred features would be on with probability ${qIn.toFixed(3)} > 1; lower featureDensity or featureSignal, or use more features`,
      );
    }
    return { ...range, qIn };
  });
  for (let i = 0; i < labels.length; i++) {
    const { start, end, qIn } = preferred[labels[i]];
    const row = i * featureCount;
    forEachSuccess(start, qOut, random, (k) => (values[row + k] = 1));
    forEachSuccess(end - start, qIn, random, (k) => (values[row + start + k] = 1));
    forEachSuccess(featureCount - end, qOut, random, (k) => (values[row + end + k] = 1));
  }
  return values;
}
