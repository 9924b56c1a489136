import { type SkippedRow, detectDelimiter, isBlankOrComment, splitFields, textLines } from './parse-edge-list';

/** What reading a node-label file found, for the import report. */
export interface NodeLabelReport {
  /** Lines in the file, header, blank and comment lines included. */
  lines: number;
  /** Whether the first data row was read as a header (its first field names no node of the graph). */
  header: boolean;
  /** Rows whose label was read. */
  rows: number;
  /** Graph nodes the file gave no label: their label is −1. */
  nodesWithoutLabel: number;
  /** Rows naming a node the graph does not have, each listed in skipped. */
  unknownNodes: number;
  skipped: SkippedRow[];
}

export interface NodeLabels {
  /** Classes in order of first appearance, −1 where a node has none. */
  labels: { classes: string[]; values: Int32Array };
  report: NodeLabelReport;
}

/**
 * Node labels for a graph whose nodes have the ids `nodeIds` (graph.nodeIds, or "0" … "N − 1"), from a file of
 * `node,label` rows (CSV, TSV or whitespace, detected from the first data row; `#` comments and blank lines passed
 * over). The first data row is a header when its first field names no node of the graph (e.g. `node,label`). Label
 * values are class names, in order of first appearance; an empty label leaves the node without one. Rows naming
 * nodes not in the graph are skipped and reported. Throws, naming the line, on a row without exactly two fields or a
 * node labelled twice, and on a file that labels no node of the graph.
 */
export function parseNodeLabels(text: string, nodeIds: string[]): NodeLabels {
  const lines = textLines(text);
  const firstData = lines.findIndex((line) => !isBlankOrComment(line));
  if (firstData < 0) throw new Error('the labels file is empty: it needs a row "node,label" per labelled node');
  const delimiter = detectDelimiter(lines[firstData]);
  const nodeIndex = new Map<string, number>();
  nodeIds.forEach((id, i) => nodeIndex.set(id, i));

  const values = new Int32Array(nodeIds.length).fill(-1);
  const rowLine = new Int32Array(nodeIds.length);
  const classIndex = new Map<string, number>();
  const skipped: SkippedRow[] = [];
  let header = false;
  let rows = 0;
  for (let n = firstData; n < lines.length; n++) {
    if (isBlankOrComment(lines[n])) continue;
    const fields = splitFields(lines[n], delimiter);
    if (fields.length !== 2) {
      throw new Error(`line ${n + 1}: ${fields.length} field(s) ("${lines[n].trim()}"); a labels file has two per row, the node id and its label`);
    }
    const node = nodeIndex.get(fields[0]);
    if (node === undefined) {
      if (n === firstData) {
        header = true;
        continue;
      }
      skipped.push({ line: n + 1, reason: `node "${fields[0]}" is not in the graph` });
      continue;
    }
    if (rowLine[node] > 0) throw new Error(`line ${n + 1}: node "${fields[0]}" has a label already (line ${rowLine[node]})`);
    rowLine[node] = n + 1;
    rows++;
    if (fields[1] === '') continue;
    let c = classIndex.get(fields[1]);
    if (c === undefined) {
      c = classIndex.size;
      classIndex.set(fields[1], c);
    }
    values[node] = c;
  }
  if (classIndex.size === 0) {
    const why = skipped.length > 0 ? `none of its rows names a node of the graph (first: "${lines[skipped[0].line - 1].trim()}", line ${skipped[0].line}): are its ids the edge list's?` : 'it has no labelled rows';
    throw new Error(`the labels file labels no node: ${why}`);
  }
  let nodesWithoutLabel = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < 0) nodesWithoutLabel++;
  return {
    labels: { classes: [...classIndex.keys()], values },
    report: { lines: lines.length, header, rows, nodesWithoutLabel, unknownNodes: skipped.length, skipped },
  };
}
