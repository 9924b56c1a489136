import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  type WriteStream,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Parser, create as createTar, type ReadEntry } from 'tar';
import { z } from 'zod';
import { RUN_STATUSES } from '../../src-shared/contract/types';
import type { EpochRow, StepChunkBlobs } from '../store/run-bundle-repo';

/**
 * The run bundle file (`.llrun`): a gzipped tar whose first entry is `manifest.json`, then the files it lists,
 * each with its size and sha256:
 *
 *   manifest.json          { format: 'latent-lab-run-bundle', version: 1, appVersion, created, run, dataset, files }
 *   metrics/steps.json     the per-step chunks, in write order: [{ names, count, timed }]
 *   metrics/steps.bin      each chunk's blobs as SQLite holds them (little-endian): steps i32 × count, epochs i32 × count,
 *                          values f64 × names × count (name-major), times f64 × count when timed
 *   metrics/epochs.json    the per-epoch rows: [[step, epoch, name, value | null, wallTime | null], …]
 *   run/checkpoint.json    the pointer to the committed checkpoint set, and that set: run/ckpt-000123/{weights.llw,…}
 *                          (a run of the old layout has run/{weights.llw, optimizer.llw, state.json} instead)
 *   dataset/files/…        with --with-dataset, an imported dataset's folder (images.u8, labels.i32, manifest.json)
 *   dataset/skipped.json   and its provenance's skipped files
 *
 * Reading trusts nothing: every entry must be a regular file at a path of this layout (nothing absolute, no '..',
 * no links or devices), listed in the manifest once, with the listed size and sha256; the bundle is extracted into a
 * staging folder the caller owns, and any problem is a BundleError that names it.
 */
export const BUNDLE_FORMAT = 'latent-lab-run-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const STEP_INDEX_PATH = 'metrics/steps.json';
export const STEP_DATA_PATH = 'metrics/steps.bin';
export const EPOCHS_PATH = 'metrics/epochs.json';
export const RUN_PREFIX = 'run';
export const DATASET_FILES_PREFIX = 'dataset/files';
export const DATASET_SKIPPED_PATH = 'dataset/skipped.json';
/** Staging folders of bundles being written or read, inside the data dir: `.bundle-PID-random`. */
export const STAGING_PREFIX = '.bundle-';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** A file name inside a checkpoint set or a dataset folder: starts with a letter or digit, so never '.' or '..'. */
const NAME = '[A-Za-z0-9][A-Za-z0-9._-]{0,99}';
/** Whether a file of a checkpoint set or dataset folder can travel in a bundle under its own name. */
export const isBundleFileName = (name: string): boolean => new RegExp(`^${NAME}$`).test(name);
const LAYOUT = new RegExp(
  `^(metrics/(steps\\.json|steps\\.bin|epochs\\.json)|run/(checkpoint\\.json|weights\\.llw|optimizer\\.llw|state\\.json|ckpt-\\d+(-\\d+)?/${NAME})|dataset/(skipped\\.json|files/${NAME}))$`,
);

/** A bundle that cannot be read: the message names the problem (and the entry, when one is at fault). */
export class BundleError extends Error {}

