import { mulberry32 } from '../datasets/rng';
import { graphFromEdges, type Graph } from './graph';

/**
 * Sets of small graphs for graph generation (GraphVAE, Simonovsky & Komodakis 2018; the benchmark sets of GraphRNN,
 * You et al. 2018). Nodes are numbered in the natural order of each construction (row by row for a grid, around the
 * cycle, …); a model that needs a canonical or random order imposes it itself. The graphs carry no features.
 */

/** An inclusive integer range [min, max]. */
export type SizeRange = readonly [number, number];

/** Draw `count` graphs with sizes picked uniformly (seeded) instead of one graph per size. */
export interface Sample {
  count: number;
  seed: number;
}

function checkRange(caller: string, name: string, [min, max]: SizeRange, least: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < least || max < min) {
    throw new RangeError(`${caller}: ${name} range is [${min}, ${max}]; give integers with ${least} ≤ min ≤ max`);
  }
}

function checkSample(caller: string, count: number, seed: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${caller}: count is ${count}; give a whole number of graphs`);
  if (!Number.isInteger(seed)) throw new RangeError(`${caller}: seed is ${seed}; give an integer`);
}

/** A uniform integer in [min, max]. */
const uniformInt = (random: () => number, [min, max]: SizeRange): number => min + Math.floor(random() * (max - min + 1));

const build = (nodeCount: number, sources: number[], targets: number[]): Graph => graphFromEdges(nodeCount, sources, targets).graph;

/**
 * GraphRNN's community-small (You et al. 2018, §4.1, at 12 ≤ |V| ≤ 20): |V| uniform in `nodes`, two communities of
 * ⌊|V|/2⌋ and ⌈|V|/2⌉ nodes, each an Erdős–Rényi graph with p = `pIntra`, then max(1, round(`interFraction`·|V|))
 * distinct edges between the communities, uniformly among the cross pairs. Labels give the community
 * ('community 1', 'community 2').
 */
export function communitySmall(count: number, seed: number, options: { nodes?: SizeRange; pIntra?: number; interFraction?: number } = {}): Graph[] {
  const { nodes = [12, 20], pIntra = 0.3, interFraction = 0.05 } = options;
  checkSample('communitySmall', count, seed);
  checkRange('communitySmall', 'nodes', nodes, 2);
  if (!(pIntra >= 0 && pIntra <= 1)) throw new RangeError(`communitySmall: pIntra is ${pIntra}; give a probability in [0, 1]`);
  if (!(interFraction >= 0)) throw new RangeError(`communitySmall: interFraction is ${interFraction}; give a share ≥ 0`);
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const n = uniformInt(random, nodes);
    const half = Math.floor(n / 2); // community 1 is 0 … half − 1, community 2 is half … n − 1
    const sources: number[] = [];
    const targets: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if ((i < half) === (j < half) && random() < pIntra) {
          sources.push(i);
          targets.push(j);
        }
      }
    }
    const crossPairs = half * (n - half);
    const inter = Math.min(crossPairs, Math.max(1, Math.round(interFraction * n)));
    const chosen = new Set<number>();
    while (chosen.size < inter) chosen.add(Math.floor(random() * crossPairs));
    for (const k of chosen) {
      sources.push(Math.floor(k / (n - half)));
      targets.push(half + (k % (n - half)));
    }
    const values = new Int32Array(n);
    values.fill(1, half);
    return { ...build(n, sources, targets), labels: { classes: ['community 1', 'community 2'], values } };
  });
}

/** The r × c grid graph (networkx grid_2d_graph): node r_i·c + c_j, joined to its right and lower neighbours. */
export function gridGraph(rows: number, columns: number): Graph {
  const sources: number[] = [];
  const targets: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = r * columns + c;
      if (c + 1 < columns) {
        sources.push(v);
        targets.push(v + 1);
      }
      if (r + 1 < rows) {
        sources.push(v);
        targets.push(v + columns);
      }
    }
  }
  return build(rows * columns, sources, targets);
}

/** Grid graphs: every rows × columns shape in the ranges (default 2–4 × 2–5, twelve graphs), or `sample.count` shapes drawn uniformly. */
export function grids(options: { rows?: SizeRange; columns?: SizeRange; sample?: Sample } = {}): Graph[] {
  const { rows = [2, 4], columns = [2, 5], sample } = options;
  checkRange('grids', 'rows', rows, 1);
  checkRange('grids', 'columns', columns, 1);
  if (sample) {
    checkSample('grids', sample.count, sample.seed);
    const random = mulberry32(sample.seed);
    return Array.from({ length: sample.count }, () => {
      const r = uniformInt(random, rows);
      return gridGraph(r, uniformInt(random, columns));
    });
  }
  const out: Graph[] = [];
  for (let r = rows[0]; r <= rows[1]; r++) for (let c = columns[0]; c <= columns[1]; c++) out.push(gridGraph(r, c));
  return out;
}

/** The cycle on n ≥ 3 nodes, 0 – 1 – … – (n − 1) – 0. */
export function cycleGraph(n: number): Graph {
  const sources = Array.from({ length: n }, (_, i) => i);
  return build(n, sources, sources.map((i) => (i + 1) % n));
}

/** Cycles: one per node count in `nodes` (default 4–20), or `sample.count` with counts drawn uniformly. */
export function cycles(options: { nodes?: SizeRange; sample?: Sample } = {}): Graph[] {
  const { nodes = [4, 20], sample } = options;
  checkRange('cycles', 'nodes', nodes, 3);
  return sizesFor('cycles', nodes, sample).map(cycleGraph);
}

/** The ladder with k rungs (networkx ladder_graph): rails 0 … k − 1 and k … 2k − 1, rungs i – (i + k); 2k nodes, 3k − 2 edges. */
export function ladderGraph(rungs: number): Graph {
  const sources: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < rungs; i++) {
    sources.push(i);
    targets.push(i + rungs);
    if (i + 1 < rungs) {
      sources.push(i, i + rungs);
      targets.push(i + 1, i + 1 + rungs);
    }
  }
  return build(2 * rungs, sources, targets);
}

/** Ladders: one per rung count in `rungs` (default 2–10, so 4–20 nodes), or `sample.count` with rung counts drawn uniformly. */
export function ladders(options: { rungs?: SizeRange; sample?: Sample } = {}): Graph[] {
  const { rungs = [2, 10], sample } = options;
  checkRange('ladders', 'rungs', rungs, 1);
  return sizesFor('ladders', rungs, sample).map(ladderGraph);
}

/**
 * The labelled tree of a Prüfer sequence (Prüfer 1918) on n = sequence length + 2 nodes: repeatedly join the
 * smallest remaining leaf to the sequence's next entry, then join the last two nodes. A uniform sequence gives a
 * uniform random labelled tree (Cayley: nⁿ⁻² of them).
 */
export function treeFromPrufer(sequence: ArrayLike<number>): Graph {
  const n = sequence.length + 2;
  const degree = new Int32Array(n).fill(1);
  for (let k = 0; k < sequence.length; k++) {
    const v = sequence[k];
    if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`treeFromPrufer: entry ${k} is ${v}; entries are nodes 0 … ${n - 1}`);
    degree[v]++;
  }
  const sources: number[] = [];
  const targets: number[] = [];
  // The linear-time decoding: `leaf` walks upward, and a node freed below it is used at once.
  let pointer = 0;
  while (degree[pointer] !== 1) pointer++;
  let leaf = pointer;
  for (let k = 0; k < sequence.length; k++) {
    const v = sequence[k];
    sources.push(leaf);
    targets.push(v);
    degree[leaf]--;
    if (--degree[v] === 1 && v < pointer) {
      leaf = v;
    } else {
      do pointer++;
      while (degree[pointer] !== 1);
      leaf = pointer;
    }
  }
  // Two nodes of degree 1 remain: `leaf` and n − 1.
  sources.push(leaf);
  targets.push(n - 1);
  return build(n, sources, targets);
}

/** Uniform random labelled trees, node counts uniform in `nodes` (default 4–20), each from a uniform Prüfer sequence. */
export function randomTrees(count: number, seed: number, options: { nodes?: SizeRange } = {}): Graph[] {
  const { nodes = [4, 20] } = options;
  checkSample('randomTrees', count, seed);
  checkRange('randomTrees', 'nodes', nodes, 2);
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const n = uniformInt(random, nodes);
    return treeFromPrufer(Array.from({ length: n - 2 }, () => Math.floor(random() * n)));
  });
}

/** One size per value in the range, or `sample.count` sizes drawn uniformly from it. */
function sizesFor(caller: string, range: SizeRange, sample: Sample | undefined): number[] {
  if (!sample) return Array.from({ length: range[1] - range[0] + 1 }, (_, k) => range[0] + k);
  checkSample(caller, sample.count, sample.seed);
  const random = mulberry32(sample.seed);
  return Array.from({ length: sample.count }, () => uniformInt(random, range));
}
