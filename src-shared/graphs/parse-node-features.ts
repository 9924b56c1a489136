import { checkFeatureSize } from './graph-limits';
import { type SkippedRow, detectDelimiter, isBlankOrComment, splitFields, textLines } from './parse-edge-list';

/** What reading a node-feature file found, for the import report. */
export interface NodeFeatureReport {
  /** Dense: one row per node, a column per feature. Sparse: one (node, feature, value) triple per row. */
  form: 'dense' | 'sparse';
  /** Lines in the file, header, blank and comment lines included. */
  lines: number;
  /** Rows read into the features (rows of nodes not in the graph are not counted). */
  rows: number;
  /** Graph nodes the file gave no row (or, sparse, no triple): their features are zeros, their label −1. */
  nodesWithoutRow: number;
  /** Rows naming a node the graph does not have, each listed in skipped. */
  unknownNodes: number;
  skipped: SkippedRow[];
}

export interface NodeFeatures {
  features: { count: number; values: Float32Array };
  /** From a dense file's `label` column: classes in order of first appearance, −1 where a node has none. */
  labels?: { classes: string[]; values: Int32Array };
  featureNames: string[];
  report: NodeFeatureReport;
}

/** A finite number written as one, or an error naming the line and column. */
function parseValue(field: string, line: number, column: string): number {
  const value = field === '' ? NaN : Number(field);
  if (!Number.isFinite(value)) throw new Error(`line ${line}, column "${column}": "${field}" is not a finite number`);
  return value;
}

/**
 * Node features for a graph whose nodes have the ids `nodeIds` (graph.nodeIds, or "0" … "N − 1"), from a CSV or TSV
 * keyed by node id with a header row. Two forms: dense, `node,f1,f2,…` with one row per node and an optional `label`
 * column (any letter case) whose values become classes; or sparse, the header exactly `node,feature,value`, whose
 * feature names become columns in order of first appearance. Rows naming nodes not in the graph are skipped and
 * reported; nodes without a row get zeros and label −1. Throws, naming the line, on a ragged row, a value that is not
 * a number, or a node (sparse: a node's feature) given twice.
 */
