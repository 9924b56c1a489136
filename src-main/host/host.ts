import { join } from 'node:path';
import type { CallContext, RequestHandlers } from '../../src-shared/contract/api';
import { PRESETS } from '../../src-shared/config/presets';
import { DATASETS_DIR } from '../../src-shared/datasets/storage-format';
import { ArchitecturesRepo } from '../store/architectures-repo';
import { openDatabase, type OpenOptions } from '../store/database';
import { DatasetsRepo } from '../store/datasets-repo';
import { MetricsRepo } from '../store/metrics-repo';
import { RunBundleRepo } from '../store/run-bundle-repo';
import { RunsRepo } from '../store/runs-repo';
import { SettingsRepo } from '../store/settings-repo';
import { SweepsRepo } from '../store/sweeps-repo';
import { ArchitecturesService } from './architectures-service';
import { asDiskFullError, DiskReserve } from './disk-full';
import { DatasetImporter } from './dataset-import';
import { isOwnerAlive, registerHost, unregisterHost } from './host-owner';
import { DatasetsService } from './datasets-service';
import { dispatch } from './dispatch';
import { EventBus } from './event-bus';
import { ExportService } from './export-service';
import { RecipesService } from './recipes-service';
import { Uploads } from './uploads';
import { LatentService } from './latent-service';
import { RunBundleService } from './run-bundle-service';
import { RunsService } from './runs-service';
import { SweepsService } from './sweeps-service';
import type { TrainerLauncher } from './trainer-process';
import { TrainerPool } from './trainer-pool';
import { expandHome, expandOptionalHome } from './expand-home';

export interface HostOptions {
  dataDir: string;
  launchTrainer: TrainerLauncher;
  version: string;
  transport: 'ipc' | 'websocket' | 'cli';
  database?: OpenOptions;
  /**
   * Take over the queue of hosts that died (their queued runs) at start. The app and serve mode do; a CLI command
   * trains only the runs it queues itself. Default: true unless the transport is 'cli'.
   */
  adoptQueue?: boolean;
}

export interface Host {
  /** Validates and runs one request: the single entry point for every transport. */
  call(name: unknown, input: unknown, context?: CallContext): Promise<unknown>;
  /** A client went away (a closed WebSocket): free what it held, such as its latent decode sessions. */
  release(connection: string): Promise<void>;
  events: EventBus;
  runs: RunsService;
  sweeps: SweepsService;
  /** The trainer processes (slot 0 also serves latent decode sessions). */
  pool: TrainerPool;
  /** Runs marked interrupted at start-up because a previous host died while they were active. */
  interruptedAtStart: number;
  close(): Promise<void>;
}

