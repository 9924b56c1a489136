import { type Graph, graphFromEdges } from './graph';
import { MAX_GRAPH_EDGES, checkFeatureSize, checkGraphSize } from './graph-limits';
import { textLines } from './parse-edge-list';

/** The text of a TU Dortmund set's files (Morris et al. 2020, "TUDataset"), by role; DS is the set's name. */
export interface TuDortmundFiles {
  /** DS_A.txt: one "row, col" edge per line, 1-based node ids over the whole set. */
  A: string;
  /** DS_graph_indicator.txt: the 1-based graph id of each node, one per line. */
  graphIndicator: string;
  /** DS_node_labels.txt: an integer label per node. */
  nodeLabels?: string;
  /** DS_node_attributes.txt: comma-separated floats per node. */
  nodeAttributes?: string;
  /** DS_graph_labels.txt: an integer label per graph. */
  graphLabels?: string;
}

export interface TuDortmundOptions {
  /** The set's name, DS, for error messages ("MUTAG_A.txt, line 7"); "DS" when absent. */
  name?: string;
  /**
   * What node labels become: one-hot features (default; for molecules they are the atom types, the encoder's input)
   * or each graph's labels (classes: the distinct label values in numeric order).
   */
  nodeLabels?: 'features' | 'labels';
}

/** What reading a TU Dortmund set found, for the import report. */
export interface TuDortmundReport {
  graphs: number;
  /** Nodes over all graphs. */
  nodes: number;
  /** Undirected edges over all graphs. */
  edges: number;
  /** Lines of DS_A.txt read. */
  edgeLines: number;
  selfLoops: number;
  /** DS_A.txt lines repeating one already read in the same direction. */
  duplicates: number;
  /** Edges listed in one direction only (the format usually lists both). */
  oneWayEdges: number;
  /** Distinct node label values (0 without DS_node_labels.txt). */
  nodeLabelClasses: number;
  /** Floats per node from DS_node_attributes.txt (0 without it). */
  nodeAttributes: number;
  /** Distinct graph label values, in numeric order (empty without DS_graph_labels.txt). */
  graphLabelValues: number[];
}

/** The data lines of a file, with their 1-based line numbers; blank lines are passed over. */
function dataLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  textLines(text).forEach((line, n) => {
    const trimmed = line.trim();
    if (trimmed !== '') out.push({ line: n + 1, text: trimmed });
  });
  return out;
}

const INTEGER = /^[+-]?\d+$/;

/** One integer per line, or an error naming the file and line. */
function readIntegers(text: string, file: string): Int32Array {
  const lines = dataLines(text);
  const values = new Int32Array(lines.length);
  lines.forEach(({ line, text: field }, i) => {
    if (!INTEGER.test(field) || Math.abs(Number(field)) > 2 ** 31 - 1) throw new Error(`${file}, line ${line}: "${field}" is not an integer`);
    values[i] = Number(field);
  });
  return values;
}

/**
 * The graphs of a TU Dortmund set. Nodes are numbered 0 … n − 1 within each graph in the order DS_graph_indicator.txt
 * lists them (the file's set-wide ids are not kept). Node labels become one-hot features or labels (options), node
 * attributes become features (after the one-hot columns when both are features). Self-loops and repeated lines are
 * dropped and counted. Throws, naming the file and line, on a malformed line, a node id out of range, an edge joining
 * two graphs, a per-node or per-graph file of the wrong length, or a set over the size limits (which apply to the
 * whole set).
 */
