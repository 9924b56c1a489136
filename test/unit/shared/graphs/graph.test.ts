import { describe, expect, it } from 'vitest';
import { degreeOf, edgePairs, graphFromEdges, hasEdge } from '../../../../src-shared/graphs/graph';

describe('graphs in compressed sparse rows', () => {
  it('stores each undirected edge in both rows, sorted, dropping and counting self-loops and duplicates', () => {
    const { graph, report } = graphFromEdges(5, [0, 3, 1, 2, 1, 4, 0], [1, 0, 0, 2, 3, 3, 3]);
    expect(report).toEqual({ selfLoops: 1, duplicates: 2 });
    expect(graph.edgeCount).toBe(4);
    expect(Array.from(graph.rowPtr)).toEqual([0, 2, 4, 4, 7, 8]);
    expect(Array.from(graph.colIdx)).toEqual([1, 3, 0, 3, 0, 1, 4, 3]);
    const { sources, targets } = edgePairs(graph);
    expect(Array.from(sources).map((s, e) => [s, targets[e]])).toEqual([[0, 1], [0, 3], [1, 3], [3, 4]]);
    expect([hasEdge(graph, 3, 1), hasEdge(graph, 1, 3), hasEdge(graph, 2, 3), hasEdge(graph, 4, 4)]).toEqual([true, true, false, false]);
    expect([0, 1, 2, 3, 4].map((i) => degreeOf(graph, i))).toEqual([2, 2, 0, 3, 1]);
  });

  it('refuses an edge naming a node outside the graph', () => {
    expect(() => graphFromEdges(3, [0, 1], [2, 3])).toThrow(/edge 1 joins 1 and 3: nodes are 0 … 2/);
  });
});
