import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../../src-shared/graphs/graph';
import { type TuDortmundFiles, isTuDortmundFolder, parseTuDortmund } from '../../../../src-shared/graphs/parse-tu-dortmund';

const lines = (...rows: (string | number)[]): string => rows.join('\n') + '\n';

/** Two triangles (nodes 1–3, 4–6) and an edge (7–8), as the format writes them: both directions, 1-based ids. */
const twoTrianglesAndAnEdge: TuDortmundFiles = {
  A: lines(
    '1, 2', '2, 1', '2, 3', '3, 2', '1, 3', '3, 1',
    '4, 5', '5, 4', '5, 6', '6, 5', '6, 4', // 4–6 listed one way only
    '7, 8', '8, 7', '7, 8', '8, 8', // a repeated line and a self-loop
  ),
  graphIndicator: lines(1, 1, 1, 2, 2, 2, 3, 3),
  nodeLabels: lines(0, 1, 0, 2, 2, 0, 1, 1),
  nodeAttributes: lines('0.5, 1', '2, -1.5', '0, 0', '1, 1', '0.25, 0.5', '-1, 2', '3, 3', '4, 4'),
  graphLabels: lines(1, -1, 1),
};

const csr = (graph: Graph) => ({ rowPtr: Array.from(graph.rowPtr), colIdx: Array.from(graph.colIdx) });

