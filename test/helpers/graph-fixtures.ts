import { edgePairs, type Graph } from '../../src-shared/graphs/graph';
import { mulberry32 } from '../../src-shared/datasets/rng';
import { stochasticBlockModel } from '../../src-shared/graphs/sbm';

/**
 * Graphs written out in the source formats the importers read (edge list, node features, labels, LINQS, TU Dortmund),
 * so a test can import them and compare what was stored with the graph it started from.
 */

/** A small SBM graph with labels and sparse binary features: every node has an edge and a feature, every feature is used. */
export function sbmFixture(seed = 7): Graph {
  const graph = stochasticBlockModel({ nodes: 60, communities: 3, pIn: 0.3, pOut: 0.02, featureCount: 12, featureDensity: 0.3, featureSignal: 0.8, seed });
  for (let i = 0; i < graph.nodeCount; i++) if (graph.rowPtr[i + 1] === graph.rowPtr[i]) throw new Error(`fixture: node ${i} has no edge`);
  const { count, values } = graph.features!;
  for (let i = 0; i < graph.nodeCount; i++) if (values.subarray(i * count, (i + 1) * count).every((v) => v === 0)) throw new Error(`fixture: node ${i} has no feature`);
  for (let f = 0; f < count; f++) {
    let used = false;
    for (let i = 0; i < graph.nodeCount && !used; i++) used = values[i * count + f] !== 0;
    if (!used) throw new Error(`fixture: feature ${f} is never on`);
  }
  return graph;
}

/** The graph's edges as "id1<sep>id2" rows, each edge once in a seeded random direction and order. */
export function edgeRows(graph: Graph, id: (i: number) => string, separator: string, seed = 1): string[] {
  const { sources, targets } = edgePairs(graph);
  const random = mulberry32(seed);
  const rows = Array.from(sources, (s, e) => (random() < 0.5 ? `${id(s)}${separator}${id(targets[e])}` : `${id(targets[e])}${separator}${id(s)}`));
  for (let k = rows.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [rows[k], rows[j]] = [rows[j], rows[k]];
  }
  return rows;
}

/**
 * Sparse `node,feature,value` rows of the graph's non-zero features, feature by feature: features then appear in
 * column order, so the imported columns are the graph's.
 */
export function sparseFeatureCsv(graph: Graph, id: (i: number) => string): string {
  const { count, values } = graph.features!;
  const rows = ['node,feature,value'];
  for (let f = 0; f < count; f++) {
    for (let i = 0; i < graph.nodeCount; i++) if (values[i * count + f] !== 0) rows.push(`${id(i)},f${f},${values[i * count + f]}`);
  }
  return `${rows.join('\n')}\n`;
}

/** `node,label` rows in node order, with a header. */
export function labelsCsv(graph: Graph, id: (i: number) => string): string {
  const { classes, values } = graph.labels!;
  return `node,label\n${Array.from(values, (c, i) => `${id(i)},${classes[c]}`).join('\n')}\n`;
}

/** A class name as LINQS writes one, without spaces (Cora's "Neural_Networks"). */
export const linqsClass = (name: string): string => name.replaceAll(' ', '_');

/** A LINQS pair: .content in node order (id, features, class), .cites with each edge once, "cited citing". */
export function linqsFiles(graph: Graph, id: (i: number) => string): { content: string; cites: string } {
  const { count, values } = graph.features!;
  const content = Array.from({ length: graph.nodeCount }, (_, i) => [id(i), ...values.subarray(i * count, (i + 1) * count), linqsClass(graph.labels!.classes[graph.labels!.values[i]])].join('\t'));
  return { content: `${content.join('\n')}\n`, cites: `${edgeRows(graph, id, '\t', 2).join('\n')}\n` };
}

/**
 * A TU Dortmund set: DS_A.txt with every edge in both directions (1-based ids over the set), the graph indicator,
 * node labels (each node's degree) and graph labels as given.
 */
export function tuFiles(graphs: Graph[], graphLabels: number[]): Record<'A' | 'graph_indicator' | 'node_labels' | 'graph_labels', string> {
  const a: string[] = [];
  const indicator: string[] = [];
  const nodeLabels: string[] = [];
  let base = 0;
  graphs.forEach((g, k) => {
    for (let i = 0; i < g.nodeCount; i++) {
      indicator.push(String(k + 1));
      nodeLabels.push(String(g.rowPtr[i + 1] - g.rowPtr[i]));
      for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) a.push(`${base + i + 1}, ${base + g.colIdx[p] + 1}`);
    }
    base += g.nodeCount;
  });
  const lines = (rows: string[]) => `${rows.join('\n')}\n`;
  return { A: lines(a), graph_indicator: lines(indicator), node_labels: lines(nodeLabels), graph_labels: lines(graphLabels.map(String)) };
}
