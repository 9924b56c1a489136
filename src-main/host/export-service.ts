import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { create as createTar } from 'tar';
import { ApiError } from '../../src-shared/contract/api-error';
import { defaultExportName, exportOptionsIssues, type ExportFormat, type ExportOptions, type ExportProgress, type ExportResult } from '../../src-shared/export/export-options';
import type { TrainerToHost } from '../trainer/protocol';
import type { DatasetsService } from './datasets-service';
import type { EventBus } from './event-bus';
import type { RunsService } from './runs-service';
import type { TrainerSupervisor } from './trainer-supervisor';

/** Where serve mode keeps exports until the browser downloads them (one folder per export, emptied at start). */
export const DOWNLOADS_DIR = 'exports';

export interface ExportRequest {
  runId: number;
  format: ExportFormat;
  options: ExportOptions;
  /** The folder to create; absent: a folder under the data dir, to be fetched with download(). */
  path?: string;
  /** Replace an existing folder at `path`. */
  force: boolean;
}

/**
 * Exports of trained runs: checks the request, has the trainer write the files into a temporary folder beside
 * the destination, and renames it into place only when complete — a failed or cancelled export leaves nothing.
 */
export class ExportService {
  private readonly active = new Map<string, ExportProgress>();
  private readonly downloads = new Map<string, string>();

  constructor(
    private readonly runs: RunsService,
    private readonly datasets: DatasetsService,
    private readonly trainer: TrainerSupervisor,
    private readonly events: EventBus,
    private readonly dataDir: string,
    private readonly appVersion: string,
  ) {
    // Downloads are not kept across restarts.
    rmSync(join(dataDir, DOWNLOADS_DIR), { recursive: true, force: true });
  }

  async export(request: ExportRequest, exportId: string = randomUUID()): Promise<ExportResult> {
    const run = this.runs.require(request.runId);
    const issues = exportOptionsIssues(request.format, request.options);
    if (issues.length > 0) throw new ApiError('invalid_input', issues.join('; '));
    const weightsPath = this.runs.weightsPathOf(request.runId);
    if (!weightsPath) {
      throw new ApiError('conflict', `run ${run.id} has no checkpoint to export: a run saves its weights at the end of its first epoch${run.status === 'failed' ? ', and this one failed before that' : ''}`);
    }
    const datasetInfo = this.datasets.info(run.config.dataset.id);
    if (!datasetInfo) throw new ApiError('not_found', `run ${run.id} was trained on dataset '${run.config.dataset.id}', which has been deleted: nothing to read its shapes or samples from`);

    const download = request.path === undefined;
    const destination = download ? join(this.dataDir, DOWNLOADS_DIR, exportId, defaultExportName(run.id, run.name, request.format)) : resolve(request.path!);
    if (existsSync(destination) && !request.force) {
      throw new ApiError('needs_confirmation', `${destination} already exists: choose another folder, or replace it (--force)`);
    }
    mkdirSync(dirname(destination), { recursive: true });
    const partial = join(dirname(destination), `.${basename(destination)}.partial-${exportId.slice(0, 8)}`);
    mkdirSync(partial);

    const progress: ExportProgress = { exportId, runId: run.id, format: request.format, phase: 'starting', done: 0, total: 1 };
    this.active.set(exportId, progress);
    this.events.emit('export.progress', progress);
    try {
      const outcome = await this.trainer
        .request({
          op: 'export.run',
          job: {
            exportId,
            format: request.format,
            options: request.options,
            dir: partial,
            weightsPath,
            config: run.config,
            dataset: this.datasets.resolveSource(run.config),
            datasetInfo: { id: datasetInfo.id, name: datasetInfo.name, classes: datasetInfo.classes, factors: datasetInfo.factors },
            run: { id: run.id, name: run.name, status: run.status, checkpoint: basename(dirname(weightsPath)) },
            appVersion: this.appVersion,
          },
        })
        .catch((error: Error) => {
          const cancelled = /cancelled/.test(error.message);
          throw new ApiError(cancelled ? 'cancelled' : 'trainer_failed', cancelled ? 'the export was cancelled: nothing was written' : `could not export run ${run.id}: ${error.message}`);
        });
      if (existsSync(destination)) rmSync(destination, { recursive: true, force: true });
      renameSync(partial, destination);
      if (download) this.downloads.set(exportId, destination);
      this.events.emit('export.progress', { ...progress, phase: 'done', done: 1, total: 1 });
      return { exportId, path: destination, files: outcome.files, notes: outcome.notes };
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (download) rmSync(dirname(destination), { recursive: true, force: true });
      this.events.emit('export.progress', { ...progress, phase: error instanceof ApiError && error.code === 'cancelled' ? 'cancelled' : 'failed', done: 0, total: 1 });
      throw error;
    } finally {
      this.active.delete(exportId);
    }
  }

  /** Relays the trainer's progress of an export to every window. */
  onProgress(message: Extract<TrainerToHost, { type: 'export.progress' }>): void {
    const progress = this.active.get(message.exportId);
    if (!progress) return;
    Object.assign(progress, { phase: message.phase, done: message.done, total: message.total });
    this.events.emit('export.progress', { ...progress });
  }

  async cancel(exportId: string): Promise<{ cancelled: boolean }> {
    if (!this.active.has(exportId)) return { cancelled: false };
    return this.trainer.request({ op: 'export.cancel', exportId });
  }

  /** A place for something else made for download (a run bundle): call `ready` once it is written there. */
  newDownload(fileName: string): { exportId: string; path: string } {
    const exportId = randomUUID();
    const path = join(this.dataDir, DOWNLOADS_DIR, exportId, fileName);
    mkdirSync(dirname(path), { recursive: true });
    return { exportId, path };
  }

  ready(exportId: string, path: string): void {
    this.downloads.set(exportId, path);
  }

  /**
   * A finished download-mode export (serve mode: the browser saves it), removed once fetched: a folder as one
   * .tar.gz, a single file (a run bundle) as it is.
   */
  async download(exportId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const folder = this.downloads.get(exportId);
    if (!folder || !existsSync(folder)) throw new ApiError('not_found', `export ${exportId} is not waiting for download (it was fetched already, or the app restarted)`);
    if (statSync(folder).isFile()) {
      const bytes = new Uint8Array(readFileSync(folder));
      this.downloads.delete(exportId);
      rmSync(dirname(folder), { recursive: true, force: true });
      return { fileName: basename(folder), bytes };
    }
    const chunks: Buffer[] = [];
    const stream = createTar({ gzip: true, cwd: dirname(folder), portable: true }, [basename(folder)]);
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    this.downloads.delete(exportId);
    rmSync(dirname(folder), { recursive: true, force: true });
    return { fileName: `${basename(folder)}.tar.gz`, bytes: new Uint8Array(Buffer.concat(chunks)) };
  }
}
