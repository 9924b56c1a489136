import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import { graphFromEdges, type Graph } from '../../../../src-shared/graphs/graph';
import { averageClustering, clusteringCoefficients, clusteringHistogram, degreeHistogram, featureDensity } from '../../../../src-shared/graphs/graph-stats';

const graphOf = (n: number, edges: [number, number][]) =>
  graphFromEdges(
    n,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
  ).graph;

const triangle = graphOf(3, [[0, 1], [1, 2], [0, 2]]);
const star = graphOf(5, [[0, 1], [0, 2], [0, 3], [0, 4]]);
// The square 0 – 1 – 2 – 3 – 0 with the diagonal 0 – 2: triangles {0, 1, 2} and {0, 2, 3}.
const squareWithDiagonal = graphOf(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]);

describe('graph statistics', () => {
  it('count degrees into a histogram from degree 0', () => {
    expect(degreeHistogram(triangle)).toEqual([0, 0, 3]);
    expect(degreeHistogram(star)).toEqual([0, 4, 0, 0, 1]);
    expect(degreeHistogram(squareWithDiagonal)).toEqual([0, 0, 2, 2]);
    expect(degreeHistogram(graphOf(3, []))).toEqual([3]);
  });

  it('give the local clustering of hand graphs', () => {
    expect(Array.from(clusteringCoefficients(triangle))).toEqual([1, 1, 1]);
    expect(averageClustering(triangle)).toBe(1);
    expect(Array.from(clusteringCoefficients(star))).toEqual([0, 0, 0, 0, 0]);
    expect(averageClustering(star)).toBe(0);
    // Nodes 1 and 3 see their two neighbours joined; nodes 0 and 2 see 2 of their 3 neighbour pairs joined.
    const c = clusteringCoefficients(squareWithDiagonal);
    expect(Array.from(c)).toEqual([2 / 3, 1, 2 / 3, 1]);
    expect(averageClustering(squareWithDiagonal)).toBeCloseTo(5 / 6, 15);
    expect(averageClustering(graphOf(0, []))).toBe(0);
  });

  it('agree with counting joined neighbour pairs on a dense matrix', () => {
    const n = 40;
    const random = mulberry32(11);
    const edges: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (random() < 0.2) edges.push([i, j]);
    const graph = graphOf(n, edges);
    const dense = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
    for (const [i, j] of edges) dense[i][j] = dense[j][i] = true;
    const c = clusteringCoefficients(graph);
    for (let i = 0; i < n; i++) {
      const neighbours = dense[i].flatMap((joined, j) => (joined ? [j] : []));
      let joinedPairs = 0;
      for (let a = 0; a < neighbours.length; a++) for (let b = a + 1; b < neighbours.length; b++) if (dense[neighbours[a]][neighbours[b]]) joinedPairs++;
      const k = neighbours.length;
      expect(c[i]).toBeCloseTo(k < 2 ? 0 : joinedPairs / ((k * (k - 1)) / 2), 14);
    }
    const histogram = clusteringHistogram(graph, 10);
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(n);
    for (let b = 0; b < 10; b++) expect(histogram[b]).toBe(Array.from(c).filter((v) => Math.min(9, Math.floor(v * 10)) === b).length);
  });

  it('put a coefficient of 1 in the last histogram bin', () => {
    expect(clusteringHistogram(triangle, 4)).toEqual([0, 0, 0, 3]);
    expect(clusteringHistogram(squareWithDiagonal, 3)).toEqual([0, 0, 4]);
    expect(() => clusteringHistogram(triangle, 0)).toThrow(/bins is 0/);
  });

  it('give the share of nonzero features, or null without features', () => {
    const withFeatures: Graph = { ...triangle, features: { count: 4, values: Float32Array.from([1, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 2]) } };
    expect(featureDensity(withFeatures)).toBe(3 / 12);
    expect(featureDensity(triangle)).toBeNull();
  });
});