const bundleFileSchema = z.strictObject({ path: z.string(), size: z.int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const nullableNumber = z.number().nullable();

/** A training session as RunSessionsRepo stores it (times as toISOString writes them, so the arithmetic on them holds). */
const bundleSessionSchema = z.object({
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  endStatus: z.enum(['completed', 'stopped', 'failed', 'interrupted']).nullable(),
  endedAtSource: z.enum(['recorded', 'last-metric']).nullable(),
  fromStep: z.int().min(0).nullable(),
  fromEpoch: z.int().min(0).nullable(),
  pausedMs: z.number().min(0),
  pausedAt: z.iso.datetime().nullable(),
  backend: z.string().max(40).nullable().default(null),
  backendDetail: z.string().max(1000).nullable().default(null),
});

export const bundleRunSchema = z.object({
  id: z.int().positive(),
  name: z.string().min(1),
  status: z.enum(RUN_STATUSES),
  /** Validated as a run config by the importer (parseRunConfig), which names the fields this build does not accept. */
  config: z.unknown(),
  family: z.string(),
  datasetId: z.string().min(1),
  backend: z.string().nullable(),
  params: z.int().min(0).nullable(),
  error: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The sweep it belonged to on the source (a sweep does not travel with one of its runs). */
  sweepId: z.int().nullable(),
  /** Final and [min, max] epoch metrics as the source listed them; the importer recomputes both from the rows. */
  final: z.record(z.string(), nullableNumber),
  ranges: z.record(z.string(), z.tuple([nullableNumber, nullableNumber])),
  checkpoint: z.object({ dir: z.string(), step: z.int().min(0), epoch: z.int().min(0) }).nullable(),
  metrics: z.object({ stepChunks: z.int().min(0), steps: z.int().min(0), epochRows: z.int().min(0) }),
  /** Its training sessions (absent in bundles written before they were recorded: its training time is then unknown). */
  sessions: z
    .object({
      recordedFromStart: z.boolean(),
      sessions: z
        .array(bundleSessionSchema)
        .max(100_000)
        .refine((list) => list.every((s, i) => s.endedAt !== null || i === list.length - 1), 'only the last training session can be open'),
    })
    .optional(),
});

export const bundleDatasetSchema = z.object({
  id: z.string().min(1),
  builtin: z.boolean(),
  /** Whether the source had the dataset when it exported (a deleted dataset leaves only its id). */
  present: z.boolean(),
  bundled: z.boolean(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['image', 'vector', 'graph']).nullable(),
  sampleShape: z.array(z.int().positive()),
  count: z.int().min(0),
  trainCount: z.int().min(0),
  /** Samples of the dataset's fixed test split, stored after train and validation (absent in older bundles: none). */
  testCount: z.int().min(0).default(0),
  /** sha256 over the sha256 of each data file (`images.u8 HEX\nlabels.i32 HEX\n`): an imported dataset's content. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** An imported dataset's provenance, as its `datasets` row has it. */
  stored: z
    .object({
      source: z.enum(['image-folder', 'idx']),
      sourcePath: z.string(),
      classes: z.array(z.string()),
      classCounts: z.array(z.int().min(0)),
      options: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    })
    .nullable(),
});

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  appVersion: z.string(),
  created: z.string(),
  run: bundleRunSchema,
  dataset: bundleDatasetSchema,
  files: z.array(bundleFileSchema).max(100_000),
});

export type BundleRun = z.infer<typeof bundleRunSchema>;
export type BundleDataset = z.infer<typeof bundleDatasetSchema>;
export type BundleFile = z.infer<typeof bundleFileSchema>;
export type BundleManifest = z.infer<typeof manifestSchema>;

/** Why an entry path cannot be part of a bundle, or null when it is one of the layout's paths. */
export function entryPathProblem(path: string): string | null {
  const quoted = `'${path.slice(0, 120)}'`;
  if (path.length === 0) return 'an entry has an empty path';
  if (path.includes('\0')) return `entry ${JSON.stringify(path.slice(0, 120))} has a NUL character in its path`;
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return `entry ${quoted} has an absolute path, which would write outside the data dir`;
  if (path.includes('\\')) return `entry ${quoted} has a backslash in its path, which some systems read as a folder separator`;
  if (path.split('/').includes('..')) return `entry ${quoted} climbs out of the bundle ('..' in its path)`;
  if (!LAYOUT.test(path)) return `entry ${quoted} is not part of a run bundle's layout`;
  return null;
}

const ENTRY_KINDS: Record<string, string> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a character device',
  BlockDevice: 'a block device',
  FIFO: 'a FIFO (named pipe)',
  Directory: 'a folder entry',
  ContiguousFile: 'a contiguous file',
};

