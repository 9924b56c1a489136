import { describe, expect, it } from 'vitest';
import type { GraphDrawing } from '../../../../src-shared/contract/types';
import {
  CLASS_COLORS,
  classColor,
  degreeHistogramOption,
  graphDrawingOption,
  meanDegree,
  nodeSize,
  UNLABELLED_COLOR,
} from '../../../../src-renderer/src/charts/graph-drawing-model';

/** A path a – b – c plus an isolated node d; a and b in class 0, c in class 1, d without a class. */
const drawing: GraphDrawing = {
  title: '4 nodes',
  nodes: [
    { id: 'a', label: 0, degree: 1 },
    { id: 'b', label: 0, degree: 2 },
    { id: 'c', label: 1, degree: 1 },
    { id: 'd', label: -1, degree: 0 },
  ],
  edges: [
    [0, 1],
    [1, 2],
  ],
};

type GraphSeries = {
  type: string;
  layout: string;
  force: { layoutAnimation: boolean };
  categories: { name: string; itemStyle: { color: string } }[];
  data: { id: string; name: string; value: number; category: number; symbolSize: number }[];
  links: { source: string; target: string }[];
  roam: boolean;
};
const seriesOf = (option: Record<string, unknown>) => (option.series as GraphSeries[])[0];

describe('graph drawing', () => {
  it('draws a force layout that settles before the first frame, one category per class and one for nodes without', () => {
    const option = graphDrawingOption(drawing, ['red', 'blue']);
    const s = seriesOf(option);
    expect(s).toMatchObject({ type: 'graph', layout: 'force', roam: true });
    expect(s.force.layoutAnimation).toBe(false);
    expect(s.categories.map((c) => c.name)).toEqual(['red', 'blue', 'no class']);
    expect(s.categories.map((c) => c.itemStyle.color)).toEqual([CLASS_COLORS[0], CLASS_COLORS[1], UNLABELLED_COLOR]);
    expect(s.data.map((d) => d.category)).toEqual([0, 0, 1, 2]);
    expect(s.data.map((d) => d.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.links).toEqual([
      { source: '0', target: '1' },
      { source: '1', target: '2' },
    ]);
    expect((option.legend as { data: string[] }).data).toEqual(['red', 'blue', 'no class']);
  });

  it('sizes nodes by degree, hubs largest, with the area (not the radius) proportional to the degree', () => {
    const sizes = seriesOf(graphDrawingOption(drawing, ['red', 'blue'])).data.map((d) => d.symbolSize);
    expect(sizes[1]).toBeGreaterThan(sizes[0]);
    expect(sizes[0]).toBe(sizes[2]);
    expect(sizes[3]).toBe(Math.min(...sizes));
    // radius − smallest ∝ √degree: degree 1 of a maximum 4 sits halfway.
    expect(nodeSize(1, 4)).toBeCloseTo((nodeSize(0, 4) + nodeSize(4, 4)) / 2, 10);
    expect(nodeSize(3, 0)).toBe(nodeSize(0, 0));
    expect(nodeSize(4, 4, true)).toBeLessThan(nodeSize(4, 4));
  });

  it('has no legend in a gallery tile, nor for a graph without classes, whose nodes are plain "node"', () => {
    expect((graphDrawingOption(drawing, ['red', 'blue'], { compact: true }).legend as { show: boolean }).show).toBe(false);
    const unlabelled = graphDrawingOption(drawing, []);
    expect((unlabelled.legend as { show: boolean }).show).toBe(false);
    expect(seriesOf(unlabelled).categories.map((c) => c.name)).toEqual(['node']);
    expect(new Set(seriesOf(unlabelled).data.map((d) => d.category))).toEqual(new Set([0]));
    expect(seriesOf(graphDrawingOption(drawing, [], { compact: true })).roam).toBe(false);
  });

  it('holds a small tile’s nodes closer (shorter edges, stronger pull to the centre) than a plain gallery tile’s', () => {
    const force = (options: { compact?: boolean; small?: boolean }) => (seriesOf(graphDrawingOption(drawing, [], options)) as unknown as { force: { edgeLength: number; gravity: number; repulsion: number } }).force;
    const tile = force({ compact: true });
    const small = force({ compact: true, small: true });
    expect(small.edgeLength).toBeLessThan(tile.edgeLength);
    expect(small.gravity).toBeGreaterThan(tile.gravity);
    expect(small.repulsion).toBeLessThan(tile.repulsion);
    // Only a compact tile can be small.
    expect(force({ small: true })).toEqual(force({}));
  });

  it('names a node, its degree and its class in the tooltip, and nothing for an edge', () => {
    const format = (graphDrawingOption(drawing, ['red', 'blue']).tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(format({ dataType: 'node', data: { name: 'b', value: 2, category: 0 } })).toBe('node b: degree 2, red');
    expect(format({ dataType: 'node', data: { name: 'd', value: 0, category: 2 } })).toBe('node d: degree 0, no class');
    expect(format({ dataType: 'edge', data: {} })).toBe('');
  });

  it('gives classes distinct colours, repeating after ten, and a grey to the unlabelled', () => {
    expect(new Set(CLASS_COLORS).size).toBe(CLASS_COLORS.length);
    expect(classColor(10)).toBe(classColor(0));
    expect(classColor(-1)).toBe(UNLABELLED_COLOR);
  });
});

describe('degree histogram', () => {
  it('draws one bar per degree from 0, with the counts as given', () => {
    const option = degreeHistogramOption([1, 2, 0, 5]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['0', '1', '2', '3']);
    expect((option.series as { type: string; data: number[] }[])[0]).toMatchObject({ type: 'bar', data: [1, 2, 0, 5] });
    const format = (option.tooltip as { formatter: (p: { dataIndex: number }[]) => string }).formatter;
    expect(format([{ dataIndex: 3 }])).toBe('degree 3: 5 nodes');
    expect(format([{ dataIndex: 0 }])).toBe('degree 0: 1 node');
  });

  it('computes the mean degree as 2E / N', () => {
    // The path a – b – c beside the isolated d: degrees 1, 2, 1, 0.
    expect(meanDegree(4, 2)).toBe(1);
    expect(drawing.nodes.reduce((s, n) => s + n.degree, 0) / drawing.nodes.length).toBe(meanDegree(drawing.nodes.length, drawing.edges.length));
    expect(meanDegree(0, 0)).toBe(0);
  });
});
