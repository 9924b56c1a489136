import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import { graphFromEdges, hasEdge, type Graph } from '../../../../src-shared/graphs/graph';
import { checkPermutation, invertPermutation, permuteGraph, permuteRows, randomPermutation } from '../../../../src-shared/graphs/permute';

function randomGraph(n: number, p: number, seed: number): Graph {
  const random = mulberry32(seed);
  const sources: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (random() < p) {
        sources.push(i);
        targets.push(j);
      }
    }
  }
  const graph = graphFromEdges(n, sources, targets).graph;
  return {
    ...graph,
    features: { count: 2, values: Float32Array.from({ length: 2 * n }, (_, k) => k) },
    labels: { classes: ['a', 'b', 'c'], values: Int32Array.from({ length: n }, (_, i) => i % 3) },
    nodeIds: Array.from({ length: n }, (_, i) => `node-${i}`),
  };
}

describe('node permutations', () => {
  it('move every edge, feature row, label and id with its node (P A Pᵀ, P X)', () => {
    const graph = randomGraph(15, 0.3, 2);
    const perm = randomPermutation(15, 9);
    const out = permuteGraph(graph, perm);
    expect(out.nodeCount).toBe(15);
    expect(out.edgeCount).toBe(graph.edgeCount);
    for (let i = 0; i < 15; i++) {
      for (let j = 0; j < 15; j++) expect(hasEdge(out, perm[i], perm[j])).toBe(hasEdge(graph, i, j));
      expect(Array.from(out.features!.values.subarray(2 * perm[i], 2 * perm[i] + 2))).toEqual([2 * i, 2 * i + 1]);
      expect(out.labels!.values[perm[i]]).toBe(i % 3);
      expect(out.nodeIds![perm[i]]).toBe(`node-${i}`);
    }
    expect(out.labels!.classes).toEqual(['a', 'b', 'c']);
  });

  it('undo a permutation with its inverse, and leave a graph as it is under the identity', () => {
    const graph = randomGraph(12, 0.4, 5);
    const perm = randomPermutation(12, 1);
    const back = permuteGraph(permuteGraph(graph, perm), invertPermutation(perm));
    expect(back).toEqual(graph);
    expect(permuteGraph(graph, Int32Array.from({ length: 12 }, (_, i) => i))).toEqual(graph);
  });

  it('permute per-node rows of any width', () => {
    expect(Array.from(permuteRows(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, [2, 0, 1]))).toEqual([3, 4, 5, 6, 1, 2]);
    expect(() => permuteRows(new Float32Array(5), 2, [0, 1, 2])).toThrow(/5 values are not 3 rows of 2/);
  });

  it('draw seeded permutations, uniformly over the 6 orders of 3 nodes', () => {
    expect(randomPermutation(20, 4)).toEqual(randomPermutation(20, 4));
    expect(randomPermutation(20, 4)).not.toEqual(randomPermutation(20, 5));
    const counts = new Map<string, number>();
    for (let s = 0; s < 6000; s++) {
      const p = randomPermutation(3, s);
      checkPermutation(p, 3);
      counts.set(p.join(), (counts.get(p.join()) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // 1000 expected each; a binomial standard deviation is ≈ 29, so ±150 is over 5σ.
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  const bad: [string, number[], number, RegExp][] = [
    ['too short', [0, 1], 3, /3 nodes needs 3 entries, not 2/],
    ['out of range', [0, 1, 3], 3, /entry 2 is 3; entries are nodes 0 … 2/],
    ['repeated', [0, 1, 1], 3, /entry 2 repeats node 1/],
    ['not an integer', [0, 1.5, 2], 3, /entry 1 is 1.5/],
  ];
  it.each(bad)('refuse a permutation that is %s', (_, perm, n, error) => {
    expect(() => checkPermutation(perm, n)).toThrow(error);
    const graph = graphFromEdges(n, [0], [1]).graph;
    expect(() => permuteGraph(graph, perm)).toThrow(error);
  });
});
