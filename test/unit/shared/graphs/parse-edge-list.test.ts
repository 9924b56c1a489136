import { describe, expect, it } from 'vitest';
import { MAX_GRAPH_EDGES, MAX_GRAPH_FEATURE_VALUES, MAX_GRAPH_NODES, checkFeatureSize, checkGraphSize } from '../../../../src-shared/graphs/graph-limits';
import { type EdgeListOptions, detectDelimiter, parseEdgeList, splitFields } from '../../../../src-shared/graphs/parse-edge-list';

const csr = (graph: { rowPtr: Int32Array; colIdx: Int32Array }) => ({ rowPtr: Array.from(graph.rowPtr), colIdx: Array.from(graph.colIdx) });

describe('parseEdgeList', () => {
  it('reads a CSV with string ids, a comment, a header, a weight column, a self-loop, a duplicate and a short row', () => {
    const text = [
      '# who talks to whom',
      'source,target,weight',
      'alice,bob,1',
      'bob,carol,2',
      '',
      'carol,alice,1',
      'bob,alice,3',
      'dave,dave,1',
      'dave,erin,1',
      'frank',
      'grace,',
    ].join('\n');
    const { graph, report } = parseEdgeList(text, { header: true });
    expect(graph.nodeIds).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(graph.nodeCount).toBe(5);
    expect(graph.edgeCount).toBe(4);
    expect(csr(graph)).toEqual({ rowPtr: [0, 2, 4, 6, 7, 8], colIdx: [1, 2, 0, 2, 0, 1, 4, 3] });
    expect(report).toEqual({
      lines: 11,
      delimiter: 'comma',
      header: true,
      edges: 4,
      selfLoops: 1,
      duplicates: 1,
      skipped: [
        { line: 10, reason: 'one field ("frank"): an edge needs two node ids' },
        { line: 11, reason: 'an empty node id ("grace,"): an edge needs two node ids' },
      ],
      notes: ["6 row(s) have more than two fields (first: line 3): only the first two, the edge's ends, are read; weights and other columns are ignored"],
    });
  });

  it('detects a header over integer rows, in a TSV with Windows line ends, and keeps ids that are not 0 … N − 1', () => {
    const { graph, report } = parseEdgeList('from\tto\r\n1\t2\r\n2\t3\r\n\r\n3\t1\r\n');
    expect(report.header).toBe(true);
    expect(report.delimiter).toBe('tab');
    expect(report.lines).toBe(5);
    expect(graph.nodeIds).toEqual(['1', '2', '3']);
    expect(csr(graph)).toEqual({ rowPtr: [0, 2, 4, 6], colIdx: [1, 2, 0, 2, 0, 1] });
  });

  it('uses ids 0 … N − 1 as the node indices whatever order they appear in, splitting on runs of spaces', () => {
    const { graph, report } = parseEdgeList('3   1\n0 2\n  1  0  \n2\t3\n');
    expect(report.delimiter).toBe('whitespace');
    expect(report.header).toBe(false);
    expect(graph.nodeIds).toBeUndefined();
    expect(csr(graph)).toEqual({ rowPtr: [0, 2, 4, 6, 8], colIdx: [1, 2, 0, 3, 0, 3, 1, 2] });
  });

  it('reads the first row as an edge when told there is no header, and as a header when told there is', () => {
    expect(parseEdgeList('a b\n1 2\n', { header: false }).graph.nodeIds).toEqual(['a', 'b', '1', '2']);
    expect(parseEdgeList('a b\n1 2\n').graph.nodeIds).toEqual(['1', '2']);
    const shortHeader = parseEdgeList('edges\n0 1\n', { header: true });
    expect(shortHeader.report.skipped).toEqual([]);
    expect(shortHeader.graph.edgeCount).toBe(1);
  });

  it('does not take a first row of strings for a header when the other rows are strings too, or are none', () => {
    const { graph, report } = parseEdgeList('u,v\nx,y\n');
    expect(report.header).toBe(false);
    expect(graph.nodeIds).toEqual(['u', 'v', 'x', 'y']);
    expect(parseEdgeList('u v\n').graph.edgeCount).toBe(1);
  });

  it('takes quoted ids without their quotes', () => {
    expect(splitFields('"a b",c, "d""e" ', 'comma')).toEqual(['a b', 'c', 'd"e']);
    expect([detectDelimiter('a\tb,c'), detectDelimiter('a,b c'), detectDelimiter('a  b')]).toEqual(['tab', 'comma', 'whitespace']);
  });

  const refused: [string, string, EdgeListOptions, RegExp][] = [
    ['an empty file', '', {}, /the edge list has no edges: no row holds two node ids$/],
    ['only comments and blank lines', '# nothing\n\n   \n', {}, /no row holds two node ids$/],
    ['only a header', 'source,target\n', { header: true }, /no row holds two node ids \(after the header row\)$/],
    ['only one-field rows', '1\n2\n3\n', {}, /no row holds two node ids$/],
    ['only self-loops', '1 1\n2 2\n', {}, /the edge list has no edges: its 2 row\(s\) are all self-loops$/],
  ];
  it.each(refused)('refuses %s', (_name, text, options, error) => {
    expect(() => parseEdgeList(text, options)).toThrow(error);
  });
});

describe('graph size limits', () => {
  it('passes a graph at the limits and refuses one over them, saying which limit', () => {
    expect(() => checkGraphSize('x.csv', MAX_GRAPH_NODES, MAX_GRAPH_EDGES)).not.toThrow();
    expect(() => checkGraphSize('x.csv', 10, MAX_GRAPH_EDGES + 1)).toThrow('x.csv: 10,000,001 edges, over the limit of 10,000,000: import a subgraph');
    expect(() => checkFeatureSize('f.csv', 1, MAX_GRAPH_FEATURE_VALUES)).not.toThrow();
    expect(() => checkFeatureSize('f.csv', 2, MAX_GRAPH_FEATURE_VALUES)).toThrow(/f\.csv: 2 nodes × 200,000,000 features is 400,000,000 values, over the limit/);
  });
});
