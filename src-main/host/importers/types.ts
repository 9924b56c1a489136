import type { ImportOptions } from '../../../src-shared/datasets/import-options';
import type { SkippedFile } from '../../../src-shared/datasets/types';

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

export interface ImportContext {
  signal: AbortSignal;
  onProgress(phase: 'scanning' | 'decoding', done: number, total: number, skipped: number): void;
}

export interface Importer {
  source: ImportedSamples['source'];
  run(path: string, options: ImportOptions, context: ImportContext): Promise<ImportedSamples>;
}

/** Thrown when the user cancels an import; nothing of it is kept. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled; nothing was written');
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new ImportCancelled();
}
