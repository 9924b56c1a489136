import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/contract/api-error';
import { sourceOptionIssues, type ImportOptions, type ImportProgress } from '../../src-shared/datasets/import-options';
import { shuffledIndices } from '../../src-shared/datasets/shuffle';
import { DATASETS_DIR, IMAGES_FILE, IMPORTING_PREFIX, LABELS_FILE, MANIFEST_FILE } from '../../src-shared/datasets/storage-format';
import type { DatasetsRepo, NewDataset, StoredDataset } from '../store/datasets-repo';
import { writeGraphSet } from '../trainer/graph/graph-files-io';
import { importerFor } from './importers';
import { IdxError } from './importers/idx';
import { ImportCancelled, type ImportedGraphs, type ImportedSamples } from './importers/types';

const PROGRESS_INTERVAL_MS = 100;

/** Sends a progress event, at most every PROGRESS_INTERVAL_MS unless forced. */
type ReportProgress = (phase: ImportProgress['phase'], done: number, total: number, skipped: number, force?: boolean) => void;
/** Marks a folder as being written by a live process, so another host on the same data dir leaves it alone. */
export const OWNER_FILE = 'owner.pid';

function ownerAlive(dir: string): boolean {
  const file = join(dir, OWNER_FILE);
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One-time imports into the data dir, of images (an image folder, IDX files) and graphs (an edge list, a LINQS or
 * TU Dortmund folder). Atomic: files are written under `.importing-<id>/`, renamed into place
 * when complete, and registered in SQLite last; a cancel, an error or a crash leaves nothing that counts, and
 * what a crash left behind is swept at the next start.
 */
export class DatasetImporter {
  private readonly running = new Map<string, AbortController>();
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly repo: DatasetsRepo,
    private readonly onProgress: (progress: ImportProgress) => void,
  ) {
    this.root = join(dataDir, DATASETS_DIR);
    mkdirSync(this.root, { recursive: true });
    this.sweep();
  }

  async import(importId: string, options: ImportOptions): Promise<StoredDataset> {
    if (this.running.has(importId)) throw new ApiError('conflict', `import '${importId}' is already running`);
    const controller = new AbortController();
    this.running.set(importId, controller);
    const tmp = join(this.root, `${IMPORTING_PREFIX}${importId}`);
    const started = performance.now();
    let last = 0;
    const report: ReportProgress = (phase, done, total, skipped, force = false) => {
      const now = performance.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      const seconds = (now - started) / 1000;
      this.onProgress({ importId, phase, done, total, skipped, filesPerSec: seconds > 0 ? done / seconds : 0 });
    };
    try {
      const importer = await importerFor(options.path);
      const issues = sourceOptionIssues(options, importer.source);
      if (issues.length > 0) throw new ApiError('invalid_input', issues.map((i) => i.message).join('; '), issues);
      const context = {
        signal: controller.signal,
        onProgress: (phase: 'scanning' | 'decoding', done: number, total: number, skipped: number) => report(phase, done, total, skipped, phase === 'scanning' || done === total),
      };
      const dataset =
        importer.kind === 'graph'
          ? this.writeGraphs(tmp, await importer.run(options.path, options, context), options, controller.signal, report)
          : this.writeImages(tmp, await importer.run(options.path, options, context), options, controller.signal, report);
      const id = `ds-${randomBytes(4).toString('hex')}`;
      const dir = join(this.root, id);
      renameSync(tmp, dir);
      try {
        this.repo.insert({ ...dataset, id, dir });
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      rmSync(join(dir, OWNER_FILE), { force: true });
      return this.repo.get(id) as StoredDataset;
    } catch (error) {
      rmSync(tmp, { recursive: true, force: true });
      if (error instanceof ImportCancelled) throw new ApiError('cancelled', error.message);
      if (error instanceof IdxError) throw new ApiError('invalid_input', error.message);
      throw error;
    } finally {
      this.running.delete(importId);
    }
  }

  cancel(importId: string): boolean {
    const controller = this.running.get(importId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Checks decoded images, writes them into `tmp` and returns their row (without id and folder). */
  private writeImages(tmp: string, samples: ImportedSamples, options: ImportOptions, signal: AbortSignal, report: ReportProgress): Omit<NewDataset, 'id' | 'dir'> {
    if (samples.count === 0) {
      const reasons = samples.skipped.slice(0, 3).map((s) => `${s.file}: ${s.reason}`);
      throw new ApiError(
        'invalid_input',
        samples.skipped.length === 0
          ? `no images found in ${options.path}`
          : `no usable images in ${options.path}: all ${samples.skipped.length} files were skipped (${reasons.join('; ')}${samples.skipped.length > 3 ? '; …' : ''})`,
      );
    }
    if (samples.testCount > 0 && options.testSplit > 0) {
      const message = `${options.path} has its own test split (${samples.testCount} images${samples.source === 'idx' ? ', the t10k file' : ', its test/ or val/ folder'}): it is kept as the test set; leave testSplit out`;
      throw new ApiError('invalid_input', message, [{ path: 'testSplit', message }]);
    }
    if (samples.testCount > 0 && samples.count - samples.testCount < 2) {
      const where = samples.source === 'idx' ? 'the training IDX file' : 'train/';
      throw new ApiError('invalid_input', `${options.path}: ${where} has ${samples.count - samples.testCount} usable image(s) beside a test split of ${samples.testCount}; at least 2 are needed to train and validate on`);
    }
    report('writing', samples.count, samples.count, samples.skipped.length, true);
    if (signal.aborted) throw new ImportCancelled();
    const { trainCount, testCount } = this.writeFiles(tmp, samples, options);
    return {
      name: options.name ?? defaultName(options.path),
      kind: 'image',
      source: samples.source,
      sourcePath: options.path,
      count: samples.count,
      trainCount,
      testCount,
      sampleShape: samples.sampleShape,
      classes: samples.classes,
      classCounts: samples.classes.map((_, c) => samples.labels.reduce((n, l) => n + (l === c ? 1 : 0), 0)),
      options: { ...options },
      skipped: samples.skipped,
    };
  }

  /**
   * Writes parsed graphs into `tmp` (graph-files.ts' format, plus the provenance manifest) and returns their row. A
   * sample is a node of one graph or a graph of a set, and all of them are training samples: a graph model's
   * held-out part (link prediction's edge split) is drawn per run from the run config's seed, so the stored
   * dataset has no validation or test split of its own.
   */
  private writeGraphs(tmp: string, graphs: ImportedGraphs, options: ImportOptions, signal: AbortSignal, report: ReportProgress): Omit<NewDataset, 'id' | 'dir'> {
    const { manifest } = graphs.set;
    const count = graphs.shape === 'one-graph' ? manifest.nodes : manifest.graphs;
    report('writing', count, count, graphs.skipped.length, true);
    if (signal.aborted) throw new ImportCancelled();
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, OWNER_FILE), String(process.pid));
    writeGraphSet(tmp, graphs.set);
    // Only the options that apply to a graph: the image ones were refused unless at their defaults.
    const given = { path: options.path, ...(options.name ? { name: options.name } : {}), ...(options.featuresPath ? { featuresPath: options.featuresPath } : {}), ...(options.labelsPath ? { labelsPath: options.labelsPath } : {}) };
    const graph = { graphs: manifest.graphs, nodes: manifest.nodes, edges: manifest.edges, featureCount: manifest.featureCount };
    writeFileSync(
      join(tmp, MANIFEST_FILE),
      JSON.stringify({ format: 'latent-lab-dataset/1', kind: 'graph', source: graphs.source, sourcePath: options.path, options: given, graph, classes: graphs.classes, skipped: graphs.skipped }),
    );
    return {
      name: options.name ?? defaultName(options.path),
      kind: 'graph',
      source: graphs.source,
      sourcePath: options.path,
      count,
      trainCount: count,
      testCount: 0,
      sampleShape: [manifest.featureCount],
      classes: graphs.classes,
      classCounts: graphs.classCounts,
      options: given,
      skipped: graphs.skipped,
      graph,
    };
  }

  /**
   * Stores train samples first, then validation, then the test split. The training pool is shuffled once with the
   * import seed and validation is its tail. The test split is the source's own (kept in its order, so its bytes are
   * the source file's) or, with `testSplit`, a seeded draw from the pool; it is never shuffled into training.
   */
  private writeFiles(tmp: string, samples: ImportedSamples, options: ImportOptions): { trainCount: number; testCount: number } {
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, OWNER_FILE), String(process.pid));
    const sampleSize = samples.sampleShape.reduce((a, b) => a * b, 1);
    const poolSize = samples.count - samples.testCount;
    const shuffled = Array.from(shuffledIndices(poolSize, options.seed));
    const drawn = samples.testCount === 0 && options.testSplit > 0 && poolSize > 2 ? Math.max(1, Math.round(poolSize * options.testSplit)) : 0;
    // An IDX test file keeps its order (its bytes are the file's); a test/ folder is scanned class by class, so it is
    // shuffled with the seed, or any metric on its first images (the IWAE bound's) would see one class.
    const own = samples.source === 'idx' ? Array.from({ length: samples.testCount }, (_, i) => poolSize + i) : Array.from(shuffledIndices(samples.testCount, options.seed + 1), (i) => poolSize + i);
    const test = samples.testCount > 0 ? own : shuffled.splice(poolSize - drawn, drawn);
    const pool = shuffled;
    const validation = pool.length < 2 ? 0 : Math.max(1, Math.round(pool.length * options.validationSplit));
    const order = [...pool, ...test];
    const pixels = new Uint8Array(samples.pixels.byteLength);
    const labels = new Int32Array(samples.count);
    order.forEach((from, to) => {
      pixels.set(samples.pixels.subarray(from * sampleSize, (from + 1) * sampleSize), to * sampleSize);
      labels[to] = samples.labels[from];
    });
    writeFileSync(join(tmp, IMAGES_FILE), pixels);
    writeFileSync(join(tmp, LABELS_FILE), new Uint8Array(labels.buffer));
    const manifest = {
      format: 'latent-lab-dataset/1',
      source: samples.source,
      sourcePath: options.path,
      options,
      sampleShape: samples.sampleShape,
      count: samples.count,
      trainCount: pool.length - validation,
      testCount: test.length,
      classes: samples.classes,
      files: samples.files.length ? Array.from(order, (i) => samples.files[i]) : undefined,
      skipped: samples.skipped,
    };
    writeFileSync(join(tmp, MANIFEST_FILE), JSON.stringify(manifest));
    return { trainCount: pool.length - validation, testCount: test.length };
  }

  /** Removes what a crash left: unfinished imports, and dataset folders SQLite never registered. */
  private sweep(): void {
    const registered = this.repo.ids();
    for (const name of readdirSync(this.root)) {
      const dir = join(this.root, name);
      if ((name.startsWith(IMPORTING_PREFIX) || !registered.has(name)) && !ownerAlive(dir)) rmSync(dir, { recursive: true, force: true });
    }
  }
}

function defaultName(path: string): string {
  const parts = path.replace(/[/\\]+$/, '').split(/[/\\]/);
  return (parts.pop() ?? path).replace(/\.gz$/, '');
}
