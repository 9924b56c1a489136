import { type Graph, graphFromEdges } from './graph';
import { MAX_GRAPH_EDGES, MAX_GRAPH_NODES, checkGraphSize } from './graph-limits';

/** How a delimited text file separates its fields. */
export type Delimiter = 'tab' | 'comma' | 'whitespace';

/** A row an importer passed over, with its 1-based line number and why. */
export interface SkippedRow {
  line: number;
  reason: string;
}

/** What reading an edge list found, for the import report. */
export interface EdgeListReport {
  /** Lines in the file, blank and comment lines included. */
  lines: number;
  delimiter: Delimiter;
  /** Whether the first row was read as a header (detected, or as options.header said). */
  header: boolean;
  /** Undirected edges in the graph. */
  edges: number;
  selfLoops: number;
  /** Rows repeating an edge already read, in either direction. */
  duplicates: number;
  skipped: SkippedRow[];
  /** Things the user should know that are not errors (e.g. an ignored weight column). */
  notes: string[];
}

export interface EdgeListOptions {
  /** Whether the first row names the columns; detected when absent (see parseEdgeList). */
  header?: boolean;
}

/** The file's lines, without the empty one a final newline leaves. Accepts \n and \r\n endings. */
export function textLines(text: string): string[] {
  // Splitting on a plain '\n' is twice as fast as on a pattern: use the pattern only for files that need it.
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Blank lines and `#` comments carry no data. */
export const isBlankOrComment = (line: string): boolean => {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
};

/** A row's delimiter: a tab if it has one, else a comma if it has one, else runs of spaces. */
export function detectDelimiter(line: string): Delimiter {
  if (line.includes('\t')) return 'tab';
  if (line.includes(',')) return 'comma';
  return 'whitespace';
}

/**
 * A row's fields, trimmed, with one pair of surrounding double quotes taken off (as spreadsheets write ids).
 * Quoted fields holding the delimiter itself are not supported: node ids and feature names rarely hold one.
 */
export function splitFields(line: string, delimiter: Delimiter): string[] {
  const trimmed = line.trim();
  if (trimmed === '') return [];
  const raw = delimiter === 'tab' ? trimmed.split('\t') : delimiter === 'comma' ? trimmed.split(',') : trimmed.split(/\s+/);
  return raw.map((field) => {
    const f = field.trim();
    return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f;
  });
}

const INTEGER = /^[+-]?\d+$/;
/** An integer written the one way String(n) writes it, so the id can be the node index itself. */
const NODE_INDEX = /^(0|[1-9]\d*)$/;

/**
 * A Graph from an edge list: one edge per row, its two ends in the first two fields, in CSV, TSV or
 * whitespace-separated form (detected from the first data row). Blank lines and `#` comments are skipped. Without
 * options.header, the first row is a header when its two ends are not both integers while every other row's are.
 * Node ids may be any strings: ids that are exactly 0 … N − 1 are used as node indices; any others are numbered in
 * order of first appearance and kept in graph.nodeIds. Rows with fewer than two fields are skipped and reported;
 * extra fields (a weight) are ignored, with a note. Throws on a file with no edges or a graph over the size limits.
 */
export function parseEdgeList(text: string, options: EdgeListOptions = {}): { graph: Graph; report: EdgeListReport } {
  const lines = textLines(text);
  const firstData = lines.findIndex((line) => !isBlankOrComment(line));
  const delimiter = firstData >= 0 ? detectDelimiter(lines[firstData]) : 'whitespace';
  const skipped: SkippedRow[] = [];
  const notes: string[] = [];

  // First pass: the two ends of each row, as written (the header, if any, among them).
  const firstEnds: string[] = [];
  const secondEnds: string[] = [];
  // Rows with more than two fields; whether the first data row counts waits on the header decision.
  let extraColumnRows = 0;
  let firstExtraLine = 0;
  let secondExtraLine = 0;
  for (let n = 0; n < lines.length; n++) {
    if (isBlankOrComment(lines[n])) continue;
    const fields = splitFields(lines[n], delimiter);
    if (fields.length < 2) {
      skipped.push({ line: n + 1, reason: `one field ("${fields[0]}"): an edge needs two node ids` });
      continue;
    }
    if (fields[0] === '' || fields[1] === '') {
      skipped.push({ line: n + 1, reason: `an empty node id ("${lines[n].trim()}"): an edge needs two node ids` });
      continue;
    }
    if (fields.length > 2) {
      extraColumnRows++;
      if (firstExtraLine === 0) firstExtraLine = n + 1;
      else if (secondExtraLine === 0) secondExtraLine = n + 1;
    }
    firstEnds.push(fields[0]);
    secondEnds.push(fields[1]);
    // Past twice the edge limit a file is over it however its edges are listed: stop before holding all of it.
    if (firstEnds.length > 2 * MAX_GRAPH_EDGES) {
      throw new Error(
        `the edge list has over ${(2 * MAX_GRAPH_EDGES).toLocaleString('en-US')} rows, more than the limit of ` +
          `${MAX_GRAPH_EDGES.toLocaleString('en-US')} edges even if each is listed both ways: import a subgraph`,
      );
    }
  }

  const firstRowSkipped = skipped.length > 0 && skipped[0].line === firstData + 1;
  const headerRowIsFirst = firstEnds.length > 0 && !firstRowSkipped;
  let header = options.header ?? false;
  if (options.header === undefined && headerRowIsFirst) {
    const bothIntegers = (r: number): boolean => INTEGER.test(firstEnds[r]) && INTEGER.test(secondEnds[r]);
    let othersAreIntegers = true;
    for (let r = 1; r < firstEnds.length && othersAreIntegers; r++) othersAreIntegers = bothIntegers(r);
    header = firstEnds.length > 1 && !bothIntegers(0) && othersAreIntegers;
  }
  let start = 0;
  if (header && headerRowIsFirst) {
    start = 1;
    if (firstExtraLine === firstData + 1) {
      extraColumnRows--; // the header naming a weight column is not a row with a weight
      firstExtraLine = secondExtraLine;
    }
  } else if (header) {
    skipped.shift(); // options.header named a first row too short to be an edge: it was the header, not a bad row
  }
  if (extraColumnRows > 0) {
    notes.push(
      `${extraColumnRows} row(s) have more than two fields (first: line ${firstExtraLine}): ` +
        `only the first two, the edge's ends, are read; weights and other columns are ignored`,
    );
  }

  // Second pass: node indices in order of first appearance.
  const index = new Map<string, number>();
  const ids: string[] = [];
  const edgeRows = firstEnds.length - start;
  const sources = new Int32Array(edgeRows);
  const targets = new Int32Array(edgeRows);
  const indexOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      if (i >= MAX_GRAPH_NODES) checkGraphSize('the edge list', i + 1, 0);
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  for (let r = start; r < firstEnds.length; r++) {
    sources[r - start] = indexOf(firstEnds[r]);
    targets[r - start] = indexOf(secondEnds[r]);
  }

  // Ids that are exactly 0 … N − 1 (in any order of appearance) are the node indices themselves.
  const idsAreIndices = ids.every((id) => NODE_INDEX.test(id) && Number(id) < ids.length);
  if (idsAreIndices) {
    for (let e = 0; e < edgeRows; e++) {
      sources[e] = Number(ids[sources[e]]);
      targets[e] = Number(ids[targets[e]]);
    }
  }

  const { graph, report: dropped } = graphFromEdges(ids.length, sources, targets);
  if (graph.edgeCount === 0) {
    const why = edgeRows === 0 ? 'no row holds two node ids' : `its ${edgeRows} row(s) are all self-loops`;
    throw new Error(`the edge list has no edges: ${why}${header ? ' (after the header row)' : ''}`);
  }
  checkGraphSize('the edge list', graph.nodeCount, graph.edgeCount);
  if (!idsAreIndices) graph.nodeIds = ids;
  return {
    graph,
    report: { lines: lines.length, delimiter, header, edges: graph.edgeCount, selfLoops: dropped.selfLoops, duplicates: dropped.duplicates, skipped, notes },
  };
}
