import type { Graph } from './graph';

/**
 * A graph dataset on disk, in its own folder under `<data dir>/datasets/<id>/` (beside the image datasets): one or
 * many graphs as their disjoint union in compressed sparse row form, so a set of 1,000 small graphs and one graph of
 * 20,000 nodes are the same few flat arrays. Little-endian throughout; the host writes the folder once, atomically
 * (dataset-import.ts); the trainer and the dataset views only read it.
 *
 *   graph.json      the manifest below
 *   graph-ptr.i32   graphs + 1 node offsets: graph g holds nodes graphPtr[g] … graphPtr[g + 1] − 1
 *   row-ptr.i32     nodes + 1 offsets into col-idx (global node numbers)
 *   col-idx.i32     neighbours, each undirected edge twice, rows sorted, never across graphs
 *   features.f32    nodes × featureCount, row-major (absent when featureCount is 0)
 *   labels.i32      a class index per node, −1 for none (absent when the graphs have no labels)
 *   graph-labels.i32 a class index per graph (TU Dortmund's graph labels; absent when none)
 */
export const GRAPH_MANIFEST_FILE = 'graph.json';
export const GRAPH_FORMAT = 'latent-lab-graph/1';

export interface GraphManifest {
  format: typeof GRAPH_FORMAT;
  graphs: number;
  nodes: number;
  /** Undirected edges over all graphs. */
  edges: number;
  featureCount: number;
  /** Node classes, when nodes carry labels. */
  classes: string[];
  /** Graph classes, when graphs carry labels (TU Dortmund). */
  graphClasses: string[];
  /** The source's node ids in node order (one graph only, when they were not 0 … N − 1). */
  nodeIds?: string[];
}

export const GRAPH_FILES = {
  graphPtr: 'graph-ptr.i32',
  rowPtr: 'row-ptr.i32',
  colIdx: 'col-idx.i32',
  features: 'features.f32',
  labels: 'labels.i32',
  graphLabels: 'graph-labels.i32',
} as const;

/** The disjoint union of a set of graphs (or one graph), ready to be written. */
export interface GraphSetArrays {
  manifest: GraphManifest;
  graphPtr: Int32Array;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  features: Float32Array | null;
  labels: Int32Array | null;
  graphLabels: Int32Array | null;
}

/**
 * Packs graphs into one disjoint union. Every graph must have the same feature count (or none) and the same label
 * classes (or none); `graphLabels` (one class per graph) is optional.
 */
export function packGraphs(graphs: Graph[], graphLabels?: { classes: string[]; values: Int32Array }): GraphSetArrays {
  if (graphs.length === 0) throw new Error('a graph dataset needs at least one graph');
  const featureCount = graphs[0].features?.count ?? 0;
  const classes = graphs[0].labels?.classes ?? [];
  graphs.forEach((g, k) => {
    if ((g.features?.count ?? 0) !== featureCount) throw new Error(`graph ${k + 1} has ${g.features?.count ?? 0} features per node, graph 1 has ${featureCount}`);
    if (Boolean(g.labels) !== classes.length > 0 && !(g.labels?.classes.length === 0 && classes.length === 0)) {
      throw new Error(`graph ${k + 1} ${g.labels ? 'has' : 'lacks'} node labels, graph 1 ${classes.length > 0 ? 'has' : 'lacks'} them`);
    }
  });
  if (graphLabels && graphLabels.values.length !== graphs.length) throw new Error(`${graphLabels.values.length} graph labels for ${graphs.length} graphs`);
  const nodes = graphs.reduce((s, g) => s + g.nodeCount, 0);
  const entries = graphs.reduce((s, g) => s + g.colIdx.length, 0);
  const graphPtr = new Int32Array(graphs.length + 1);
  const rowPtr = new Int32Array(nodes + 1);
  const colIdx = new Int32Array(entries);
  const features = featureCount > 0 ? new Float32Array(nodes * featureCount) : null;
  const labels = classes.length > 0 ? new Int32Array(nodes) : null;
  let node = 0;
  let entry = 0;
  graphs.forEach((g, k) => {
    graphPtr[k] = node;
    for (let i = 0; i < g.nodeCount; i++) rowPtr[node + i + 1] = entry + g.rowPtr[i + 1];
    for (let q = 0; q < g.colIdx.length; q++) colIdx[entry + q] = g.colIdx[q] + node;
    if (features && g.features) features.set(g.features.values, node * featureCount);
    if (labels && g.labels) labels.set(g.labels.values, node);
    node += g.nodeCount;
    entry += g.colIdx.length;
  });
  graphPtr[graphs.length] = node;
  const manifest: GraphManifest = {
    format: GRAPH_FORMAT,
    graphs: graphs.length,
    nodes,
    edges: entries / 2,
    featureCount,
    classes: [...classes],
    graphClasses: graphLabels ? [...graphLabels.classes] : [],
    ...(graphs.length === 1 && graphs[0].nodeIds ? { nodeIds: graphs[0].nodeIds } : {}),
  };
  return { manifest, graphPtr, rowPtr, colIdx, features, labels, graphLabels: graphLabels ? graphLabels.values : null };
}

