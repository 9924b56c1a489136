import { join } from 'node:path';
import type { CallContext, RequestHandlers } from '../../src-shared/contract/api';
import { PRESETS } from '../../src-shared/config/presets';
import { DATASETS_DIR } from '../../src-shared/datasets/storage-format';
import { openDatabase, type OpenOptions } from '../store/database';
import { DatasetsRepo } from '../store/datasets-repo';
import { MetricsRepo } from '../store/metrics-repo';
import { RunsRepo } from '../store/runs-repo';
import { DatasetImporter } from './dataset-import';
import { isOwnerAlive, registerHost, unregisterHost } from './host-owner';
import { DatasetsService } from './datasets-service';
import { dispatch } from './dispatch';
import { EventBus } from './event-bus';
import { LatentService } from './latent-service';
import { RunsService } from './runs-service';
import type { TrainerLauncher } from './trainer-process';
import { TrainerSupervisor } from './trainer-supervisor';

export interface HostOptions {
  dataDir: string;
  launchTrainer: TrainerLauncher;
  version: string;
  transport: 'ipc' | 'websocket' | 'cli';
  database?: OpenOptions;
}

export interface Host {
  /** Validates and runs one request: the single entry point for every transport. */
  call(name: unknown, input: unknown, context?: CallContext): Promise<unknown>;
  /** A client went away (a closed WebSocket): free what it held, such as its latent decode sessions. */
  release(connection: string): Promise<void>;
  events: EventBus;
  runs: RunsService;
  supervisor: TrainerSupervisor;
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
  const events = new EventBus();
  const datasetsRepo = new DatasetsRepo(db, join(options.dataDir, DATASETS_DIR));
  const datasets = new DatasetsService(datasetsRepo);
  const importer = new DatasetImporter(options.dataDir, datasetsRepo, (progress) => events.emit('dataset.importProgress', progress));

  // The supervisor reports to the services created just below; its callbacks only run once they exist.
  const supervisor = new TrainerSupervisor(options.launchTrainer, {
    onRunMessage: (message) => runsService.handleTrainerMessage(message),
    onCrash: (reason) => {
      latentService.forgetAll();
      runsService.handleTrainerCrash(reason);
    },
    onState: (state, backend) => events.emit('trainer.state', { state, backend }),
  });
  const runsService = new RunsService(runsRepo, new MetricsRepo(db), events, supervisor, datasets, options.dataDir, owner);
  const latentService = new LatentService(runsService, datasets, supervisor);

  const handlers: RequestHandlers = {
    'system.info': async () => ({
      version: options.version,
      dataDir: options.dataDir,
      transport: options.transport,
      backend: supervisor.backend,
      trainer: supervisor.state,
    }),
    'presets.list': async () => PRESETS,
    'datasets.list': async () => datasets.list(),
    'datasets.get': async ({ datasetId }) => datasets.get(datasetId),
    'datasets.samples': async ({ datasetId, offset, count }) => datasets.samples(datasetId, offset, count),
    'datasets.points': async ({ datasetId, count }) => datasets.points(datasetId, count),
    'datasets.import': async ({ importId, options: importOptions }) => datasets.get((await importer.import(importId, importOptions)).id),
    'datasets.cancelImport': async ({ importId }) => ({ cancelled: importer.cancel(importId) }),
    'datasets.delete': async ({ datasetId, force }) => datasets.delete(datasetId, force),
    'runs.start': async ({ config }) => runsService.start(config),
    'runs.list': async () => runsService.list(),
    'runs.get': async ({ runId }) => runsService.get(runId),
    'runs.pause': async ({ runId }) => runsService.control(runId, 'pause'),
    'runs.resume': async ({ runId }) => runsService.control(runId, 'resume'),
    'runs.stop': async ({ runId }) => runsService.control(runId, 'stop'),
    'runs.continue': async ({ runId }) => runsService.continueRun(runId),
    'latent.open': async ({ runId }, context) => latentService.open(runId, context.connection),
    'latent.candidates': async ({ sessionId, count }) => latentService.candidates(sessionId, count),
    'latent.interpolate': async ({ sessionId, ...scrub }) => latentService.interpolate(sessionId, scrub),
    'latent.close': async ({ sessionId }) => latentService.close(sessionId),
  };

  return {
    call: (name, input, context) => dispatch(handlers, name, input, context),
    release: (connection) => latentService.closeOwnedBy(connection),
    events,
    runs: runsService,
    supervisor,
    interruptedAtStart,
    async close() {
      await supervisor.shutdown();
      runsService.flush();
      unregisterHost(owner);
      db.close();
    },
  };
}
