import { z } from 'zod';
import { importOptionsSchema, type ImportProgress } from '../datasets/import-options';
import { EXPORT_FORMATS, exportOptionsSchema, type ExportProgress, type ExportResult } from '../export/export-options';
import type { RecipeStatus } from '../recipes/recipes';
import type {
  GraphDatasetView,
  GraphVaeReport,
  LinkPredictionReport,
  DatasetDetail,
  DatasetInfo,
  PointSet,
  ImageBatch,
  LatentFrame,
  LatentManifold,
  LatentProjection,
  LatentSessionInfo,
  LatentTraversal,
  DisentanglementScores,
  Preset,
  RunDetail,
  RunProgress,
  RunStatus,
  RunSummary,
  SystemInfo,
  MetricPoint,
  BackendReport,
  TrainerState,
  Settings,
  SweepDetail,
  SweepSummary,
  VectorField,
  ValidationPage,
} from './types';
import { RUN_STATUSES } from './types';
import { INTERPOLATION_PATHS } from '../latent/interpolation';
import type { RunBundleExport, RunBundleImport } from '../runs/run-bundle';
import { architectureNameSchema, architectureSpecSchema, type SavedArchitecture } from '../model-spec/saved-architecture';

const runId = z.int().positive();
const empty = z.strictObject({});

/**
 * The API contract: each request's input schema (validated at the host boundary) and output type.
 * Renderer, preload, WebSocket client/server and host handlers all derive from this one map.
 */
