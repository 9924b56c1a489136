import { type Graph, graphFromEdges } from './graph';
import { checkFeatureSize, checkGraphSize } from './graph-limits';
import { type SkippedRow, isBlankOrComment, textLines } from './parse-edge-list';

/** What reading a LINQS pair found, for the import report. */
export interface LinqsReport {
  papers: number;
  features: number;
  classes: number;
  /** Citation lines read from the .cites file. */
  citations: number;
  /** Undirected edges in the graph. */
  edges: number;
  /** Citations of a paper by itself. */
  selfCitations: number;
  /** Citations repeating a pair already read, in either direction. */
  duplicates: number;
  /** Citations naming a paper the .content file does not list (Citeseer has some): dropped. */
  droppedCitations: number;
  /** The distinct ids those dropped citations name. */
  unknownPapers: number;
  /** .cites lines without exactly two ids. */
  skipped: SkippedRow[];
}

/** A .content feature value: LINQS files write 0 and 1, so those are read without Number's general parse. */
function featureValue(field: string, line: number, column: number): number {
  if (field === '0') return 0;
  if (field === '1') return 1;
  const value = Number(field);
  if (!Number.isFinite(value)) throw new Error(`the .content file, line ${line}, feature ${column}: "${field}" is not a number`);
  return value;
}

/**
 * A Graph from a LINQS citation dataset as Cora and Citeseer are distributed: `NAME.content`, one paper per line
 * (its id, its binary word features, its class label, separated by tabs or spaces), and `NAME.cites`, one citation
 * per line ("cited citing"). The graph is undirected, with papers as nodes in .content order, their features and
 * labels, and their ids in nodeIds. Citations naming papers missing from .content, self-citations and repeats are
 * dropped and counted. Throws, naming the line, on a malformed or repeated paper, and on a pair with no citations.
 */
export function parseLinqs(contentText: string, citesText: string): { graph: Graph; report: LinqsReport } {
  const contentLines = textLines(contentText);
  let paperCount = 0;
  for (const line of contentLines) if (!isBlankOrComment(line)) paperCount++;
  if (paperCount === 0) throw new Error('the .content file lists no papers: each line should be a paper id, its features and its class label');
  checkGraphSize('the .content file', paperCount, 0);

  const paperIndex = new Map<string, number>();
  const paperLine = new Int32Array(paperCount);
  const nodeIds: string[] = [];
  const classIndex = new Map<string, number>();
  const labels = new Int32Array(paperCount);
  let featureCount = -1;
  let values = new Float32Array(0);
  for (let n = 0; n < contentLines.length; n++) {
    if (isBlankOrComment(contentLines[n])) continue;
    const fields = contentLines[n].trim().split(/\s+/);
    if (featureCount < 0) {
      if (fields.length < 3) {
        throw new Error(`the .content file, line ${n + 1}: ${fields.length} field(s): a paper needs its id, its features and its class label`);
      }
      featureCount = fields.length - 2;
      checkFeatureSize('the .content file', paperCount, featureCount);
      values = new Float32Array(paperCount * featureCount);
    } else if (fields.length - 2 !== featureCount) {
      throw new Error(`the .content file, line ${n + 1}: ${fields.length - 2} feature(s) where line ${paperLine[0]} has ${featureCount}`);
    }
    const id = fields[0];
    const earlier = paperIndex.get(id);
    if (earlier !== undefined) throw new Error(`the .content file, line ${n + 1}: paper "${id}" is listed again (first on line ${paperLine[earlier]})`);
    const p = nodeIds.length;
    paperIndex.set(id, p);
    paperLine[p] = n + 1;
    nodeIds.push(id);
    const row = p * featureCount;
    for (let f = 0; f < featureCount; f++) values[row + f] = featureValue(fields[f + 1], n + 1, f + 1);
    const label = fields[featureCount + 1];
    let c = classIndex.get(label);
    if (c === undefined) {
      c = classIndex.size;
      classIndex.set(label, c);
    }
    labels[p] = c;
  }

  // "cited citing": the direction of a citation is dropped, the graph is undirected.
  const citesLines = textLines(citesText);
  const sources: number[] = [];
  const targets: number[] = [];
  const skipped: SkippedRow[] = [];
  const unknown = new Set<string>();
  let citations = 0;
  let droppedCitations = 0;
  for (let n = 0; n < citesLines.length; n++) {
    if (isBlankOrComment(citesLines[n])) continue;
    const fields = citesLines[n].trim().split(/\s+/);
    if (fields.length !== 2) {
      skipped.push({ line: n + 1, reason: `${fields.length} field(s): a citation is two paper ids, cited and citing` });
      continue;
    }
    citations++;
    const cited = paperIndex.get(fields[0]);
    const citing = paperIndex.get(fields[1]);
    if (cited === undefined || citing === undefined) {
      droppedCitations++;
      if (cited === undefined) unknown.add(fields[0]);
      if (citing === undefined) unknown.add(fields[1]);
      continue;
    }
    sources.push(cited);
    targets.push(citing);
  }

  const { graph, report: dropped } = graphFromEdges(paperCount, sources, targets);
  if (graph.edgeCount === 0) {
    throw new Error(
      `the .cites file joins no two papers of the .content file: ${citations} citation(s), ` +
        `${droppedCitations} naming unknown papers, ${dropped.selfLoops} self-citation(s)`,
    );
  }
  checkGraphSize('the .cites file', graph.nodeCount, graph.edgeCount);
  graph.features = { count: featureCount, values };
  graph.labels = { classes: [...classIndex.keys()], values: labels };
  if (!nodeIds.every((id, i) => id === String(i))) graph.nodeIds = nodeIds;
  return {
    graph,
    report: {
      papers: paperCount,
      features: featureCount,
      classes: classIndex.size,
      citations,
      edges: graph.edgeCount,
      selfCitations: dropped.selfLoops,
      duplicates: dropped.duplicates,
      droppedCitations,
      unknownPapers: unknown.size,
      skipped,
    },
  };
}

/**
 * The dataset name when a folder's file names hold exactly one LINQS pair, `NAME.content` and `NAME.cites`
 * (other files, e.g. a README, may sit beside them); null otherwise.
 */
export function isLinqsFolder(fileNames: string[]): string | null {
  const contents = fileNames.filter((name) => name.endsWith('.content'));
  const cites = fileNames.filter((name) => name.endsWith('.cites'));
  if (contents.length !== 1 || cites.length !== 1) return null;
  const name = contents[0].slice(0, -'.content'.length);
  return name !== '' && cites[0] === `${name}.cites` ? name : null;
}