export function parseTuDortmund(files: TuDortmundFiles, options: TuDortmundOptions = {}): { graphs: Graph[]; graphLabels?: Int32Array; report: TuDortmundReport } {
  const name = options.name ?? 'DS';
  const file = (suffix: string): string => `${name}_${suffix}.txt`;

  // Nodes: each one's graph, and its index within it.
  const indicator = readIntegers(files.graphIndicator, file('graph_indicator'));
  const nodeCount = indicator.length;
  if (nodeCount === 0) throw new Error(`${file('graph_indicator')} is empty: it should hold a graph id per node`);
  checkGraphSize(file('graph_indicator'), nodeCount, 0);
  let graphCount = 0;
  for (let v = 0; v < nodeCount; v++) {
    if (indicator[v] < 1) throw new Error(`${file('graph_indicator')}, node ${v + 1}: graph id ${indicator[v]}; graph ids start at 1`);
    graphCount = Math.max(graphCount, indicator[v]);
  }
  const sizes = new Int32Array(graphCount);
  const localIndex = new Int32Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) localIndex[v] = sizes[indicator[v] - 1]++;
  const emptyGraph = sizes.indexOf(0);
  if (emptyGraph >= 0) throw new Error(`${file('graph_indicator')}: graph ${emptyGraph + 1} has no nodes; graph ids should run 1 … ${graphCount} without gaps`);

  // Edges, checked and bucketed by graph.
  const edgeText = dataLines(files.A);
  if (edgeText.length > 2 * MAX_GRAPH_EDGES) {
    throw new Error(`${file('A')}: ${edgeText.length.toLocaleString('en-US')} lines, more than the limit of ${MAX_GRAPH_EDGES.toLocaleString('en-US')} edges even if each is listed both ways`);
  }
  const rows = new Int32Array(edgeText.length);
  const cols = new Int32Array(edgeText.length);
  const edgesPerGraph = new Int32Array(graphCount);
  edgeText.forEach(({ line, text }, e) => {
    const fields = text.split(/[\s,]+/);
    if (fields.length !== 2 || !INTEGER.test(fields[0]) || !INTEGER.test(fields[1])) {
      throw new Error(`${file('A')}, line ${line}: "${text}" is not an edge "row, col" of two node ids`);
    }
    const [r, c] = [Number(fields[0]), Number(fields[1])];
    if (r < 1 || c < 1 || r > nodeCount || c > nodeCount) {
      throw new Error(`${file('A')}, line ${line}: edge ${r}, ${c} names a node outside 1 … ${nodeCount} (the nodes of ${file('graph_indicator')})`);
    }
    if (indicator[r - 1] !== indicator[c - 1]) {
      throw new Error(`${file('A')}, line ${line}: edge ${r}, ${c} joins node ${r} of graph ${indicator[r - 1]} and node ${c} of graph ${indicator[c - 1]}`);
    }
    rows[e] = r - 1;
    cols[e] = c - 1;
    edgesPerGraph[indicator[r - 1] - 1]++;
  });
  const edgeStart = new Int32Array(graphCount + 1); // graph g's edges are byGraph[edgeStart[g] … edgeStart[g + 1] − 1]
  for (let g = 0; g < graphCount; g++) edgeStart[g + 1] = edgeStart[g] + edgesPerGraph[g];
  const byGraph = new Int32Array(edgeText.length);
  const fill = edgeStart.slice(0, graphCount);
  for (let e = 0; e < edgeText.length; e++) byGraph[fill[indicator[rows[e]] - 1]++] = e;

  // Node labels, as classes in numeric order.
  let labelClass: Int32Array | undefined;
  let labelClasses: string[] = [];
  if (files.nodeLabels !== undefined) {
    const labels = readIntegers(files.nodeLabels, file('node_labels'));
    if (labels.length !== nodeCount) throw new Error(`${file('node_labels')}: ${labels.length} labels for ${nodeCount} nodes; it should hold one per node`);
    const distinct = [...new Set(labels)].sort((a, b) => a - b);
    const classOf = new Map(distinct.map((value, c) => [value, c]));
    labelClass = labels.map((value) => classOf.get(value)!);
    labelClasses = distinct.map(String);
  }
  const oneHot = labelClass !== undefined && (options.nodeLabels ?? 'features') === 'features' ? labelClasses.length : 0;

  // Node attributes.
  let attributes: Float32Array | undefined;
  let attributeCount = 0;
  if (files.nodeAttributes !== undefined) {
    const lines = dataLines(files.nodeAttributes);
    if (lines.length !== nodeCount) throw new Error(`${file('node_attributes')}: ${lines.length} lines for ${nodeCount} nodes; it should hold one per node`);
    attributeCount = lines[0].text.split(',').length;
    checkFeatureSize(file('node_attributes'), nodeCount, oneHot + attributeCount);
    attributes = new Float32Array(nodeCount * attributeCount);
    for (let v = 0; v < nodeCount; v++) {
      const fields = lines[v].text.split(',');
      if (fields.length !== attributeCount) {
        throw new Error(`${file('node_attributes')}, line ${lines[v].line}: ${fields.length} attribute(s) where line ${lines[0].line} has ${attributeCount}`);
      }
      for (let d = 0; d < attributeCount; d++) {
        const field = fields[d].trim();
        const value = field === '' ? NaN : Number(field);
        if (!Number.isFinite(value)) throw new Error(`${file('node_attributes')}, line ${lines[v].line}, attribute ${d + 1}: "${field}" is not a finite number`);
        attributes[v * attributeCount + d] = value;
      }
    }
  }
  const featureCount = oneHot + attributeCount;
  if (attributes === undefined) checkFeatureSize(file('node_labels'), nodeCount, featureCount);

  // Graph labels.
  let graphLabels: Int32Array | undefined;
  if (files.graphLabels !== undefined) {
    graphLabels = readIntegers(files.graphLabels, file('graph_labels'));
    if (graphLabels.length !== graphCount) throw new Error(`${file('graph_labels')}: ${graphLabels.length} labels for ${graphCount} graphs; it should hold one per graph`);
  }

  // Each graph: its distinct directed pairs (sorted keys r·n + c), then its CSR.
  const report: TuDortmundReport = {
    graphs: graphCount,
    nodes: nodeCount,
    edges: 0,
    edgeLines: edgeText.length,
    selfLoops: 0,
    duplicates: 0,
    oneWayEdges: 0,
    nodeLabelClasses: labelClasses.length,
    nodeAttributes: attributeCount,
    graphLabelValues: graphLabels ? [...new Set(graphLabels)].sort((a, b) => a - b) : [],
  };
  const graphs: Graph[] = [];
  for (let g = 0; g < graphCount; g++) {
    const n = sizes[g];
    const keys = new Float64Array(edgeStart[g + 1] - edgeStart[g]);
    for (let k = 0; k < keys.length; k++) {
      const e = byGraph[edgeStart[g] + k];
      keys[k] = localIndex[rows[e]] * n + localIndex[cols[e]];
    }
    keys.sort();
    const sources: number[] = [];
    const targets: number[] = [];
    for (let k = 0; k < keys.length; k++) {
      if (k > 0 && keys[k] === keys[k - 1]) {
        report.duplicates++;
        continue;
      }
      const [r, c] = [Math.floor(keys[k] / n), keys[k] % n];
      if (r === c) {
        report.selfLoops++;
        continue;
      }
      sources.push(r);
      targets.push(c);
    }
    // Among distinct directed pairs, graphFromEdges' "duplicates" are the edges listed both ways.
    const { graph, report: built } = graphFromEdges(n, sources, targets);
    report.edges += graph.edgeCount;
    report.oneWayEdges += graph.edgeCount - built.duplicates;
    graphs.push(graph);
  }
  checkGraphSize(file('A'), nodeCount, report.edges);

  // Features and labels, node by node into its graph's arrays.
  const labelsAsLabels = labelClass !== undefined && oneHot === 0;
  for (let g = 0; g < graphCount; g++) {
    if (featureCount > 0) graphs[g].features = { count: featureCount, values: new Float32Array(sizes[g] * featureCount) };
    if (labelsAsLabels) graphs[g].labels = { classes: labelClasses, values: new Int32Array(sizes[g]) };
  }
  for (let v = 0; v < nodeCount; v++) {
    const graph = graphs[indicator[v] - 1];
    const i = localIndex[v];
    if (graph.features) {
      const row = i * featureCount;
      if (oneHot > 0) graph.features.values[row + labelClass![v]] = 1;
      for (let d = 0; d < attributeCount; d++) graph.features.values[row + oneHot + d] = attributes![v * attributeCount + d];
    }
    if (graph.labels) graph.labels.values[i] = labelClass![v];
  }
  return { graphs, graphLabels, report };
}

/**
 * The set's name DS when a folder's file names hold exactly one TU Dortmund set (DS_A.txt with
 * DS_graph_indicator.txt beside it); null otherwise. DS may hold underscores (Tox21_AhR_training).
 */
export function isTuDortmundFolder(fileNames: string[]): string | null {
  const names = new Set(fileNames);
  const sets = fileNames
    .filter((fileName) => fileName.endsWith('_A.txt'))
    .map((fileName) => fileName.slice(0, -'_A.txt'.length))
    .filter((ds) => ds !== '' && names.has(`${ds}_graph_indicator.txt`));
  return sets.length === 1 ? sets[0] : null;
}
