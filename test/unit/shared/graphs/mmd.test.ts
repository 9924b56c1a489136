import { describe, expect, it } from 'vitest';
import { graphFromEdges } from '../../../../src-shared/graphs/graph';
import { clusteringMmd, degreeMmd, emd1d, gaussianEmdKernel, mmdSquared, normalizeHistogram } from '../../../../src-shared/graphs/mmd';
import { permuteGraph, randomPermutation } from '../../../../src-shared/graphs/permute';
import { communitySmall, cycles, grids, randomTrees } from '../../../../src-shared/graphs/small-graphs';

const graphOf = (n: number, edges: [number, number][]) =>
  graphFromEdges(
    n,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
  ).graph;

/**
 * The EMD by its definition: the least cost Σ_ij T_ij · |i − j| over transport plans T with row sums x and column
 * sums y. For histograms of `units` equal mass units per side, an optimal plan exists with whole units (the
 * transportation polytope has integer vertices), so enumerating the integer plans finds the minimum.
 */
function bruteForceEmd(x: number[], y: number[]): number {
  const size = Math.max(x.length, y.length);
  const supply = Array.from({ length: size }, (_, k) => x[k] ?? 0);
  const demand = Array.from({ length: size }, (_, k) => y[k] ?? 0);
  let best = Infinity;
  const search = (i: number, j: number, cost: number) => {
    if (cost >= best) return;
    if (i === size) {
      if (demand.every((d) => d === 0)) best = cost;
      return;
    }
    if (j === size) {
      if (supply[i] === 0) search(i + 1, 0, cost);
      return;
    }
    for (let t = Math.min(supply[i], demand[j]); t >= 0; t--) {
      supply[i] -= t;
      demand[j] -= t;
      search(i, j + 1, cost + t * Math.abs(i - j));
      supply[i] += t;
      demand[j] += t;
    }
  };
  search(0, 0, 0);
  return best;
}

describe('MMD between graph sets (GraphRNN evaluation)', () => {
  it('compute the 1-D EMD as the least-cost transport plan does', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 40; trial++) {
      const units = 2 + Math.floor(random() * 5);
      const lengthX = 1 + Math.floor(random() * 5);
      const lengthY = 1 + Math.floor(random() * 5);
      const x = new Array<number>(lengthX).fill(0);
      const y = new Array<number>(lengthY).fill(0);
      for (let u = 0; u < units; u++) {
        x[Math.floor(random() * lengthX)]++;
        y[Math.floor(random() * lengthY)]++;
      }
      const expected = bruteForceEmd(x, y) / units;
      expect(emd1d(normalizeHistogram(x, 'x'), normalizeHistogram(y, 'y'))).toBeCloseTo(expected, 12);
      // The ground distance scaled as the clustering MMD scales it (bins apart / number of bins).
      expect(emd1d(normalizeHistogram(x, 'x'), normalizeHistogram(y, 'y'), 100)).toBeCloseTo(expected / 100, 12);
    }
  });

  it('give 2 − 2·exp(−EMD²/2) for one triangle against one path of three nodes', () => {
    const triangle = graphOf(3, [[0, 1], [1, 2], [0, 2]]);
    const path = graphOf(3, [[0, 1], [1, 2]]);
    // Degrees [0, 0, 1] against [0, 2/3, 1/3]: the cumulative sums differ by 2/3 at degree 1 only.
    expect(emd1d([0, 0, 1], [0, 2 / 3, 1 / 3])).toBeCloseTo(2 / 3, 15);
    expect(degreeMmd([triangle], [path])).toBeCloseTo(2 - 2 * Math.exp(-(4 / 9) / 2), 14);
    // Clustering 1 (bin 99) against 0 (bin 0): EMD 0.99, σ = 0.1, so the kernel across is e^−49.
    const star = graphOf(4, [[0, 1], [0, 2], [0, 3]]);
    expect(clusteringMmd([triangle], [star])).toBeCloseTo(2 - 2 * Math.exp(-(0.99 ** 2) / (2 * 0.01)), 14);
    expect(gaussianEmdKernel([1], [0, 0, 1], 2)).toBeCloseTo(Math.exp(-4 / 8), 15);
  });

  it('are zero for identical sets, in any order and with the nodes renumbered', () => {
    const a = [...communitySmall(10, 3), ...grids().slice(0, 4), ...randomTrees(5, 8)];
    const shuffled = [...a].reverse().map((g, k) => permuteGraph(g, randomPermutation(g.nodeCount, k)));
    expect(degreeMmd(a, a)).toBe(0);
    expect(clusteringMmd(a, a)).toBe(0);
    expect(Math.abs(degreeMmd(a, shuffled))).toBeLessThan(1e-12);
    expect(Math.abs(clusteringMmd(a, shuffled))).toBeLessThan(1e-12);
  });

  it('are symmetric and positive for clearly different sets', () => {
    const ring = cycles({ nodes: [6, 16] });
    const trees = randomTrees(11, 4, { nodes: [6, 16] });
    const communities = communitySmall(11, 6);
    const d = degreeMmd(ring, trees);
    expect(d).toBeGreaterThan(0.1);
    expect(degreeMmd(trees, ring)).toBeCloseTo(d, 14);
    // Cycles and trees both have no triangles, so their clustering distributions coincide; communities have triangles.
    expect(Math.abs(clusteringMmd(ring, trees))).toBeLessThan(1e-12);
    const c = clusteringMmd(communities, trees);
    expect(c).toBeGreaterThan(0.1);
    expect(clusteringMmd(trees, communities)).toBeCloseTo(c, 14);
    // Sets drawn from one generator are closer than sets from different generators.
    expect(degreeMmd(randomTrees(11, 5, { nodes: [6, 16] }), trees)).toBeLessThan(d);
  });

  it('refuse empty sets and graphs without nodes', () => {
    expect(() => mmdSquared([], [[1]], () => 1)).toThrow(/two non-empty sets; got 0 and 1/);
    expect(() => degreeMmd([graphOf(0, [])], [graphOf(2, [[0, 1]])])).toThrow(/graph 0 of the first set has no mass/);
  });
});