export const requestSchemas = {
  'system.info': empty,
  'presets.list': empty,
  'datasets.list': empty,
  'datasets.get': z.strictObject({ datasetId: z.string() }),
  'datasets.samples': z.strictObject({
    datasetId: z.string(),
    offset: z.int().min(0).default(0),
    count: z.int().min(1).max(256),
  }),
  'datasets.points': z.strictObject({ datasetId: z.string(), count: z.int().min(1).max(20_000) }),
  /** A graph dataset's counts, degree histogram, feature density, clustering and drawings (a sampled neighbourhood of one graph, or a set's first graphs). */
  'datasets.graph': z.strictObject({ datasetId: z.string(), seed: z.int().min(0).max(2 ** 31 - 1).default(1) }),
  /** Imports a folder or IDX file; resolves when the import is complete. Progress arrives as events. */
  'datasets.import': z.strictObject({ importId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), options: importOptionsSchema }),
  'datasets.cancelImport': z.strictObject({ importId: z.string() }),
  'datasets.delete': z.strictObject({ datasetId: z.string(), force: z.boolean().default(false) }),
  /** Queues a run; it trains as soon as a trainer slot is free (at once when none is busy). */
  'runs.start': z.strictObject({ config: z.unknown() }),
  'runs.list': z
    .strictObject({
      filter: z.string().max(200).optional(),
      sweepId: z.int().positive().optional(),
      status: z.array(z.enum(RUN_STATUSES)).max(RUN_STATUSES.length).optional(),
      sort: z.strictObject({ key: z.string().min(1).max(200), direction: z.enum(['asc', 'desc']) }).optional(),
    })
    .default({}),
  /** A run with its metric series; the per-step series is downsampled to at most `maxPoints` (min and max per bucket). */
  'runs.get': z.strictObject({ runId, maxPoints: z.int().min(10).max(200_000).default(2000) }),
  'runs.update': z.strictObject({
    runId,
    name: z.string().trim().min(1).max(120).optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    notes: z.string().max(10_000).optional(),
  }),
  /** Deletes runs with their checkpoints; a training or queued run is stopped or cancelled first. */
  'runs.delete': z.strictObject({ runIds: z.array(runId).min(1).max(10_000) }),
  /** Moves a queued run within the queue. */
  'runs.move': z.strictObject({ runId, to: z.enum(['top', 'up', 'down', 'bottom']) }),
  /** Every metric point of a run, as CSV (the full series, never downsampled). */
  'runs.metricsCsv': z.strictObject({ runId }),
  /** A finished link-prediction run's (gae, vgae) ROC and precision–recall curves and its node embeddings; null before it finishes. */
  'runs.linkPrediction': z.strictObject({ runId }),
  /** A finished GraphVAE run's report: held-out ELBO, generated graphs beside real ones with their MMD, the permutation check; null before it finishes. */
  'runs.graphVae': z.strictObject({ runId }),
  'runs.pause': z.strictObject({ runId }),
  'runs.resume': z.strictObject({ runId }),
  'runs.stop': z.strictObject({ runId }),
  /** Continues a stopped, interrupted or failed run from its last checkpoint. */
  'runs.continue': z.strictObject({ runId }),
  /** Scores a finished run's saved weights on its dataset's fixed test split; the test_… metrics join its final metrics. */
  'runs.evaluateTest': z.strictObject({ runId }),
  /**
   * Scores a finished run on the built-in sprites for disentanglement (MIG and the BetaVAE score) with its saved
   * weights; the scores join its final metrics as `mig` and `beta_vae_score`. Runs on sprites score themselves when they complete.
   */
  'runs.scoreDisentanglement': z.strictObject({ runId }),
  /**
   * Packs one run (rows, metrics, committed checkpoint; its imported dataset with `withDataset`) into a run bundle
   * file at `path`; without a path, into a file the host keeps for `exports.download` (its `exportId` comes back).
   */
  'runs.exportBundle': z.strictObject({
    runId,
    path: z.string().min(1).max(4096).optional(),
    withDataset: z.boolean().default(false),
    force: z.boolean().default(false),
  }),
  /**
   * Adds the run of a bundle file to this history under a new id; refused, writing nothing, if anything in it is
   * wrong. The file is a path on the host, or an upload (serve mode: a browser cannot give a path).
   */
  'runs.importBundle': z
    .strictObject({ path: z.string().min(1).max(4096).optional(), uploadId: z.string().optional() })
    .refine((v) => (v.path === undefined) !== (v.uploadId === undefined), { message: 'give either path or uploadId' }),
  /** Starts sending a file to the host in pieces (serve mode); `chunkBytes` is the largest piece a call takes. */
  'uploads.start': z.strictObject({ name: z.string().min(1).max(255), size: z.int().min(0).max(2 ** 45) }),
  'uploads.chunk': z.strictObject({ uploadId: z.string(), offset: z.int().min(0), bytes: z.instanceof(Uint8Array) }),
  'uploads.discard': z.strictObject({ uploadId: z.string() }),
  'latent.open': z.strictObject({ runId }),
  'latent.candidates': z.strictObject({ sessionId: z.string(), count: z.int().min(1).max(256) }),
  'latent.interpolate': z.strictObject({
    sessionId: z.string(),
    a: z.int().min(0),
    b: z.int().min(0),
    t: z.number().min(0).max(1),
    /** The straight line between the codes, or the great circle (slerp). */
    path: z.enum(INTERPOLATION_PATHS).default('linear'),
    seq: z.int().min(0),
  }),
  'latent.close': z.strictObject({ sessionId: z.string() }),
  /** Validation images (by index) and the run's reconstructions of them. */
  'latent.reconstruct': z.strictObject({ sessionId: z.string(), indices: z.array(z.int().min(0)).min(1).max(64) }),
  /** Images decoded from z ~ N(0, I), drawn with `seed` (the same seed gives the same z for every run of that latent size). */
  'latent.samples': z.strictObject({ sessionId: z.string(), seed: z.int().min(0).max(2 ** 31 - 1), count: z.int().min(1).max(256) }),
  /**
   * Traversals around validation image `index`: one row per latent dimension (at most `maxRows`, sorted by the run's
   * last-epoch KL per dimension, inactive ones marked), each sweeping it over `steps` values in [−range, range] with
   * the others held at the image's code; one batched decode.
   */
  'latent.traversal': z.strictObject({
    sessionId: z.string(),
    index: z.int().min(0),
    range: z.number().gt(0).max(10).default(3),
    steps: z.int().min(2).max(25).default(11),
    maxRows: z.int().min(1).max(256).default(64),
  }),
  /**
   * μ(x) of the first `count` validation samples projected to 2-D (PCA, or the raw codes when z = 2), with the
   * dataset's labels and factors to colour them by.
   */
  'latent.project': z.strictObject({ sessionId: z.string(), count: z.int().min(2).max(10_000).default(2000), method: z.enum(['pca', 'raw']).default('pca') }),
  /** Validation images from `offset` (only those of class `label`, when given), for the picker and the projector's hover. */
  'latent.images': z.strictObject({ sessionId: z.string(), offset: z.int().min(0).default(0), count: z.int().min(1).max(256), label: z.string().min(1).max(200).optional() }),
  /** A side × side grid decoded at the Gaussian quantiles of a 2-d latent space (Kingma & Welling 2013, Fig. 4); one batched decode. */
  'latent.manifold': z.strictObject({ sessionId: z.string(), side: z.int().min(2).max(32).default(15) }),
  /**
   * A vector run's first `count` validation points, their reconstructions and, for a DAE, the points corrupted with
   * the run's own noise (drawn with `seed`: the same seed gives the same x̃) and their denoised outputs; `grid` > 0
   * adds f on a grid × grid lattice over the points. Seeds start at 1: tfjs draws unseeded noise for seed 0.
   */
  'latent.vectorField': z.strictObject({
    sessionId: z.string(),
    count: z.int().min(1).max(2000).default(500),
    seed: z.int().min(1).max(2 ** 31 - 1).default(1),
    grid: z
      .int()
      .min(0)
      .max(48)
      .default(0)
      .refine((side) => side !== 1, { message: 'grid is the number of points per side: 0 for none, or 2 to 48' }),
  }),
  /** Expands a sweep and queues its runs; refused before anything is queued if any field or value is invalid. */
  'sweeps.create': z.strictObject({ spec: z.unknown(), confirm: z.boolean().default(false) }),
  'sweeps.list': empty,
  'sweeps.get': z.strictObject({ sweepId: z.int().positive() }),
  'settings.get': empty,
  'settings.set': z.strictObject({ maxConcurrentRuns: z.int().min(1).max(16) }),
  'architectures.list': empty,
  /** Creates one (no id) or replaces one's layers and name (id); names are unique. */
  'architectures.save': z.strictObject({ id: z.int().positive().optional(), name: architectureNameSchema, spec: architectureSpecSchema }),
  'architectures.rename': z.strictObject({ id: z.int().positive(), name: architectureNameSchema }),
  'architectures.delete': z.strictObject({ id: z.int().positive() }),
  /** The reproduction recipes, their reference bands and how each one's newest run compares. */
  'recipes.list': empty,
  /** Queues a recipe's run (importing Fashion-MNIST from `fashionDir`, Debian's folder by default, when needed). */
  'recipes.start': z.strictObject({ name: z.string(), fashionDir: z.string().min(1).optional() }),
  /**
   * Exports a run's committed weights: into the folder `path` (created; an existing one only with `force`), or,
   * without a path, into a folder the host keeps for `exports.download`. Progress arrives as events.
   */
  'exports.start': z.strictObject({
    exportId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    runId,
    format: z.enum(EXPORT_FORMATS),
    options: exportOptionsSchema.default({}),
    path: z.string().min(1).max(4096).optional(),
    force: z.boolean().default(false),
  }),
  'exports.cancel': z.strictObject({ exportId: z.string() }),
  /** A finished export made without a path, as one .tar.gz; it is removed from the host once fetched. */
  'exports.download': z.strictObject({ exportId: z.string() }),
} as const;