describe('parseTuDortmund', () => {
  it('splits the set into its graphs, renumbered, with one-hot node labels and attributes as features', () => {
    const { graphs, graphLabels, report } = parseTuDortmund(twoTrianglesAndAnEdge);
    expect(graphs.map(csr)).toEqual([
      { rowPtr: [0, 2, 4, 6], colIdx: [1, 2, 0, 2, 0, 1] },
      { rowPtr: [0, 2, 4, 6], colIdx: [1, 2, 0, 2, 0, 1] },
      { rowPtr: [0, 1, 2], colIdx: [1, 0] },
    ]);
    expect(graphs.map((g) => [g.nodeCount, g.edgeCount])).toEqual([[3, 3], [3, 3], [2, 1]]);
    expect(graphs[0].features!.count).toBe(5);
    // one-hot over the label values 0, 1, 2, then the two attributes
    expect(Array.from(graphs[0].features!.values)).toEqual([1, 0, 0, 0.5, 1, 0, 1, 0, 2, -1.5, 1, 0, 0, 0, 0]);
    expect(Array.from(graphs[2].features!.values)).toEqual([0, 1, 0, 3, 3, 0, 1, 0, 4, 4]);
    expect(graphs[0].labels).toBeUndefined();
    expect(graphs[0].nodeIds).toBeUndefined();
    expect(Array.from(graphLabels!)).toEqual([1, -1, 1]);
    expect(report).toEqual({
      graphs: 3,
      nodes: 8,
      edges: 7,
      edgeLines: 15,
      selfLoops: 1,
      duplicates: 1,
      oneWayEdges: 1,
      nodeLabelClasses: 3,
      nodeAttributes: 2,
      graphLabelValues: [-1, 1],
    });
  });

  it('keeps node labels as labels when asked, and gives no features where there are none', () => {
    const { A, graphIndicator, nodeLabels } = twoTrianglesAndAnEdge;
    const { graphs, graphLabels } = parseTuDortmund({ A, graphIndicator, nodeLabels }, { nodeLabels: 'labels' });
    expect(graphs[1].labels!.classes).toEqual(['0', '1', '2']);
    expect(Array.from(graphs[1].labels!.values)).toEqual([2, 2, 0]);
    expect(graphs[1].features).toBeUndefined();
    expect(graphLabels).toBeUndefined();
  });

  it('numbers nodes within a graph in file order when the graphs interleave', () => {
    // Nodes 1, 3, 5 are graph 1; nodes 2, 4 are graph 2.
    const { graphs } = parseTuDortmund({ A: lines('1, 5', '5, 3', '4, 2'), graphIndicator: lines(1, 2, 1, 2, 1) });
    expect(graphs.map(csr)).toEqual([
      { rowPtr: [0, 1, 2, 4], colIdx: [2, 2, 0, 1] },
      { rowPtr: [0, 1, 2], colIdx: [1, 0] },
    ]);
  });

  const base = { A: lines('1, 2', '3, 4'), graphIndicator: lines(1, 1, 2, 2) };
  const refused: [string, TuDortmundFiles, string][] = [
    ['an edge joining two graphs', { ...base, A: lines('1, 2', '', '2, 3') }, 'MUTAG_A.txt, line 3: edge 2, 3 joins node 2 of graph 1 and node 3 of graph 2'],
    ['an edge naming a node that does not exist', { ...base, A: lines('1, 5') }, 'MUTAG_A.txt, line 1: edge 1, 5 names a node outside 1 … 4 (the nodes of MUTAG_graph_indicator.txt)'],
    ['an edge line of three ids', { ...base, A: lines('1, 2, 3') }, 'MUTAG_A.txt, line 1: "1, 2, 3" is not an edge "row, col" of two node ids'],
    ['an edge line of words', { ...base, A: lines('a, b') }, 'MUTAG_A.txt, line 1: "a, b" is not an edge "row, col" of two node ids'],
    ['an empty graph indicator', { ...base, graphIndicator: '\n' }, 'MUTAG_graph_indicator.txt is empty: it should hold a graph id per node'],
    ['a graph id of 0', { ...base, graphIndicator: lines(0, 1, 1, 1) }, 'MUTAG_graph_indicator.txt, node 1: graph id 0; graph ids start at 1'],
    ['a graph without nodes', { ...base, graphIndicator: lines(1, 1, 3, 3) }, 'MUTAG_graph_indicator.txt: graph 2 has no nodes; graph ids should run 1 … 3 without gaps'],
    ['a graph id that is not an integer', { ...base, graphIndicator: lines(1, 1, 'two', 2) }, 'MUTAG_graph_indicator.txt, line 3: "two" is not an integer'],
    ['too few node labels', { ...base, nodeLabels: lines(0, 1, 0) }, 'MUTAG_node_labels.txt: 3 labels for 4 nodes; it should hold one per node'],
    ['a node label that is not an integer', { ...base, nodeLabels: lines(0, 1, 0.5, 1) }, 'MUTAG_node_labels.txt, line 3: "0.5" is not an integer'],
    ['too many attribute lines', { ...base, nodeAttributes: lines(1, 2, 3, 4, 5) }, 'MUTAG_node_attributes.txt: 5 lines for 4 nodes; it should hold one per node'],
    ['a ragged attribute line', { ...base, nodeAttributes: lines('1, 2', '1, 2', '1', '1, 2') }, 'MUTAG_node_attributes.txt, line 3: 1 attribute(s) where line 1 has 2'],
    ['an attribute that is not a number', { ...base, nodeAttributes: lines('1, 2', '1, x', '1, 2', '1, 2') }, 'MUTAG_node_attributes.txt, line 2, attribute 2: "x" is not a finite number'],
    ['too few graph labels', { ...base, graphLabels: lines(1) }, 'MUTAG_graph_labels.txt: 1 labels for 2 graphs; it should hold one per graph'],
  ];
  it.each(refused)('refuses %s, naming the file and line', (_name, files, error) => {
    expect(() => parseTuDortmund(files, { name: 'MUTAG' })).toThrow(error);
  });
});

describe('isTuDortmundFolder', () => {
  it('names the one set a folder holds', () => {
    expect(isTuDortmundFolder(['MUTAG_A.txt', 'MUTAG_graph_indicator.txt', 'MUTAG_graph_labels.txt', 'README.txt'])).toBe('MUTAG');
    expect(isTuDortmundFolder(['Tox21_AhR_training_graph_indicator.txt', 'Tox21_AhR_training_A.txt'])).toBe('Tox21_AhR_training');
    expect(isTuDortmundFolder(['MUTAG_A.txt', 'MUTAG_graph_labels.txt'])).toBeNull();
    expect(isTuDortmundFolder(['A_A.txt', 'A_graph_indicator.txt', 'B_A.txt', 'B_graph_indicator.txt'])).toBeNull();
    expect(isTuDortmundFolder(['_A.txt', '_graph_indicator.txt'])).toBeNull();
  });
});
