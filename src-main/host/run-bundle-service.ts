import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { dropIneffectiveSettings } from '../../src-shared/config/ineffective-settings';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import type { RunConfig } from '../../src-shared/config/run-config';
import { ApiError } from '../../src-shared/contract/api-error';
import { ACTIVE_RUN_STATUSES, type RunStatus } from '../../src-shared/contract/types';
import { builtinDatasetInfo, isBuiltinDataset } from '../../src-shared/datasets/builtin';
import { DATASETS_DIR, IMAGES_FILE, LABELS_FILE } from '../../src-shared/datasets/storage-format';
import type { SkippedFile } from '../../src-shared/datasets/types';
import type { BundleDatasetOutcome, BundledCheckpoint, RunBundleExport, RunBundleImport } from '../../src-shared/runs/run-bundle';
import type { DatasetsRepo, StoredDataset } from '../store/datasets-repo';
import type { BundledRunRow, RunBundleRepo } from '../store/run-bundle-repo';
import type { RunRecord, RunsRepo } from '../store/runs-repo';
import { CHECKPOINT_POINTER, OPTIMIZER_FILE, STATE_FILE, WEIGHTS_FILE, readCheckpointPointer, type CheckpointPointer } from '../trainer/checkpoint-layout';
import { OWNER_FILE } from './dataset-import';
import type { EventBus } from './event-bus';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleError,
  DATASET_FILES_PREFIX,
  DATASET_SKIPPED_PATH,
  RUN_PREFIX,
  datasetContentHash,
  hashFile,
  isBundleFileName,
  makeStagingDir,
  readBundle,
  readMetricsFiles,
  stageFile,
  sweepStagingDirs,
  writeBundle,
  writeMetricsFiles,
  type BundleDataset,
  type BundleManifest,
} from './run-bundle';
import type { RunsService } from './runs-service';

/** The files of an imported dataset whose content identifies it (the manifest beside them is for people). */
const DATA_FILES = [IMAGES_FILE, LABELS_FILE];
/** An imported dataset's id, which names its folder: nothing a path could be made of. */
const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** How often an export looks again for the committed checkpoint when a newer one replaced it mid-copy. */
const CHECKPOINT_ATTEMPTS = 5;

/** A dataset of the same id but different content is here, and the bundle brings no copy of its own. */
class DatasetConflict extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const shape = (dims: number[]) => dims.join('×');

interface DatasetPlan {
  outcome: BundleDatasetOutcome;
  /** The id the imported run uses (a new one for a copy kept beside a different dataset of the same id). */
  id: string;
  name: string;
  message: string;
  /** Set when the bundle's dataset is to be added to this machine. */
  add: { id: string; skipped: SkippedFile[] } | null;
}

/**
 * Run bundles: one run, packed into one file to carry it to another machine, and added to this machine's history
 * under a new id. An import writes nothing until the bundle has been read and checked in full; then the dataset
 * folder (if it brings one), the rows in one transaction and the run folder go into place, and any failure removes
 * what was put there.
 */
export class RunBundleService {
  constructor(
    private readonly dataDir: string,
    private readonly appVersion: string,
    private readonly runs: RunsService,
    private readonly runsRepo: RunsRepo,
    private readonly bundles: RunBundleRepo,
    private readonly datasetsRepo: DatasetsRepo,
    private readonly events: EventBus,
  ) {
    sweepStagingDirs(dataDir);
  }

