import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import { splitEdges, type NodePairs } from '../../../../src-shared/graphs/edge-split';
import { edgePairs, graphFromEdges, hasEdge, type Graph } from '../../../../src-shared/graphs/graph';

/** An Erdős–Rényi graph G(n, p) by coin flips, with a feature and a label per node to see they carry over. */
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
  return {
    ...graphFromEdges(n, sources, targets).graph,
    features: { count: 1, values: Float32Array.from({ length: n }, (_, i) => i) },
    labels: { classes: ['even', 'odd'], values: Int32Array.from({ length: n }, (_, i) => i % 2) },
  };
}

const keysOf = (pairs: NodePairs, n: number) => Array.from(pairs.sources, (i, k) => i * n + pairs.targets[k]);

describe('splitEdges', () => {
  const graph = randomGraph(300, 0.05, 3);
  const n = graph.nodeCount;
  const split = splitEdges(graph, { seed: 7 });
  const e = graph.edgeCount;

  it("holds out ⌊E/20⌋ validation and ⌊E/10⌋ test edges, as many negatives, and keeps the rest for training", () => {
    expect(e).toBeGreaterThan(2000);
    expect(split.validation.positive.sources.length).toBe(Math.floor(e * 0.05));
    expect(split.test.positive.sources.length).toBe(Math.floor(e * 0.1));
    expect(split.validation.negative.sources.length).toBe(Math.floor(e * 0.05));
    expect(split.test.negative.sources.length).toBe(Math.floor(e * 0.1));
    expect(split.train.edgeCount).toBe(e - Math.floor(e * 0.05) - Math.floor(e * 0.1));
    expect(split.train.nodeCount).toBe(n);
    expect(split.train.features).toBe(graph.features);
    expect(split.train.labels).toBe(graph.labels);
  });

  it('partitions the edges: train, validation and test positives are disjoint and together are the graph', () => {
    const train = edgePairs(split.train);
    const all = [...keysOf(train, n), ...keysOf(split.validation.positive, n), ...keysOf(split.test.positive, n)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort((a, b) => a - b)).toEqual(keysOf(edgePairs(graph), n).sort((a, b) => a - b));
    for (const held of [split.validation.positive, split.test.positive]) {
      held.sources.forEach((i, k) => {
        expect(i).toBeLessThan(held.targets[k]);
        expect(hasEdge(graph, i, held.targets[k])).toBe(true);
        expect(hasEdge(split.train, i, held.targets[k])).toBe(false);
      });
    }
  });

  it('samples negatives that are distinct non-edges of the full graph, validation and test disjoint', () => {
    const negatives = [...keysOf(split.validation.negative, n), ...keysOf(split.test.negative, n)];
    expect(new Set(negatives).size).toBe(negatives.length);
    for (const held of [split.validation.negative, split.test.negative]) {
      held.sources.forEach((i, k) => {
        const j = held.targets[k];
        expect(i).toBeLessThan(j);
        expect(j).toBeLessThan(n);
        expect(hasEdge(graph, i, j)).toBe(false);
      });
    }
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const again = splitEdges(graph, { seed: 7 });
    expect(again.test).toEqual(split.test);
    expect(again.validation).toEqual(split.validation);
    expect(Array.from(again.train.colIdx)).toEqual(Array.from(split.train.colIdx));
    expect(splitEdges(graph, { seed: 8 }).test.positive).not.toEqual(split.test.positive);
  });

  it('takes custom shares, and deals negatives from the full list in a dense graph', () => {
    const dense = randomGraph(30, 0.6, 5);
    const pairCount = (30 * 29) / 2;
    const custom = splitEdges(dense, { validation: 0.1, test: 0.2, seed: 1 });
    const nv = Math.floor(dense.edgeCount * 0.1);
    const nt = Math.floor(dense.edgeCount * 0.2);
    expect(pairCount - dense.edgeCount - nv - nt).toBeLessThan(pairCount / 4); // the enumerated path
    expect(custom.validation.negative.sources.length).toBe(nv);
    expect(custom.test.negative.sources.length).toBe(nt);
    const negatives = [...keysOf(custom.validation.negative, 30), ...keysOf(custom.test.negative, 30)];
    expect(new Set(negatives).size).toBe(nv + nt);
    for (const key of negatives) expect(hasEdge(dense, Math.floor(key / 30), key % 30)).toBe(false);
    expect(splitEdges(dense, { validation: 0.1, test: 0.2, seed: 1 })).toEqual(custom);
  });

  it('holds out nothing from a graph too small for a held-out edge', () => {
    const { graph: tiny } = graphFromEdges(4, [0, 1, 2], [1, 2, 3]);
    const s = splitEdges(tiny, { seed: 1 });
    expect(s.train.edgeCount).toBe(3);
    expect(s.test.positive.sources.length + s.test.negative.sources.length).toBe(0);
  });

  const bad: [string, Graph, Parameters<typeof splitEdges>[1], RegExp][] = [
    ['a negative share', graph, { validation: -0.1, seed: 1 }, /validation share is -0.1; give a share in \[0, 1\)/],
    ['shares adding to 1', graph, { validation: 0.5, test: 0.5, seed: 1 }, /leaves no training edges/],
    ['a fractional seed', graph, { seed: 1.5 }, /seed is 1.5/],
    ['a complete graph', randomGraph(12, 1, 1), { seed: 1 }, /has 0 non-edges but the split needs 9 negatives/],
  ];
  it.each(bad)('refuses %s', (_, g, options, message) => {
    expect(() => splitEdges(g, options)).toThrow(message);
  });
});
