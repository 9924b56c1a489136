import { describe, expect, it } from 'vitest';
import { graphFromEdges } from '../../../../src-shared/graphs/graph';
import { normalizedAdjacency } from '../../../../src-shared/graphs/gcn-normalization';

/** D̃^−½ (A + I) D̃^−½ by plain loops over a dense matrix. */
function denseNormalized(n: number, edges: [number, number][]): number[][] {
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (const [i, j] of edges) a[i][j] = a[j][i] = 1;
  const d = a.map((row) => row.reduce((s, v) => s + v, 0));
  return a.map((row, i) => row.map((v, j) => v / Math.sqrt(d[i] * d[j])));
}

/** Scatters COO entries into a dense matrix (summing, so a duplicate entry would show). */
function scatter(n: number, coo: { rows: Int32Array; cols: Int32Array; weights: Float32Array }): number[][] {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  coo.rows.forEach((i, e) => (m[i][coo.cols[e]] += coo.weights[e]));
  return m;
}

describe('GCN normalized adjacency', () => {
  it('matches D̃^−½ (A + I) D̃^−½ on the 4-node path 0 – 1 – 2 – 3', () => {
    const edges: [number, number][] = [[0, 1], [1, 2], [2, 3]];
    const { graph } = graphFromEdges(4, [0, 1, 2], [1, 2, 3]);
    const coo = normalizedAdjacency(graph);
    // D̃ = diag(2, 3, 3, 2).
    const expected = denseNormalized(4, edges);
    expect(expected[0]).toEqual([1 / 2, 1 / Math.sqrt(6), 0, 0]);
    expect(expected[1]).toEqual([1 / Math.sqrt(6), 1 / 3, 1 / 3, 0]);
    expect(Array.from(coo.rows)).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 3, 3]);
    expect(Array.from(coo.cols)).toEqual([0, 1, 0, 1, 2, 1, 2, 3, 2, 3]);
    const got = scatter(4, coo);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        expect(got[i][j]).toBe(Math.fround(expected[i][j])); // float64 computed, then rounded once to float32
      }
    }
  });

  it('gives an isolated node its self-loop of weight 1 and keeps entries sorted within rows', () => {
    const { graph } = graphFromEdges(5, [3, 3, 0], [1, 4, 4]);
    const coo = normalizedAdjacency(graph);
    expect(coo.rows.length).toBe(2 * graph.edgeCount + graph.nodeCount);
    const pairs = Array.from(coo.rows, (i, e) => [i, coo.cols[e]]);
    expect(pairs).toEqual([[0, 0], [0, 4], [1, 1], [1, 3], [2, 2], [3, 1], [3, 3], [3, 4], [4, 0], [4, 3], [4, 4]]);
    const expected = denseNormalized(5, [[3, 1], [3, 4], [0, 4]]);
    const got = scatter(5, coo);
    expect(got[2][2]).toBe(1);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(got[i][j]).toBe(Math.fround(expected[i][j]));
  });
});
