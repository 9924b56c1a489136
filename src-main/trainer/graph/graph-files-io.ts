import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_FILES, GRAPH_MANIFEST_FILE, graphSetProblem, type GraphManifest, type GraphSetArrays } from '../../../src-shared/graphs/graph-files';

/**
 * Reads and writes the graph dataset files of src-shared/graphs/graph-files.ts. The host writes them into an import's
 * temporary folder (renamed into place when complete); the trainer and the host's dataset views read them.
 */

function typed<T extends Int32Array | Float32Array>(file: string, make: (buffer: ArrayBuffer, offset: number, length: number) => T): T {
  const bytes = readFileSync(file);
  if (bytes.byteLength % 4 !== 0) throw new Error(`${file} holds ${bytes.byteLength} bytes, not a whole number of 4-byte values: the dataset is damaged; import it again`);
  // A copy into an aligned buffer: readFileSync's Buffer may sit at any offset of a shared pool.
  const aligned = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(aligned).set(bytes);
  return make(aligned, 0, bytes.byteLength / 4);
}

const int32 = (file: string) => typed(file, (b, o, n) => new Int32Array(b, o, n));
const float32 = (file: string) => typed(file, (b, o, n) => new Float32Array(b, o, n));

/** The packed graphs of a dataset folder, checked against their manifest. */
export function readGraphSet(dir: string): GraphSetArrays {
  const manifestPath = join(dir, GRAPH_MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: this is not a graph dataset, or it is damaged; import it again`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as GraphManifest;
  const optional = <T>(name: string, read: (file: string) => T): T | null => (existsSync(join(dir, name)) ? read(join(dir, name)) : null);
  const set: GraphSetArrays = {
    manifest,
    graphPtr: int32(join(dir, GRAPH_FILES.graphPtr)),
    rowPtr: int32(join(dir, GRAPH_FILES.rowPtr)),
    colIdx: int32(join(dir, GRAPH_FILES.colIdx)),
    features: manifest.featureCount > 0 ? float32(join(dir, GRAPH_FILES.features)) : null,
    labels: optional(GRAPH_FILES.labels, int32),
    graphLabels: optional(GRAPH_FILES.graphLabels, int32),
  };
  const problem = graphSetProblem(set);
  if (problem) throw new Error(`the graph dataset in ${dir} is damaged (${problem}); import it again`);
  return set;
}

const bytesOf = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Writes a packed set into `dir` (an import's temporary folder: the caller renames it into place when complete). */
export function writeGraphSet(dir: string, set: GraphSetArrays): void {
  writeFileSync(join(dir, GRAPH_FILES.graphPtr), bytesOf(set.graphPtr));
  writeFileSync(join(dir, GRAPH_FILES.rowPtr), bytesOf(set.rowPtr));
  writeFileSync(join(dir, GRAPH_FILES.colIdx), bytesOf(set.colIdx));
  if (set.features) writeFileSync(join(dir, GRAPH_FILES.features), bytesOf(set.features));
  if (set.labels) writeFileSync(join(dir, GRAPH_FILES.labels), bytesOf(set.labels));
  if (set.graphLabels) writeFileSync(join(dir, GRAPH_FILES.graphLabels), bytesOf(set.graphLabels));
  // The manifest last: a folder with a manifest has all its files.
  writeFileSync(join(dir, GRAPH_MANIFEST_FILE), JSON.stringify(set.manifest));
}