  async exportBundle(runId: number, path: string, withDataset: boolean, force: boolean): Promise<RunBundleExport> {
    this.runs.require(runId);
    const out = resolve(path);
    this.checkOutPath(out, force);
    const staging = makeStagingDir(this.dataDir);
    try {
      const notes: string[] = [];
      const paths: string[] = [];
      const pointer = this.stageCheckpoint(runId, staging, paths, notes);
      // The history is never behind a committed checkpoint: metrics read after it cover every step it holds.
      this.runs.flush();
      const run = this.runs.require(runId);
      const metrics = writeMetricsFiles(staging, this.bundles.stepChunks(runId), this.bundles.epochRows(runId));
      paths.push(...metrics.paths);
      const known = new Map<string, { size: number; sha256: string }>();
      const dataset = await this.stageDataset(run, withDataset, staging, paths, known, notes);
      const checkpoint = pointer ? { dir: pointer.dir === this.runs.runDir(runId) ? '.' : basename(pointer.dir), step: pointer.step, epoch: pointer.epoch } : null;
      const header: Omit<BundleManifest, 'files'> = {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        appVersion: this.appVersion,
        created: new Date().toISOString(),
        run: {
          id: run.id,
          name: run.name,
          status: run.status,
          config: run.config,
          family: run.family,
          datasetId: run.datasetId,
          backend: run.backend,
          params: run.params,
          error: run.error,
          tags: run.tags,
          notes: run.notes,
          createdAt: run.createdAt,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          sweepId: run.sweepId,
          final: run.final,
          ranges: run.ranges,
          checkpoint,
          metrics: { stepChunks: metrics.stepChunks, steps: metrics.steps, epochRows: metrics.epochRows },
          sessions: this.runsRepo.sessions.of(runId),
        },
        dataset,
      };
      let written;
      try {
        written = await writeBundle(staging, header, paths, out, { force, known });
      } catch (error) {
        if (error instanceof BundleError) throw new ApiError('conflict', error.message);
        throw new ApiError('invalid_input', `could not write ${out}: ${message(error)}`);
      }
      return {
        path: out,
        bytes: written.bytes,
        files: written.files.length,
        checkpoint: checkpoint && { step: checkpoint.step, epoch: checkpoint.epoch },
        dataset: { id: dataset.id, bundled: dataset.bundled },
        notes,
      };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  async importBundle(path: string): Promise<RunBundleImport> {
    const file = resolve(path);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      throw new ApiError('not_found', `no run bundle at ${file}`);
    }
    if (!stat.isFile()) throw new ApiError('invalid_input', `${file} is not a file; give the path of a .llrun run bundle`);
    const refused = (reason: string, code: 'invalid_input' | 'conflict' = 'invalid_input') => new ApiError(code, `${file} cannot be imported: ${reason}; nothing was imported`);
    const staging = makeStagingDir(this.dataDir);
    try {
      let manifest: BundleManifest;
      let metrics: ReturnType<typeof readMetricsFiles>;
      let pointer: CheckpointPointer | null;
      let parsed: ReturnType<typeof parseRunConfig>;
      let droppedSettings: string[] = [];
      let plan: DatasetPlan;
      try {
        manifest = await readBundle(file, staging);
        metrics = readMetricsFiles(staging, manifest);
        pointer = this.stagedCheckpoint(staging);
        // A run recorded by an earlier version may carry settings that never had an effect and are now refused.
        const { config: readable, dropped } = dropIneffectiveSettings(manifest.run.config);
        droppedSettings = dropped;
        parsed = parseRunConfig(readable);
        if (!parsed.ok) {
          throw new BundleError(`its run config is not one this version of Latent Lab accepts (${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`);
        }
        if (parsed.config.dataset.id !== manifest.run.datasetId || manifest.dataset.id !== manifest.run.datasetId) {
          throw new BundleError(`the manifest disagrees with itself about the run's dataset (${manifest.run.datasetId}, ${parsed.config.dataset.id}, ${manifest.dataset.id})`);
        }
        plan = await this.planDataset(manifest, staging);
      } catch (error) {
        if (error instanceof DatasetConflict) throw refused(error.message, 'conflict');
        if (error instanceof BundleError) throw refused(error.message);
        throw error;
      }
      const source = manifest.run;
      const config: RunConfig = plan.id === parsed.config.dataset.id ? parsed.config : { ...parsed.config, dataset: { ...parsed.config.dataset, id: plan.id } };
      const checkpoint: BundledCheckpoint | null = pointer && { step: pointer.step, epoch: pointer.epoch };

      // A run that was training, paused or queued on the source is not training here: it can be resumed.
      let status: RunStatus = source.status;
      const errors: string[] = source.error ? [source.error] : [];
      let finishedAt = source.finishedAt;
      if (ACTIVE_RUN_STATUSES.includes(source.status)) {
        status = 'interrupted';
        finishedAt ??= manifest.created;
        errors.unshift(
          `Exported while ${source.status} on another machine: ${checkpoint ? `resume it to continue from its checkpoint (step ${checkpoint.step})` : 'it had written no checkpoint yet'}`,
        );
      }
      if (plan.outcome === 'missing') errors.push(`This run ${plan.message}`);

      const imported = await this.commit(staging, manifest, plan, pointer, {
        name: source.name,
        status,
        config,
        family: source.family,
        datasetId: plan.id,
        backend: source.backend,
        params: source.params,
        error: errors.length ? errors.join('. ') : null,
        tags: source.tags,
        notes: source.notes,
        createdAt: source.createdAt,
        startedAt: source.startedAt,
        finishedAt,
        sessions: source.sessions ?? null,
      }, metrics, checkpoint);
      if (droppedSettings.length) {
        imported.notes.push(`left out ${droppedSettings.join(', ')}: settings that never changed what the run did, which this version refuses (the run trains the same)`);
      }
      return imported;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /** Puts the dataset folder, the rows (one transaction) and the run folder in place; a failure takes them all back. */
  private commit(
    staging: string,
    manifest: BundleManifest,
    plan: DatasetPlan,
    pointer: CheckpointPointer | null,
    row: BundledRunRow,
    metrics: ReturnType<typeof readMetricsFiles>,
    checkpoint: BundledCheckpoint | null,
  ): RunBundleImport {
    const stagedRun = join(staging, RUN_PREFIX);
    let datasetDir: string | null = null;
    let runId: number | null = null;
    try {
      if (plan.add) datasetDir = this.placeDataset(staging, plan.add.id);
      const add = plan.add;
      const d = manifest.dataset;
      runId = this.bundles.insert(row, metrics.epochRows, metrics.chunks, {
        weightsPath: (id) => (pointer ? join(this.runs.runDir(id), pointer.dir === stagedRun ? '' : basename(pointer.dir), WEIGHTS_FILE) : null),
        alongside: () => {
          if (!add) return;
          if (!d.stored || !d.kind) throw new Error(`the bundle describes dataset ${d.id} without its provenance`);
          this.datasetsRepo.insert({
            id: add.id,
            name: d.name,
            kind: d.kind,
            source: d.stored.source,
            sourcePath: d.stored.sourcePath,
            count: d.count,
            trainCount: d.trainCount,
            testCount: d.testCount,
            sampleShape: d.sampleShape,
            classes: d.stored.classes,
            classCounts: d.stored.classCounts,
            options: d.stored.options,
            dir: datasetDir as string,
            skipped: add.skipped,
          });
        },
      });
      if (existsSync(stagedRun)) {
        mkdirSync(dirname(this.runs.runDir(runId)), { recursive: true });
        renameSync(stagedRun, this.runs.runDir(runId));
      }
      if (datasetDir) rmSync(join(datasetDir, OWNER_FILE), { force: true });
    } catch (error) {
      if (runId !== null) {
        this.runsRepo.delete([runId]);
        rmSync(this.runs.runDir(runId), { recursive: true, force: true });
      }
      if (datasetDir && plan.add) {
        this.datasetsRepo.delete(plan.add.id);
        rmSync(datasetDir, { recursive: true, force: true });
      }
      throw new ApiError('internal', `could not add the run from the bundle (${message(error)}); nothing was imported`);
    }
    this.events.emit('runs.changed', { runIds: [runId] });
    const notes: string[] = [];
    if (!checkpoint) notes.push('the bundle has no checkpoint: the run has its metrics only, so it can be compared but not explored or resumed');
    if (row.status === 'interrupted' && ACTIVE_RUN_STATUSES.includes(manifest.run.status)) notes.push(`it was ${manifest.run.status} on the source; it is interrupted here and can be resumed`);
    return {
      runId,
      sourceRunId: manifest.run.id,
      status: row.status,
      checkpoint,
      dataset: { id: plan.id, name: plan.name, outcome: plan.outcome, message: plan.message },
      notes,
    };
  }

  /** Moves the bundle's dataset folder into the datasets folder, marked as being written by this process until its row exists. */
  private placeDataset(staging: string, id: string): string {
    const files = join(staging, DATASET_FILES_PREFIX);
    const target = join(this.dataDir, DATASETS_DIR, id);
    if (existsSync(target)) throw new Error(`a folder for dataset ${id} already exists at ${target}`);
    writeFileSync(join(files, OWNER_FILE), String(process.pid));
    mkdirSync(dirname(target), { recursive: true });
    renameSync(files, target);
    return target;
  }

  /** What to do with the run's dataset here (see BundleDatasetOutcome); refuses when a different one holds its id. */
  private async planDataset(manifest: BundleManifest, staging: string): Promise<DatasetPlan> {
    const d = manifest.dataset;
    const described = `'${d.name}' (${d.id}${d.count ? `: ${d.count} ${d.kind ?? 'sample'}s of ${shape(d.sampleShape)}` : ''}${d.stored ? `, imported from ${d.stored.sourcePath} on the source` : ''})`;
    const missing = (why: string): DatasetPlan => ({
      outcome: 'missing',
      id: d.id,
      name: d.name,
      message: `needs dataset ${described}, which ${why}: export the run again with --with-dataset and import that bundle to bring it`,
      add: null,
    });
    if (d.builtin) {
      if (isBuiltinDataset(d.id)) return { outcome: 'builtin', id: d.id, name: builtinDatasetInfo(d.id)?.name ?? d.name, message: `built-in dataset '${d.name}': generated here from its seed`, add: null };
      return missing('is built into the newer Latent Lab that exported it, not into this one');
    }
    if (d.bundled) this.checkBundledDataset(manifest);
    const local = this.datasetsRepo.get(d.id);
    if (!local) {
      if (!d.bundled) return missing('is not on this machine and not in the bundle');
      if (!DATASET_ID.test(d.id)) throw new BundleError(`its dataset id ${JSON.stringify(d.id.slice(0, 80))} is not a valid dataset id`);
      return { outcome: 'imported', id: d.id, name: d.name, message: `dataset ${described} was imported from the bundle`, add: { id: d.id, skipped: this.bundledSkipped(staging, manifest) } };
    }
    const difference = await this.datasetDifference(local, d);
    if (difference === null) return { outcome: 'present', id: d.id, name: local.name, message: `dataset '${local.name}' (${d.id}) is already on this machine, with the same content`, add: null };
    if (!d.bundled) {
      throw new DatasetConflict(
        `dataset ${d.id} on this machine is not the one run #${manifest.run.id} was trained on (${difference}), and the bundle does not carry its own copy: export the run again with --with-dataset`,
      );
    }
    const id = `ds-${randomBytes(4).toString('hex')}`;
    return {
      outcome: 'imported-copy',
      id,
      name: d.name,
      message: `a different dataset already has id ${d.id} here (${difference}); both are kept: the bundle's copy was imported as ${id} and the run uses it`,
      add: { id, skipped: this.bundledSkipped(staging, manifest) },
    };
  }

  /** A bundled dataset must be whole: its provenance, and data files of the size its counts and shape give. */
  private checkBundledDataset(manifest: BundleManifest): void {
    const d = manifest.dataset;
    const sizeOf = (name: string) => manifest.files.find((f) => f.path === `${DATASET_FILES_PREFIX}/${name}`);
    const images = sizeOf(IMAGES_FILE);
    const labels = sizeOf(LABELS_FILE);
    const sampleSize = d.sampleShape.reduce((a, b) => a * b, 1);
    if (!d.stored || d.kind !== 'image' || !images || !labels) throw new BundleError(`its dataset ${d.id} is marked as bundled but its files or provenance are missing`);
    if (images.size !== d.count * sampleSize || labels.size !== d.count * 4 || d.trainCount + d.testCount > d.count) {
      throw new BundleError(`its dataset ${d.id} does not match its description (${d.count} samples of ${shape(d.sampleShape)} need ${d.count * sampleSize} image bytes and ${d.count * 4} label bytes; the bundle has ${images.size} and ${labels.size})`);
    }
    const content = datasetContentHash({ [IMAGES_FILE]: images.sha256, [LABELS_FILE]: labels.sha256 });
    if (content !== d.contentSha256) throw new BundleError(`its dataset ${d.id} has content ${content}, the manifest says ${d.contentSha256 ?? 'none'}`);
  }

  private bundledSkipped(staging: string, manifest: BundleManifest): SkippedFile[] {
    if (!manifest.files.some((f) => f.path === DATASET_SKIPPED_PATH)) return [];
    const path = join(staging, DATASET_SKIPPED_PATH);
    try {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (Array.isArray(raw) && raw.every((s) => typeof s?.file === 'string' && typeof s?.reason === 'string')) return raw as SkippedFile[];
    } catch {
      // Reported below.
    }
    throw new BundleError(`${DATASET_SKIPPED_PATH} is not a list of { file, reason }`);
  }

  /** How the dataset here differs from the one the bundle describes, or null when they are the same. */
  private async datasetDifference(local: StoredDataset, d: BundleDataset): Promise<string | null> {
    if (local.count !== d.count) return `${local.count} samples here, ${d.count} in the bundle`;
    if (shape(local.sampleShape) !== shape(d.sampleShape)) return `samples of ${shape(local.sampleShape)} here, ${shape(d.sampleShape)} in the bundle`;
    // The same bytes can be split differently: a run must not validate or test on what it trained on elsewhere.
    if (local.trainCount !== d.trainCount || local.testCount !== d.testCount) {
      return `split ${local.trainCount} train / ${local.testCount} test here, ${d.trainCount} / ${d.testCount} in the bundle`;
    }
    if (d.contentSha256 === null) return null;
    const here = await this.contentHash(local.dir);
    return here === d.contentSha256 ? null : `the same counts and shape, but different content (sha256 ${here.slice(0, 12)}… here, ${d.contentSha256.slice(0, 12)}… in the bundle)`;
  }

  private async contentHash(dir: string, known?: Map<string, { size: number; sha256: string }>, prefix = ''): Promise<string> {
    const hashes: Record<string, string> = {};
    for (const name of DATA_FILES) {
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      const hashed = await hashFile(path);
      hashes[name] = hashed.sha256;
      known?.set(`${prefix}${name}`, hashed);
    }
    return datasetContentHash(hashes);
  }

  /**
   * Links the run's committed checkpoint set (and a pointer to it) into the staging folder. A training run may
   * commit a newer set meanwhile and delete this one: then it starts over with the new one. Leftovers of killed
   * writes and superseded sets are never taken. Null when the run has no checkpoint, or a damaged one.
   */
  private stageCheckpoint(runId: number, staging: string, paths: string[], notes: string[]): CheckpointPointer | null {
    const runDir = this.runs.runDir(runId);
    for (let attempt = 1; ; attempt++) {
      let pointer: CheckpointPointer | null;
      try {
        pointer = readCheckpointPointer(runDir);
      } catch (error) {
        notes.push(`run ${runId}'s checkpoint is damaged (${message(error)}): the bundle holds its metrics only`);
        return null;
      }
      if (!pointer) {
        notes.push(`run ${runId} has no checkpoint (it ended before writing one): the bundle holds its metrics only, so the imported run can be compared but not explored or resumed`);
        return null;
      }
      const target = join(staging, RUN_PREFIX);
      rmSync(target, { recursive: true, force: true });
      const legacy = pointer.dir === runDir;
      const folder = legacy ? RUN_PREFIX : `${RUN_PREFIX}/${basename(pointer.dir)}`;
      try {
        const names = legacy ? [WEIGHTS_FILE, OPTIMIZER_FILE, STATE_FILE].filter((n) => existsSync(join(runDir, n))) : readdirSync(pointer.dir).filter(isBundleFileName);
        const staged = names.map((name) => {
          stageFile(join(pointer.dir, name), join(staging, folder, name));
          return `${folder}/${name}`;
        });
        if (!legacy) {
          writeFileSync(join(target, CHECKPOINT_POINTER), JSON.stringify({ dir: basename(pointer.dir), step: pointer.step, epoch: pointer.epoch }));
          staged.unshift(`${RUN_PREFIX}/${CHECKPOINT_POINTER}`);
        }
        paths.push(...staged);
        return pointer;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === CHECKPOINT_ATTEMPTS) throw error;
      }
    }
  }

  /** The extracted checkpoint, checked as a resume would check it; null when the bundle has none. */
  private stagedCheckpoint(staging: string): CheckpointPointer | null {
    const dir = join(staging, RUN_PREFIX);
    if (!existsSync(dir)) return null;
    try {
      const pointer = readCheckpointPointer(dir);
      if (!pointer) throw new Error('its files are incomplete');
      return pointer;
    } catch (error) {
      throw new BundleError(`the bundle's checkpoint is damaged (${message(error).replaceAll(dir, RUN_PREFIX)})`);
    }
  }

  /** The run's dataset as the bundle describes it; with `withDataset`, an imported dataset's folder is staged too. */
  private async stageDataset(
    run: RunRecord,
    withDataset: boolean,
    staging: string,
    paths: string[],
    known: Map<string, { size: number; sha256: string }>,
    notes: string[],
  ): Promise<BundleDataset> {
    const id = run.datasetId;
    if (isBuiltinDataset(id)) {
      const info = builtinDatasetInfo(id, run.config.dataset.size, run.config.dataset.validationSplit);
      if (!info) throw new Error(`built-in dataset ${id} has no description`);
      if (withDataset) notes.push(`dataset '${info.name}' is built in: every machine generates it from its seed, so it is never bundled`);
      const { name, description, kind, sampleShape, count, trainCount, testCount } = info;
      return { id, builtin: true, present: true, bundled: false, name, description, kind, sampleShape, count, trainCount, testCount, contentSha256: null, stored: null };
    }
    const stored = this.datasetsRepo.get(id);
    if (!stored) {
      notes.push(`dataset ${id} is no longer on this machine: the bundle names it only, and the importing machine needs it to explore or resume the run`);
      return { id, builtin: false, present: false, bundled: false, name: id, description: '', kind: null, sampleShape: [], count: 0, trainCount: 0, testCount: 0, contentSha256: null, stored: null };
    }
    if (withDataset) {
      for (const name of readdirSync(stored.dir)) {
        if (name === OWNER_FILE || !isBundleFileName(name) || !statSync(join(stored.dir, name)).isFile()) continue;
        stageFile(join(stored.dir, name), join(staging, DATASET_FILES_PREFIX, name));
        paths.push(`${DATASET_FILES_PREFIX}/${name}`);
      }
      mkdirSync(dirname(join(staging, DATASET_SKIPPED_PATH)), { recursive: true });
      writeFileSync(join(staging, DATASET_SKIPPED_PATH), JSON.stringify(this.datasetsRepo.skipped(id)));
      paths.push(DATASET_SKIPPED_PATH);
    } else {
      notes.push(`dataset '${stored.name}' (${id}) is not in the bundle: the importing machine needs it to explore or resume the run (--with-dataset brings it)`);
    }
    const contentSha256 = await this.contentHash(withDataset ? join(staging, DATASET_FILES_PREFIX) : stored.dir, known, `${DATASET_FILES_PREFIX}/`);
    return {
      id,
      builtin: false,
      present: true,
      bundled: withDataset,
      name: stored.name,
      description: stored.description,
      kind: stored.kind,
      sampleShape: stored.sampleShape,
      count: stored.count,
      trainCount: stored.trainCount,
      testCount: stored.testCount,
      contentSha256,
      stored: {
        source: stored.source as 'image-folder' | 'idx',
        sourcePath: stored.sourcePath,
        classes: stored.classes,
        classCounts: stored.classCounts,
        options: stored.options,
        createdAt: stored.createdAt ?? '',
      },
    };
  }

  /** Refuses an export target that is a folder, sits in a folder that does not exist, or exists (without force). */
  private checkOutPath(out: string, force: boolean): void {
    if (!existsSync(dirname(out))) throw new ApiError('invalid_input', `the folder ${dirname(out)} does not exist; create it or choose another path`);
    if (!existsSync(out)) return;
    if (statSync(out).isDirectory()) throw new ApiError('invalid_input', `${out} is a folder; give a file path such as ${join(out, 'run.llrun')}`);
    if (!force) throw new ApiError('needs_confirmation', `${out} already exists; export with --force (force: true) to replace it`);
  }
}
