import { describe, expect, it } from 'vitest';
import { graphSetProblem, packGraphs, unpackGraph, unpackGraphs } from '../../../../src-shared/graphs/graph-files';
import { graphFromEdges } from '../../../../src-shared/graphs/graph';
import { communitySmall, cycleGraph } from '../../../../src-shared/graphs/small-graphs';

describe('graph files', () => {
  it('packs a set into one disjoint union and unpacks every graph as it was', () => {
    const graphs = communitySmall(5, 3);
    const set = packGraphs(graphs);
    expect(set.manifest).toMatchObject({ graphs: 5, nodes: graphs.reduce((s, g) => s + g.nodeCount, 0), edges: graphs.reduce((s, g) => s + g.edgeCount, 0), featureCount: 0, classes: ['community 1', 'community 2'] });
    expect(graphSetProblem(set)).toBeNull();
    unpackGraphs(set).forEach((g, k) => {
      expect(g.nodeCount).toBe(graphs[k].nodeCount);
      expect(Array.from(g.rowPtr)).toEqual(Array.from(graphs[k].rowPtr));
      expect(Array.from(g.colIdx)).toEqual(Array.from(graphs[k].colIdx));
      expect(Array.from(g.labels!.values)).toEqual(Array.from(graphs[k].labels!.values));
    });
  });

  it('keeps features and node ids of one graph', () => {
    const { graph } = graphFromEdges(3, [0, 1], [1, 2]);
    const set = packGraphs([{ ...graph, features: { count: 2, values: Float32Array.from([1, 0, 0, 1, 0.5, 0.5]) }, nodeIds: ['a', 'b', 'c'] }]);
    const back = unpackGraph(set, 0);
    expect(Array.from(back.features!.values)).toEqual([1, 0, 0, 1, 0.5, 0.5]);
    expect(back.nodeIds).toEqual(['a', 'b', 'c']);
  });

  it('refuses graphs that disagree on features, and finds damaged arrays', () => {
    const { graph } = graphFromEdges(2, [0], [1]);
    expect(() => packGraphs([{ ...graph, features: { count: 1, values: Float32Array.from([1, 1]) } }, graph])).toThrow(/graph 2 has 0 features per node, graph 1 has 1/);
    expect(() => packGraphs([])).toThrow(/at least one graph/);
    const set = packGraphs([cycleGraph(4), cycleGraph(5)]);
    const crossing = { ...set, colIdx: set.colIdx.slice() };
    crossing.colIdx[0] = 6; // node 0 of graph 1 pointing into graph 2
    expect(graphSetProblem(crossing)).toMatch(/node 0 lists neighbour 6, outside its graph/);
    expect(graphSetProblem({ ...set, rowPtr: set.rowPtr.subarray(1) })).toMatch(/row-ptr.i32 holds 9 offsets, expected 10/);
  });
});