/** Graph g of a packed set, with node numbers from 0 (views into the arrays where they can be). */
export function unpackGraph(set: GraphSetArrays, g: number): Graph {
  const { manifest } = set;
  const start = set.graphPtr[g];
  const end = set.graphPtr[g + 1];
  const nodeCount = end - start;
  const base = set.rowPtr[start];
  const rowPtr = new Int32Array(nodeCount + 1);
  for (let i = 0; i <= nodeCount; i++) rowPtr[i] = set.rowPtr[start + i] - base;
  const colIdx = new Int32Array(rowPtr[nodeCount]);
  for (let q = 0; q < colIdx.length; q++) colIdx[q] = set.colIdx[base + q] - start;
  const f = manifest.featureCount;
  return {
    nodeCount,
    rowPtr,
    colIdx,
    edgeCount: colIdx.length / 2,
    ...(set.features ? { features: { count: f, values: set.features.subarray(start * f, end * f) } } : {}),
    ...(set.labels ? { labels: { classes: manifest.classes, values: set.labels.subarray(start, end) } } : {}),
    ...(manifest.nodeIds && manifest.graphs === 1 ? { nodeIds: manifest.nodeIds } : {}),
  };
}

/** Every graph of a packed set. */
export const unpackGraphs = (set: GraphSetArrays): Graph[] => Array.from({ length: set.manifest.graphs }, (_, g) => unpackGraph(set, g));

/**
 * Checks a packed set read from disk before anything uses it: lengths agree with the manifest, offsets rise, every
 * neighbour lies in its own graph. Returns the first problem in words, or null.
 */
export function graphSetProblem(set: GraphSetArrays): string | null {
  const { manifest: m } = set;
  if (m.format !== GRAPH_FORMAT) return `format is '${String(m.format)}', expected '${GRAPH_FORMAT}'`;
  if (set.graphPtr.length !== m.graphs + 1) return `${GRAPH_FILES.graphPtr} holds ${set.graphPtr.length} offsets, expected ${m.graphs + 1}`;
  if (set.rowPtr.length !== m.nodes + 1) return `${GRAPH_FILES.rowPtr} holds ${set.rowPtr.length} offsets, expected ${m.nodes + 1}`;
  if (set.colIdx.length !== 2 * m.edges) return `${GRAPH_FILES.colIdx} holds ${set.colIdx.length} entries, expected ${2 * m.edges}`;
  if (set.graphPtr[0] !== 0 || set.graphPtr[m.graphs] !== m.nodes) return `${GRAPH_FILES.graphPtr} does not span the ${m.nodes} nodes`;
  if (set.rowPtr[0] !== 0 || set.rowPtr[m.nodes] !== set.colIdx.length) return `${GRAPH_FILES.rowPtr} does not span ${GRAPH_FILES.colIdx}`;
  if ((set.features?.length ?? 0) !== m.nodes * m.featureCount) return `${GRAPH_FILES.features} holds ${set.features?.length ?? 0} values, expected ${m.nodes * m.featureCount}`;
  if (set.labels && set.labels.length !== m.nodes) return `${GRAPH_FILES.labels} holds ${set.labels.length} labels for ${m.nodes} nodes`;
  for (let g = 0; g < m.graphs; g++) {
    const start = set.graphPtr[g];
    const end = set.graphPtr[g + 1];
    if (end < start) return `${GRAPH_FILES.graphPtr} falls at graph ${g + 1}`;
    for (let i = start; i < end; i++) {
      if (set.rowPtr[i + 1] < set.rowPtr[i]) return `${GRAPH_FILES.rowPtr} falls at node ${i}`;
      for (let q = set.rowPtr[i]; q < set.rowPtr[i + 1]; q++) {
        const j = set.colIdx[q];
        if (j < start || j >= end || j === i) return `node ${i} lists neighbour ${j}, outside its graph (nodes ${start} … ${end - 1}) or itself`;
      }
    }
  }
  return null;
}