interface Outputs {
  'system.info': SystemInfo;
  'presets.list': Preset[];
  'datasets.list': DatasetInfo[];
  'datasets.get': DatasetDetail;
  'datasets.samples': ImageBatch;
  'datasets.points': PointSet;
  'datasets.graph': GraphDatasetView;
  'datasets.import': DatasetDetail;
  'datasets.cancelImport': { cancelled: boolean };
  'datasets.delete': { ok: true };
  'runs.start': { runId: number };
  'runs.list': RunSummary[];
  'runs.get': RunDetail;
  'runs.pause': { ok: true };
  'runs.resume': { ok: true };
  'runs.stop': { ok: true };
  'runs.continue': { ok: true };
  'runs.evaluateTest': Record<string, number>;
  'runs.scoreDisentanglement': DisentanglementScores;
  'runs.exportBundle': RunBundleExport & { exportId?: string };
  'runs.importBundle': RunBundleImport;
  'uploads.start': { uploadId: string; chunkBytes: number };
  'uploads.chunk': { written: number; size: number };
  'uploads.discard': { ok: true };
  'latent.open': LatentSessionInfo;
  'latent.candidates': ImageBatch;
  'latent.interpolate': LatentFrame;
  'latent.close': { ok: true };
  'latent.reconstruct': { inputs: ImageBatch; outputs: ImageBatch };
  'latent.samples': ImageBatch;
  'latent.traversal': LatentTraversal;
  'latent.manifold': LatentManifold;
  'latent.project': LatentProjection;
  'latent.images': ValidationPage;
  'latent.vectorField': VectorField;
  'runs.update': RunSummary;
  'runs.delete': { deleted: number[] };
  'runs.move': { ok: true };
  'runs.metricsCsv': { fileName: string; csv: string };
  'runs.linkPrediction': LinkPredictionReport | null;
  'runs.graphVae': GraphVaeReport | null;
  'sweeps.create': { sweepId: number; runIds: number[] };
  'sweeps.list': SweepSummary[];
  'sweeps.get': SweepDetail;
  'settings.get': Settings;
  'settings.set': Settings;
  'architectures.list': SavedArchitecture[];
  'architectures.save': SavedArchitecture;
  'architectures.rename': SavedArchitecture;
  'architectures.delete': { ok: true };
  'recipes.list': RecipeStatus[];
  'recipes.start': { runId: number; datasetId: string };
  'exports.start': ExportResult;
  'exports.cancel': { cancelled: boolean };
  'exports.download': { fileName: string; bytes: Uint8Array };
}

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;
export type RequestOutput<K extends RequestName> = Outputs[K];

/** Event streams pushed from the host to every connected UI. */
export interface EventPayloads {
  'run.progress': RunProgress;
  'run.metrics': { runId: number; points: MetricPoint[] };
  'run.status': { runId: number; status: RunStatus; error: string | null };
  'trainer.state': { state: TrainerState; backend: BackendReport | null };
  'dataset.importProgress': ImportProgress;
  /** Runs were added, deleted, renamed, tagged or reordered in the queue: lists should refresh. */
  'runs.changed': { runIds: number[] };
  'export.progress': ExportProgress;
}
export type EventName = keyof EventPayloads;

export const isRequestName = (name: unknown): name is RequestName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);

/** What every transport gives the renderer: typed calls and typed event subscriptions. */
export interface ApiClient {
  call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Who is calling: a connection id for transports with several clients (serve mode), so their resources can be released. */
export interface CallContext {
  connection?: string;
}

/** The host side: one handler per request, each receiving validated input. A missing handler is a compile error. */
export type RequestHandlers = { [K in RequestName]: (input: ParsedInput<K>, context: CallContext) => Promise<RequestOutput<K>> };