/** Wires the services behind the contract. Used alike by Electron's main process, serve mode and the CLI. */
export function createHost(options: HostOptions): Host {
  const db = openDatabase(join(options.dataDir, 'latent-lab.sqlite'), options.database);
  const runsRepo = new RunsRepo(db);
  const interruptedAtStart = runsRepo.markInterrupted(isOwnerAlive);
  const owner = registerHost();
  if (options.adoptQueue ?? options.transport !== 'cli') runsRepo.adoptQueue(owner, isOwnerAlive);
  const events = new EventBus();
  const datasetsRepo = new DatasetsRepo(db, join(options.dataDir, DATASETS_DIR));
  const datasets = new DatasetsService(datasetsRepo);
  const importer = new DatasetImporter(options.dataDir, datasetsRepo, (progress) => events.emit('dataset.importProgress', progress));

  // The supervisor reports to the services created just below; its callbacks only run once they exist.
  const pool = new TrainerPool(options.launchTrainer, {
    onRunMessage: (slot, message) => {
      if (message.type === 'export.progress') exportService.onProgress(message);
      else runsService.handleTrainerMessage(slot, message);
    },
    onCrash: (slot, reason) => {
      if (slot === 0) latentService.forgetAll();
      runsService.handleTrainerCrash(slot, reason);
    },
    onState: (state, backend) => events.emit('trainer.state', { state, backend }),
  });
  const settings = new SettingsRepo(db);
  const reserve = new DiskReserve(options.dataDir);
  reserve.hold();
  const runsService = new RunsService(runsRepo, new MetricsRepo(db), settings, events, pool, datasets, options.dataDir, owner, reserve);
  runsService.sweepRunDirs();
  const sweeps = new SweepsService(new SweepsRepo(db), runsRepo, runsService, owner);
  const latentService = new LatentService(runsService, datasets, pool.sessions);
  const bundles = new RunBundleService(options.dataDir, options.version, runsService, runsRepo, new RunBundleRepo(db), datasetsRepo, events);
  const exportService = new ExportService(runsService, datasets, pool.sessions, events, options.dataDir, options.version);
  const uploads = new Uploads(options.dataDir);
  const recipes = new RecipesService(runsService, datasets, importer);
  const architectures = new ArchitecturesService(new ArchitecturesRepo(db));

  const handlers: RequestHandlers = {
    'system.info': async () => ({
      version: options.version,
      dataDir: options.dataDir,
      transport: options.transport,
      backend: pool.backend,
      trainer: pool.state,
    }),
    'presets.list': async () => PRESETS,
    'datasets.list': async () => datasets.list(),
    'datasets.get': async ({ datasetId }) => datasets.get(datasetId),
    'datasets.samples': async ({ datasetId, offset, count }) => datasets.samples(datasetId, offset, count),
    'datasets.points': async ({ datasetId, count }) => datasets.points(datasetId, count),
    'datasets.graph': async ({ datasetId, seed }) => datasets.graphView(datasetId, seed),
    'datasets.import': async ({ importId, options: o }) => {
      const importOptions = { ...o, path: expandHome(o.path), labelsPath: expandOptionalHome(o.labelsPath), testPath: expandOptionalHome(o.testPath), featuresPath: expandOptionalHome(o.featuresPath) };
      return datasets.get((await importer.import(importId, importOptions)).id);
    },
    'datasets.cancelImport': async ({ importId }) => ({ cancelled: importer.cancel(importId) }),
    'datasets.delete': async ({ datasetId, force }) => datasets.delete(datasetId, force),
    'runs.start': async ({ config }) => runsService.start(config),
    'runs.list': async (query) => runsService.list(query),
    'runs.get': async ({ runId, maxPoints }) => runsService.get(runId, maxPoints),
    'runs.update': async ({ runId, ...fields }) => runsService.update(runId, fields),
    'runs.delete': async ({ runIds }) => runsService.delete(runIds),
    'runs.move': async ({ runId, to }) => runsService.move(runId, to),
    'runs.metricsCsv': async ({ runId }) => runsService.metricsCsv(runId),
    'runs.linkPrediction': async ({ runId }) => runsService.linkPrediction(runId),
    'runs.graphVae': async ({ runId }) => runsService.graphVae(runId),
    'runs.pause': async ({ runId }) => runsService.control(runId, 'pause'),
    'runs.resume': async ({ runId }) => runsService.control(runId, 'resume'),
    'runs.stop': async ({ runId }) => runsService.control(runId, 'stop'),
    'runs.continue': async ({ runId }) => runsService.continueRun(runId),
    'runs.evaluateTest': async ({ runId }) => runsService.evaluateTest(runId),
    'runs.scoreDisentanglement': async ({ runId }) => runsService.scoreDisentanglement(runId),
    'runs.exportBundle': async ({ runId, path, withDataset, force }) => {
      if (path !== undefined) return bundles.exportBundle(runId, expandHome(path), withDataset, force);
      const download = exportService.newDownload(`run-${runId}.llrun`);
      const result = await bundles.exportBundle(runId, download.path, withDataset, false);
      exportService.ready(download.exportId, download.path);
      return { ...result, exportId: download.exportId };
    },
    'runs.importBundle': async ({ path, uploadId }) => {
      if (path !== undefined) return bundles.importBundle(expandHome(path));
      try {
        return await bundles.importBundle(uploads.take(uploadId!).path);
      } finally {
        uploads.discard(uploadId!);
      }
    },
    'uploads.start': async ({ name, size }) => uploads.start(name, size),
    'uploads.chunk': async ({ uploadId, offset, bytes }) => uploads.chunk(uploadId, offset, bytes),
    'uploads.discard': async ({ uploadId }) => {
      uploads.discard(uploadId);
      return { ok: true };
    },
    'latent.open': async ({ runId }, context) => latentService.open(runId, context.connection),
    'latent.candidates': async ({ sessionId, count }) => latentService.candidates(sessionId, count),
    'latent.interpolate': async ({ sessionId, ...scrub }) => latentService.interpolate(sessionId, scrub),
    'latent.close': async ({ sessionId }) => latentService.close(sessionId),
    'latent.reconstruct': async ({ sessionId, indices }) => latentService.reconstruct(sessionId, indices),
    'latent.samples': async ({ sessionId, seed, count }) => latentService.samples(sessionId, seed, count),
    'latent.traversal': async ({ sessionId, ...request }) => latentService.traversal(sessionId, request),
    'latent.manifold': async ({ sessionId, side }) => latentService.manifold(sessionId, side),
    'latent.project': async ({ sessionId, count, method }) => latentService.project(sessionId, count, method),
    'latent.images': async ({ sessionId, ...request }) => latentService.images(sessionId, request),
    'latent.vectorField': async ({ sessionId, ...request }) => latentService.vectorField(sessionId, request),
    'sweeps.create': async ({ spec, confirm }) => sweeps.create(spec, confirm),
    'sweeps.list': async () => sweeps.list(),
    'sweeps.get': async ({ sweepId }) => sweeps.get(sweepId),
    'architectures.list': async () => architectures.list(),
    'architectures.save': async ({ id, name, spec }) => architectures.save(id, name, spec),
    'architectures.rename': async ({ id, name }) => architectures.rename(id, name),
    'architectures.delete': async ({ id }) => architectures.delete(id),
    'exports.start': async ({ exportId, path, ...request }) => exportService.export({ ...request, path: expandOptionalHome(path) }, exportId),
    'exports.cancel': async ({ exportId }) => exportService.cancel(exportId),
    'exports.download': async ({ exportId }) => exportService.download(exportId),
    'recipes.list': async () => recipes.list(),
    'recipes.start': async ({ name, fashionDir }) => recipes.start(name, expandOptionalHome(fashionDir)),
    'settings.get': async () => settings.get(),
    'settings.set': async (values) => {
      const updated = settings.set(values);
      runsService.pump();
      return updated;
    },
  };
  // Queued runs this host adopted (or left by a CLI command) start now.
  runsService.pump();

  return {
    call: (name, input, context) =>
      dispatch(handlers, name, input, context).catch((error: unknown) => {
        throw asDiskFullError(error, options.dataDir);
      }),
    release: (connection) => latentService.closeOwnedBy(connection),
    events,
    runs: runsService,
    sweeps,
    pool,
    interruptedAtStart,
    async close() {
      runsService.close();
      await pool.shutdown();
      runsService.flush();
      unregisterHost(owner);
      db.close();
    },
  };
}