export function parseNodeFeatures(text: string, nodeIds: string[]): NodeFeatures {
  const lines = textLines(text);
  const headerLine = lines.findIndex((line) => !isBlankOrComment(line));
  if (headerLine < 0) throw new Error('the node-feature file is empty: it needs a header row (node,f1,f2,… or node,feature,value) and a row per node');
  const delimiter = detectDelimiter(lines[headerLine]);
  const header = splitFields(lines[headerLine], delimiter);
  if (header.length < 2) {
    throw new Error(`line ${headerLine + 1}: the header "${lines[headerLine].trim()}" names one column: it needs the node id column and at least one feature`);
  }
  const seenNames = new Set<string>();
  for (const name of header) {
    if (seenNames.has(name)) throw new Error(`line ${headerLine + 1}: the header names column "${name}" twice`);
    seenNames.add(name);
  }

  const nodeIndex = new Map<string, number>();
  nodeIds.forEach((id, i) => nodeIndex.set(id, i));
  const nodeCount = nodeIds.length;
  const hasRow = new Uint8Array(nodeCount);
  const skipped: SkippedRow[] = [];
  let rows = 0;
  let firstUnknown = '';

  const columns = header.length <= 6 ? header.join(', ') : `${header.slice(0, 5).join(', ')}, …`;
  // Each data row's fields once its width is checked and its node is known; undefined for rows to pass over.
  const dataRow = (n: number): { node: number; fields: string[] } | undefined => {
    if (isBlankOrComment(lines[n])) return undefined;
    const fields = splitFields(lines[n], delimiter);
    if (fields.length !== header.length) {
      throw new Error(`line ${n + 1}: ${fields.length} field(s) where the header has ${header.length} (${columns})`);
    }
    const node = nodeIndex.get(fields[0]);
    if (node === undefined) {
      if (firstUnknown === '') firstUnknown = `"${fields[0]}", line ${n + 1}`;
      skipped.push({ line: n + 1, reason: `node "${fields[0]}" is not in the graph` });
      return undefined;
    }
    return { node, fields };
  };

  const sparse = header.length === 3 && header.map((name) => name.toLowerCase()).join(',') === 'node,feature,value';
  let result: Omit<NodeFeatures, 'report'>;
  if (sparse) {
    // Triples first: the feature count, and so the array's width, is known only at the end.
    const featureIndex = new Map<string, number>();
    const tripleNodes: number[] = [];
    const tripleFeatures: number[] = [];
    const tripleValues: number[] = [];
    const tripleLines: number[] = [];
    for (let n = headerLine + 1; n < lines.length; n++) {
      const row = dataRow(n);
      if (row === undefined) continue;
      const name = row.fields[1];
      let f = featureIndex.get(name);
      if (f === undefined) {
        f = featureIndex.size;
        featureIndex.set(name, f);
      }
      tripleNodes.push(row.node);
      tripleFeatures.push(f);
      tripleValues.push(parseValue(row.fields[2], n + 1, header[2]));
      tripleLines.push(n + 1);
      rows++;
    }
    const count = featureIndex.size;
    const featureNames = [...featureIndex.keys()];
    checkFeatureSize('the node-feature file', nodeCount, count);
    const values = new Float32Array(nodeCount * count);
    const given = new Uint8Array(Math.ceil((nodeCount * count) / 8)); // a bit per value: was it set already?
    for (let t = 0; t < tripleNodes.length; t++) {
      const k = tripleNodes[t] * count + tripleFeatures[t];
      if (given[k >> 3] & (1 << (k & 7))) {
        throw new Error(`line ${tripleLines[t]}: node "${nodeIds[tripleNodes[t]]}" has feature "${featureNames[tripleFeatures[t]]}" a second time`);
      }
      given[k >> 3] |= 1 << (k & 7);
      values[k] = tripleValues[t];
      hasRow[tripleNodes[t]] = 1;
    }
    result = { features: { count, values }, featureNames };
  } else {
    const labelColumns = header.flatMap((name, c) => (c > 0 && name.toLowerCase() === 'label' ? [c] : []));
    if (labelColumns.length > 1) throw new Error(`line ${headerLine + 1}: the header has ${labelColumns.length} label columns; keep one`);
    const labelColumn = labelColumns.length === 1 ? labelColumns[0] : -1;
    const featureColumns = header.flatMap((_name, c) => (c > 0 && c !== labelColumn ? [c] : []));
    const count = featureColumns.length;
    if (count === 0) throw new Error(`line ${headerLine + 1}: the header names no feature column, only the node id and a label`);
    checkFeatureSize('the node-feature file', nodeCount, count);
    const values = new Float32Array(nodeCount * count);
    const classIndex = new Map<string, number>();
    const labels = new Int32Array(nodeCount).fill(-1);
    const rowLine = new Int32Array(nodeCount);
    for (let n = headerLine + 1; n < lines.length; n++) {
      const row = dataRow(n);
      if (row === undefined) continue;
      if (hasRow[row.node]) throw new Error(`line ${n + 1}: node "${row.fields[0]}" has a row already (line ${rowLine[row.node]})`);
      hasRow[row.node] = 1;
      rowLine[row.node] = n + 1;
      for (let f = 0; f < count; f++) values[row.node * count + f] = parseValue(row.fields[featureColumns[f]], n + 1, header[featureColumns[f]]);
      if (labelColumn >= 0 && row.fields[labelColumn] !== '') {
        const name = row.fields[labelColumn];
        let c = classIndex.get(name);
        if (c === undefined) {
          c = classIndex.size;
          classIndex.set(name, c);
        }
        labels[row.node] = c;
      }
      rows++;
    }
    result = { features: { count, values }, featureNames: featureColumns.map((c) => header[c]) };
    if (labelColumn >= 0) result.labels = { classes: [...classIndex.keys()], values: labels };
  }

  if (rows === 0) {
    const why = firstUnknown === '' ? 'it has no data rows' : `none of its rows names a node of the graph (first: ${firstUnknown}): are its ids the edge list's?`;
    throw new Error(`the node-feature file gives no node features: ${why}`);
  }
  let nodesWithoutRow = 0;
  for (let i = 0; i < nodeCount; i++) if (!hasRow[i]) nodesWithoutRow++;
  return { ...result, report: { form: sparse ? 'sparse' : 'dense', lines: lines.length, rows, nodesWithoutRow, unknownNodes: skipped.length, skipped } };
}
