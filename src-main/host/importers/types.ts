import type { ImportOptions } from '../../../src-shared/datasets/import-options';
import type { SkippedFile } from '../../../src-shared/datasets/types';
import type { GraphSetArrays } from '../../../src-shared/graphs/graph-files';

/** What an importer hands back: the samples as bytes, their labels, and every file it had to skip, with why. */
export interface ImportedSamples {
  source: 'image-folder' | 'idx';
  /** [C, H, W]. */
  sampleShape: [number, number, number];
  count: number;
  /** count × C×H×W bytes, planar (CHW) per sample. */
  pixels: Uint8Array;
  /** count class indices into `classes`, −1 where a sample has no label. */
  labels: Int32Array;
  classes: string[];
  skipped: SkippedFile[];
  /** Files read, relative to the source, aligned with the samples. */
  files: string[];
  /** The last `testCount` samples are the source's own test split (an IDX t10k file, a test/ folder); 0 if none. */
  testCount: number;
}

/** What a graph importer hands back: the graphs packed for storage, and what it passed over, with why. */
export interface ImportedGraphs {
  source: 'edge-list' | 'linqs' | 'tu-dortmund';
  /** One graph (an edge list, a LINQS pair) or a set of many (TU Dortmund). */
  shape: 'one-graph' | 'graph-set';
  set: GraphSetArrays;
  /** Classes and counts of what a sample is: node labels of one graph, graph labels of a set. */
  classes: string[];
  classCounts: number[];
  /** Skipped rows (file and line), dropped edges (counted), files in the folder that were not read. */
  skipped: SkippedFile[];
}

export interface ImportContext {
  signal: AbortSignal;
  /** Images: files scanned and decoded. Graphs: source files parsed. */
  onProgress(phase: 'scanning' | 'decoding', done: number, total: number, skipped: number): void;
}

export interface ImageImporter {
  kind: 'image';
  source: ImportedSamples['source'];
  run(path: string, options: ImportOptions, context: ImportContext): Promise<ImportedSamples>;
}

export interface GraphImporter {
  kind: 'graph';
  source: ImportedGraphs['source'];
  run(path: string, options: ImportOptions, context: ImportContext): Promise<ImportedGraphs>;
}

export type Importer = ImageImporter | GraphImporter;

/** Thrown when the user cancels an import; nothing of it is kept. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled; nothing was written');
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new ImportCancelled();
}
