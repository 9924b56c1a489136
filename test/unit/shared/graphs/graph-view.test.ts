import { describe, expect, it } from 'vitest';
import { packGraphs } from '../../../../src-shared/graphs/graph-files';
import { hasEdge } from '../../../../src-shared/graphs/graph';
import { graphDatasetView, sampledNeighbourhood } from '../../../../src-shared/graphs/graph-view';
import { stochasticBlockModel } from '../../../../src-shared/graphs/sbm';
import { gridGraph, ladders } from '../../../../src-shared/graphs/small-graphs';

describe('graph dataset view', () => {
  const big = stochasticBlockModel({ nodes: 2000, communities: 4, pIn: 0.01, pOut: 0.0005, featureCount: 0, featureDensity: 0, featureSignal: 0, seed: 2 });

  it('draws a sampled neighbourhood of a large graph: at most the limit, every edge among the chosen nodes', () => {
    const drawing = sampledNeighbourhood(big, 150, 7);
    expect(drawing.nodes).toHaveLength(150);
    expect(drawing.title).toMatch(/150 of 2,000 nodes \(a sampled neighbourhood\)/);
    const ids = drawing.nodes.map((n) => Number(n.id));
    let expected = 0;
    for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) expected += hasEdge(big, ids[a], ids[b]) ? 1 : 0;
    expect(drawing.edges).toHaveLength(expected);
    for (const [a, b] of drawing.edges) expect(hasEdge(big, ids[a], ids[b])).toBe(true);
    expect(sampledNeighbourhood(big, 150, 7)).toEqual(drawing);
  });

  it('summarises one graph and a set', () => {
    const one = graphDatasetView(packGraphs([gridGraph(3, 4)]));
    // A 3 × 4 grid: 4 corners of degree 2, 6 border nodes of degree 3, 2 inner nodes of degree 4.
    expect(one.degreeHistogram).toEqual([0, 0, 4, 6, 2]);
    expect(one.summary).toEqual({ graphs: 1, nodes: 12, edges: 17, featureCount: 0 });
    expect(one.averageClustering).toBe(0);
    expect(one.featureDensity).toBeNull();
    expect(one.drawings[0].nodes).toHaveLength(12);
    const set = graphDatasetView(packGraphs(ladders({ rungs: [2, 3] })));
    expect(set.graphSizes).toEqual({ min: 4, max: 6, mean: 5 });
    expect(set.drawings).toHaveLength(2);
  });
});