/** sha256 (hex) and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** The content hash of an imported dataset, from the sha256 of each of its data files (name → hex). */
export function datasetContentHash(fileHashes: Record<string, string>): string {
  const lines = Object.keys(fileHashes)
    .sort()
    .map((name) => `${name} ${fileHashes[name]}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/**
 * Puts a file into a staging folder: a hard link when the file system allows it (no copy of a large dataset, and
 * a checkpoint folder the trainer deletes meanwhile keeps its files), else a copy.
 */
export function stageFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    copyFileSync(from, to);
  }
}

/** A staging folder inside the data dir, named after this process so a later start can tell a dead one's leftovers. */
export function makeStagingDir(dataDir: string): string {
  const dir = join(dataDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes staging folders that processes now gone left behind (killed mid-export or mid-import). */
export function sweepStagingDirs(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    const owner = name.startsWith(STAGING_PREFIX) ? /^(\d+)-/.exec(name.slice(STAGING_PREFIX.length)) : null;
    if (owner && !processAlive(Number(owner[1]))) rmSync(join(dataDir, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes every buffer in full (a single write may write less). */
function writeAll(fd: number, buffer: Buffer): void {
  for (let at = 0; at < buffer.length; ) at += writeSync(fd, buffer, at, buffer.length - at);
}

/** Writes a run's metrics into the staging folder (the three metrics files) and returns their paths and counts. */
export function writeMetricsFiles(stagingDir: string, chunks: Iterable<StepChunkBlobs>, epochRows: EpochRow[]): { paths: string[]; stepChunks: number; steps: number; epochRows: number } {
  mkdirSync(join(stagingDir, dirname(STEP_DATA_PATH)), { recursive: true });
  const index: { names: string[]; count: number; timed: boolean }[] = [];
  let steps = 0;
  const fd = openSync(join(stagingDir, STEP_DATA_PATH), 'w');
  try {
    for (const chunk of chunks) {
      for (const blob of [chunk.steps, chunk.epochs, chunk.vals, ...(chunk.times ? [chunk.times] : [])]) writeAll(fd, blob);
      index.push({ names: chunk.names, count: chunk.count, timed: chunk.times !== null });
      steps += chunk.count;
    }
  } finally {
    closeSync(fd);
  }
  writeFileSync(join(stagingDir, STEP_INDEX_PATH), JSON.stringify(index));
  writeFileSync(join(stagingDir, EPOCHS_PATH), JSON.stringify(epochRows));
  return { paths: [STEP_INDEX_PATH, STEP_DATA_PATH, EPOCHS_PATH], stepChunks: index.length, steps, epochRows: epochRows.length };
}

const stepIndexSchema = z.array(
  z.strictObject({ names: z.array(z.string().min(1).max(200)).max(10_000), count: z.int().positive().max(2 ** 31 - 1), timed: z.boolean() }),
);
const epochRowsSchema = z.array(z.tuple([z.int(), z.int(), z.string().min(1).max(200), z.number().nullable(), z.number().nullable()]));

function readJson<T>(stagingDir: string, path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(stagingDir, path), 'utf8'));
  } catch (error) {
    throw new BundleError(`${path} is not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(`${path} is invalid at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads back the metrics files of an extracted bundle, checking that the chunk data matches its index exactly. */
export function readMetricsFiles(stagingDir: string, manifest: BundleManifest): { chunks: StepChunkBlobs[]; epochRows: EpochRow[] } {
  for (const path of [STEP_INDEX_PATH, STEP_DATA_PATH, EPOCHS_PATH]) {
    if (!manifest.files.some((f) => f.path === path)) throw new BundleError(`the bundle has no ${path}`);
  }
  const index = readJson(stagingDir, STEP_INDEX_PATH, stepIndexSchema);
  const data = readFileSync(join(stagingDir, STEP_DATA_PATH));
  const expected = index.reduce((sum, c) => sum + c.count * (8 + 8 * c.names.length + (c.timed ? 8 : 0)), 0);
  if (data.length !== expected) throw new BundleError(`${STEP_DATA_PATH} is ${data.length} bytes; ${STEP_INDEX_PATH} describes ${expected}`);
  const chunks: StepChunkBlobs[] = [];
  let at = 0;
  const take = (bytes: number) => data.subarray(at, (at += bytes));
  for (const [i, c] of index.entries()) {
    if (new Set(c.names).size !== c.names.length) throw new BundleError(`${STEP_INDEX_PATH}: chunk ${i} names a metric twice`);
    chunks.push({ names: c.names, count: c.count, steps: take(4 * c.count), epochs: take(4 * c.count), vals: take(8 * c.count * c.names.length), times: c.timed ? take(8 * c.count) : null });
  }
  const epochRows = readJson(stagingDir, EPOCHS_PATH, epochRowsSchema);
  const counts = manifest.run.metrics;
  const steps = index.reduce((sum, c) => sum + c.count, 0);
  if (index.length !== counts.stepChunks || steps !== counts.steps || epochRows.length !== counts.epochRows) {
    throw new BundleError(
      `the metrics files hold ${index.length} step chunks, ${steps} steps and ${epochRows.length} epoch rows; ${MANIFEST_PATH} says ${counts.stepChunks}, ${counts.steps} and ${counts.epochRows}`,
    );
  }
  const seen = new Set<string>();
  for (const [step, , name] of epochRows) {
    const key = `${step}\0${name}`;
    if (seen.has(key)) throw new BundleError(`${EPOCHS_PATH} has '${name}' at step ${step} twice`);
    seen.add(key);
  }
  return { chunks, epochRows };
}

/**
 * Packs `paths` (relative to `stagingDir`, files already there) under a manifest into a gzipped tar at `outPath`.
 * The bundle is written under a temporary name beside `outPath` and renamed over it once complete, so a failure
 * leaves no partial file; an existing `outPath` is replaced only with `force`.
 */
export async function writeBundle(
  stagingDir: string,
  header: Omit<BundleManifest, 'files'>,
  paths: string[],
  outPath: string,
  options: { force: boolean; known?: Map<string, { size: number; sha256: string }> },
): Promise<{ bytes: number; files: BundleFile[] }> {
  const files: BundleFile[] = [];
  for (const path of paths) files.push({ path, ...(options.known?.get(path) ?? (await hashFile(join(stagingDir, path)))) });
  const manifest: BundleManifest = { ...header, files };
  writeFileSync(join(stagingDir, MANIFEST_PATH), JSON.stringify(manifest, null, 1));
  const temp = join(dirname(outPath), `.${basename(outPath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // portable: no owner names or ids of this machine in the headers.
    await createTar({ gzip: true, file: temp, cwd: stagingDir, portable: true }, [MANIFEST_PATH, ...paths]);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!options.force && existsSync(outPath)) throw new BundleError(`${outPath} already exists; export with --force (force: true) to replace it`);
    renameSync(temp, outPath);
    return { bytes: statSync(outPath).size, files };
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Says what a tar or zlib failure means for a person holding the file. */
function describeReadError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const detail = e.message ?? String(error);
  if (e.code === 'Z_BUF_ERROR' || /Truncated input|unexpected end/i.test(detail)) return `the file is truncated (${detail}); copy it again`;
  if (e.code?.startsWith('Z_')) return `the file is corrupt (${detail}); copy it again`;
  if (e.code === 'TAR_ENTRY_INVALID') return `the file is corrupt: an entry header is damaged (${detail})`;
  if (/Unrecognized archive format/.test(detail)) return 'the file is not a run bundle (not a gzipped tar archive)';
  if (/decompression ratio/.test(detail)) return `the file expands to far more data than it holds (${detail}): refused as a decompression bomb`;
  return detail;
}

function parseManifest(bytes: Buffer): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new BundleError(`${MANIFEST_PATH} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const head = (typeof raw === 'object' && raw !== null ? raw : {}) as { format?: unknown; version?: unknown };
  if (head.format !== BUNDLE_FORMAT) throw new BundleError(`${MANIFEST_PATH} does not describe a Latent Lab run bundle (format ${JSON.stringify(head.format ?? null)?.slice(0, 60)})`);
  if (typeof head.version === 'number' && Number.isInteger(head.version) && head.version > BUNDLE_VERSION) {
    throw new BundleError(`the bundle was written by a newer Latent Lab (bundle version ${head.version}; this build reads version ${BUNDLE_VERSION}): upgrade Latent Lab to import it`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(`${MANIFEST_PATH} is invalid at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const file of parsed.data.files) {
    const problem = file.path === MANIFEST_PATH ? `${MANIFEST_PATH} lists itself` : entryPathProblem(file.path);
    if (problem) throw new BundleError(`${MANIFEST_PATH}: ${problem}`);
    // Folded case: two names one case-insensitive file system would merge.
    if (seen.has(file.path.toLowerCase())) throw new BundleError(`${MANIFEST_PATH} lists '${file.path}' twice`);
    seen.add(file.path.toLowerCase());
  }
  return parsed.data;
}

/**
 * Reads a bundle into `stagingDir` (an empty folder the caller owns and removes) and returns its manifest, or throws
 * a BundleError naming the first problem. Files are only ever created inside `stagingDir`, at the layout's paths,
 * each exclusively (never through an existing file or link).
 */
export async function readBundle(bundlePath: string, stagingDir: string): Promise<BundleManifest> {
  let problem: string | null = null;
  let manifest: BundleManifest | null = null;
  let entries = 0;
  const manifestChunks: Buffer[] = [];
  let manifestBytes = 0;
  const written = new Map<string, { size: number; sha256: string }>();
  /** Paths of the entries being extracted, case-folded (two names a case-insensitive file system would merge). */
  const extracted = new Set<string>();
  const open = new Set<WriteStream>();
  const pending: Promise<void>[] = [];
  const parser = new Parser({ strict: true });

  /** Parses the manifest once its entry has ended: the parser starts the next entry only after that. */
  let manifestEnded = false;
  const readManifest = () => {
    if (manifest || problem !== null || !manifestEnded) return;
    try {
      manifest = parseManifest(Buffer.concat(manifestChunks));
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  };

  const fail = (message: string) => {
    problem ??= message;
    parser.abort(new BundleError(message));
  };

  const extract = (entry: ReadEntry, expected: BundleFile) => {
    const target = join(stagingDir, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    const out = createWriteStream(target, { flags: 'wx' });
    open.add(out);
    const hash = createHash('sha256');
    let size = 0;
    // One consumer that hashes and writes each chunk: a second one (a pipe beside a 'data' listener) misses the
    // chunks the parser buffered in the entry before either was attached.
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (!out.write(chunk)) {
        entry.pause();
        out.once('drain', () => entry.resume());
      }
    });
    entry.on('end', () => out.end());
    pending.push(
      new Promise<void>((resolve) => {
        out.on('error', (error) => {
          fail(`could not write '${entry.path}' while reading the bundle (${error.message})`);
          resolve();
        });
        out.on('close', () => {
          open.delete(out);
          if (size === expected.size) written.set(entry.path, { size, sha256: hash.digest('hex') });
          resolve();
        });
      }),
    );
  };

  parser.on('entry', (entry: ReadEntry) => {
    const index = entries++;
    if (problem !== null) {
      entry.resume();
      return;
    }
    const path = entry.path;
    const kind = ENTRY_KINDS[entry.type] ?? (entry.type === 'File' || entry.type === 'OldFile' ? null : `a '${entry.type}' entry`);
    if (kind) {
      const target = entry.linkpath ? ` (to '${entry.linkpath.slice(0, 120)}')` : '';
      fail(`entry '${path.slice(0, 120)}' is ${kind}${target}; a run bundle holds regular files only`);
      entry.resume();
      return;
    }
    if (index === 0) {
      if (path !== MANIFEST_PATH) fail(`the first entry is '${path.slice(0, 120)}', not ${MANIFEST_PATH}: not a run bundle`);
      else if (entry.size > MAX_MANIFEST_BYTES) fail(`${MANIFEST_PATH} is ${entry.size} bytes; at most ${MAX_MANIFEST_BYTES} are allowed`);
      else {
        entry.on('data', (chunk: Buffer) => {
          manifestBytes += chunk.length;
          if (manifestBytes <= MAX_MANIFEST_BYTES) manifestChunks.push(chunk);
        });
        entry.on('end', () => {
          manifestEnded = true;
          readManifest();
        });
      }
      entry.resume();
      return;
    }
    readManifest();
    const pathProblem = path === MANIFEST_PATH ? `${MANIFEST_PATH} appears twice` : entryPathProblem(path);
    const expected = (manifest as BundleManifest | null)?.files.find((f) => f.path === path);
    if (problem !== null) {
      entry.resume();
      return;
    }
    if (pathProblem) fail(pathProblem);
    else if (!manifest) fail(`${MANIFEST_PATH} could not be read before '${path.slice(0, 120)}'`);
    else if (!expected) fail(`entry '${path.slice(0, 120)}' is not listed in ${MANIFEST_PATH}`);
    else if (extracted.has(path.toLowerCase())) fail(`entry '${path.slice(0, 120)}' appears twice`);
    else if (entry.size !== expected.size) fail(`entry '${path.slice(0, 120)}' is ${entry.size} bytes; ${MANIFEST_PATH} says ${expected.size}`);
    if (problem !== null || !expected) {
      entry.resume();
      return;
    }
    extracted.add(path.toLowerCase());
    extract(entry, expected);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const input = createReadStream(bundlePath);
      input.on('error', (error) => reject(error));
      parser.on('error', (error: Error) => {
        input.destroy();
        reject(error);
      });
      parser.on('end', () => resolve());
      input.pipe(parser);
    });
  } catch (error) {
    problem ??= describeReadError(error);
  }
  if (problem !== null) {
    // Streams cut off mid-entry never finish by themselves: close them before the caller removes the folder.
    for (const out of open) out.destroy();
  }
  await Promise.all(pending);
  if (problem !== null) throw new BundleError(problem);
  const complete = manifest as BundleManifest | null;
  if (!complete) throw new BundleError(entries === 0 ? 'the bundle is empty' : `the bundle has no readable ${MANIFEST_PATH}`);
  for (const file of complete.files) {
    const got = written.get(file.path);
    if (!extracted.has(file.path.toLowerCase())) throw new BundleError(`'${file.path}' is listed in ${MANIFEST_PATH} but missing from the bundle (truncated?)`);
    if (!got) throw new BundleError(`entry '${file.path}' ends early: the bundle is truncated`);
    if (got.sha256 !== file.sha256) throw new BundleError(`entry '${file.path}' is damaged: its sha256 is ${got.sha256}, ${MANIFEST_PATH} says ${file.sha256}`);
  }
  return complete;
}
