import type { NoiseConfig, RunConfig } from '../config/run-config';
import type { FieldIssue } from '../config/issues';
import type { DatasetDetail, DatasetInfo, GraphSummary } from '../datasets/types';
import type { Preset } from '../config/presets';
import type { SweepSpec } from '../sweeps/sweep-spec';
import type { PlaneProjection } from '../math/principal-plane';
import type { CodeFrame } from '../latent/code-frame';
import type { TraversalRow } from '../latent/traversal';
import type { DisentanglementReport } from '../metrics/disentanglement';

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused'];

export type BackendName = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Which compute backend the trainer picked, and why each better one was skipped. */
export interface BackendReport {
  chosen: BackendName;
  /** Human description, e.g. "tfjs-backend-wasm (SIMD, 1 thread)". */
  detail: string;
  skipped: { backend: BackendName; reason: string }[];
}

export interface RunSummary {
  id: number;
  name: string;
  status: RunStatus;
  family: string;
  datasetId: string;
  /** The dataset's display name (its id when the dataset is gone). */
  datasetName: string;
  /** Architecture in a few words: "MLP 256-128 · z=8", "conv 3+4 layers · z=16", "PCA k=2". */
  architecture: string;
  /** The sweep this run belongs to, if any. */
  sweepId: number | null;
  /** Place in the queue (lower trains first) while the run is queued; null otherwise. */
  queuePosition: number | null;
  tags: string[];
  notes: string;
  /** The full run config, so tables can show any field and "Re-run with changes" can start from it. */
  config: RunConfig;
  latentDim: number;
  /** β of a VAE's objective; null for families without a KL term. */
  beta: number | null;
  backend: BackendName | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Last value of each epoch-level metric, e.g. { val_loss: 123.4 }. */
  final: Record<string, number>;
  /** Best value of each epoch-level metric over the run (lowest or highest, per metricDirection). */
  best: Record<string, number>;
}

/** One metric point: several named values recorded at the same step. */
export interface MetricPoint {
  scope: 'step' | 'epoch';
  step: number;
  epoch: number;
  values: Record<string, number>;
  /** Wall-clock time the trainer recorded the point at, in ms since the Unix epoch (TensorBoard's wall_time). */
  time?: number;
}

/** Column-oriented series for plotting: x values and one array per metric name. */
export interface MetricSeries {
  step: number[];
  epoch: number[];
  values: Record<string, number[]>;
  /**
   * Wall-clock time of each point in ms since the Unix epoch; NaN for points recorded before times were kept.
   * Absent when no point of the series has one.
   */
  time?: number[];
}

/** How a stretch of training ended: the run's status when it did. */
export type SessionEndStatus = 'completed' | 'stopped' | 'failed' | 'interrupted';

/**
 * One contiguous stretch of a run's training: its first start, or a `runs.continue` that started training again
 * (from when the trainer began training, after loading data and any checkpoint, to when the run ended).
 */
export interface RunSession {
  startedAt: string;
  /** Null while the session is training or paused. */
  endedAt: string | null;
  /** Null while the session is open. */
  endStatus: SessionEndStatus | null;
  /**
   * How `endedAt` is known. 'recorded': the host saw the session end. 'last-metric': the host died while the run
   * trained (it was marked interrupted at the next start), so the session ends at the wall time of the run's last
   * metric point that reached the history (its start, when it recorded none): a lower bound, since the time the
   * death was noticed could be days later. Null while the session is open.
   */
  endedAtSource: 'recorded' | 'last-metric' | null;
  /** The checkpoint a resumed session continued from (the last epoch it includes, and its step); null when it trained from the start. */
  fromEpoch: number | null;
  fromStep: number | null;
  /** How the session before this one ended (why training had stopped); null for the first session, or when the one before was not recorded. */
  resumedAfter: SessionEndStatus | null;
  /** Time spent paused within the session, in ms (including a pause still going on). */
  pausedMs: number;
  /** When the current pause began; null unless the session is paused now. */
  pausedAt: string | null;
  /** End (or now, while open) − start − pausedMs. */
  trainingMs: number;
  /** The compute backend the session trained on, and its kernels in words (each resume may run on another). */
  backend: string | null;
  backendDetail: string | null;
}

/** A run's timings for the run page: when it was created, started and finished, and how long it actually trained. */
export interface RunTimings {
  createdAt: string;
  /** The first start (kept across resumes). */
  startedAt: string | null;
  /** The last end; null while queued or training. */
  finishedAt: string | null;
  /**
   * Time spent training: the sessions' time, without the gaps between a stop and its resume, nor pauses. Null when
   * unknown: the run trained before Latent Lab recorded sessions (its early stretches and resumes are not known).
   * 0 for a run that never started. Measured up to now while a session is open.
   */
  trainingMs: number | null;
  /** Whether `sessions` covers the run since its first start (false for runs that first trained before sessions were recorded). */
  recordedFromStart: boolean;
  /** In order: the first is the first start (when recordedFromStart), each later one a resume. */
  sessions: RunSession[];
}

export interface RunDetail extends RunSummary {
  params: number;
  /** Per-step series, downsampled on the host to at most `maxPoints` points (min and max per bucket kept). */
  steps: MetricSeries;
  /** How many step points the run has in the history (the CSV has all of them). */
  totalStepPoints: number;
  epochs: MetricSeries;
  hasWeights: boolean;
  timings: RunTimings;
}

/** Which columns a runs query sorts by: a summary field, `config.<path>`, `final.<metric>` or `best.<metric>`. */
export interface RunsQuery {
  /** Case-insensitive text matched against name, tags, family, dataset, status and notes. */
  filter?: string;
  sweepId?: number;
  status?: RunStatus[];
  sort?: { key: string; direction: 'asc' | 'desc' };
}

export interface SweepSummary {
  id: number;
  name: string;
  createdAt: string;
  method: 'grid' | 'random';
  /** The swept fields (dotted config paths) in the order given. */
  fields: string[];
  runCount: number;
  counts: Record<RunStatus, number>;
}

export interface SweepDetail extends SweepSummary {
  /** The sweep as submitted (base config and parameters). */
  spec: SweepSpec;
  runs: RunSummary[];
}

export interface Settings {
  /** Runs trained at once, each in its own trainer process. */
  maxConcurrentRuns: number;
}

export interface RunProgress {
  runId: number;
  epoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
  samplesPerSec: number;
  etaSec: number;
}

/** A grayscale or RGB image batch as bytes, N×H×W×C, row-major. */
export interface ImageBatch {
  count: number;
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
  /** Class name of each image, when the dataset has class labels. */
  labels?: (string | null)[];
}

/** Samples of a vector dataset, for scatter plots: count × dims values and one known factor per point, if any. */
export interface PointSet {
  count: number;
  dims: number;
  values: Float32Array;
  factor: Float32Array | null;
  factorName: string | null;
}

export interface SystemInfo {
  version: string;
  dataDir: string;
  transport: 'ipc' | 'websocket' | 'cli';
  backend: BackendReport | null;
  trainer: TrainerState;
}

export type TrainerState = 'idle' | 'starting' | 'ready' | 'crashed';

export interface LatentSessionInfo {
  sessionId: string;
  runId: number;
  latentDim: number;
  datasetId: string;
  /** The run's model family: only a VAE has a prior to sample from and KL per dimension to sort traversals by. */
  family: RunConfig['model']['family'];
  /** How many validation samples the picker can choose from. */
  candidates: number;
  /**
   * What the run was trained on: images get A–B interpolation, reconstructions and prior samples as pictures;
   * vectors (2-D toys, tabular) get `latent.vectorField`.
   */
  dataKind: 'image' | 'vector';
  /** Shape of one sample: [C, H, W] for images, [D] for vectors. */
  sampleShape: number[];
}

/**
 * What colours the projector's points: a class label or a known generative factor of each point. Categorical
 * values index `categories` (−1: the sample has none); continuous ones are the factor's values.
 */
export type PointColouring =
  | { name: string; kind: 'categorical'; categories: string[]; values: Int32Array }
  | { name: string; kind: 'continuous'; values: Float32Array };

/**
 * μ(x) of the first `count` validation samples (z(x) for deterministic codes) and their 2-D projection: the
 * principal plane of the codes (PCA, float64), or the codes themselves when z = 2 (raw).
 */
export interface LatentProjection {
  count: number;
  latentDim: number;
  method: 'pca' | 'raw';
  /** count × latentDim codes, row-major: the page lays them out again with UMAP when asked. */
  codes: Float32Array;
  /** count × 2 coordinates; point i is validation sample i. */
  points: Float32Array;
  /** Axis names, e.g. ['PC 1', 'PC 2'] or ['z₁', 'z₂']. */
  axes: [string, string];
  /** PCA: the share of the codes' total variance along each axis; raw: null. */
  explained: [number, number] | null;
  /** Every labelling the dataset has (class, or each sprite factor); empty when it has none. */
  colourings: PointColouring[];
  encodeMs: number;
  projectMs: number;
}

/** A page of validation images (optionally only those of one class), with their indices in the validation split. */
export interface ValidationPage {
  /** Validation images matching the filter. */
  total: number;
  offset: number;
  indices: number[];
  images: ImageBatch;
  /** The labels a page can be filtered by (class names, or the sprites' shapes); empty when the dataset has none. */
  categories: string[];
}

/**
 * A vector run's map f(x) = E[x | z = μ(x)] at its validation points, for drawing. Every array is count × dims,
 * row-major, in the data space; points of more than two dimensions are drawn through `projection`.
 */
export interface VectorField {
  family: RunConfig['model']['family'];
  count: number;
  dims: number;
  /** x: the first `count` validation points. */
  clean: Float32Array;
  /** f(x): the decoder's mean at the encoder's mean, no sampling (for a VAE too). */
  reconstructed: Float32Array;
  /** A DAE's corrupted inputs x̃ = noise(x), drawn with the run's own noise config and `seed`; null for other families. */
  noisy: Float32Array | null;
  /** f(x̃): where the DAE sends its corrupted inputs; null for other families. */
  denoised: Float32Array | null;
  /** The run's corruption (DAE), else null. */
  noise: NoiseConfig | null;
  seed: number;
  /**
   * Mean over the points of the squared distance to the clean x, in float64: ‖f(x) − x‖², and for a DAE ‖x̃ − x‖²
   * (the noise) and ‖f(x̃) − x‖² (what is left after denoising); null for other families.
   */
  errors: { reconstructed: number; noisy: number | null; denoised: number | null };
  /** The training split's first two principal axes, for data of more than 2 dimensions; null for 2-D data (drawn as is). */
  projection: PlaneProjection | null;
  /**
   * f at side × side points g on a regular grid over the drawn points' bounding box (in the plane, lifted into the
   * data space through `projection`), so f(g) − g can be drawn as arrows; null when no grid was asked for.
   */
  grid: { side: number; points: Float32Array; outputs: Float32Array } | null;
}

/**
 * Traversals around one validation image's code (Higgins et al. 2017, Fig. 7): each row sweeps one latent dimension
 * over `values` with the others held at the image's code, decoded to E[x | z] in one batched call.
 */
export interface LatentTraversal {
  /** The anchor: validation image `index`, and its reconstruction E[x | z = μ(x)]. */
  index: number;
  anchor: ImageBatch;
  reconstruction: ImageBatch;
  /** μ(x) of the anchor (z(x) for deterministic codes). */
  anchorCode: number[];
  /** Where the sweep is laid: the prior (VAE: z_j = value) or the codes' own spread (z_j = mean_j + value·sd_j). */
  basis: CodeFrame['basis'];
  range: number;
  /** The offsets each row steps through, −range … +range. */
  values: number[];
  latentDim: number;
  /** The rows drawn, most informative first (at most the asked maximum: `latentDim` tells how many there are). */
  rows: TraversalRow[];
  /** rows.length × values.length images, row-major. */
  frames: ImageBatch;
  /** Time of the one batched decode in the trainer, in ms. */
  decodeMs: number;
}

/** A side × side grid decoded from a 2-d latent space at the Gaussian quantiles (Kingma & Welling 2013, Fig. 4). */
export interface LatentManifold {
  side: number;
  basis: CodeFrame['basis'];
  /** Φ⁻¹((i + ½)/side), i = 0 … side − 1. */
  quantiles: number[];
  /** Code-space values of the columns (z₁, left to right) and rows (z₂, top to bottom: largest first). */
  z1: number[];
  z2: number[];
  /** side × side images, row-major. */
  frames: ImageBatch;
  decodeMs: number;
}

/** A run's disentanglement scores, as `runs.scoreDisentanglement` computed and recorded them (metrics `mig`, `beta_vae_score`). */
export interface DisentanglementScores extends DisentanglementReport {
  runId: number;
}

export interface LatentFrame {
  seq: number;
  t: number;
  /** True when a newer request arrived before this one was decoded: no frame, nothing to draw. */
  dropped: boolean;
  frame: ImageBatch | null;
}

export interface ApiErrorShape {
  /** `disk_full`: the disk holding the data dir has no room left (the message names the folder and free space). */
  code: 'invalid_input' | 'not_found' | 'conflict' | 'cancelled' | 'trainer_failed' | 'internal' | 'unknown_method' | 'disk_full' | 'needs_confirmation';
  message: string;
  issues?: FieldIssue[];
}

export type { DatasetDetail, DatasetInfo, Preset, RunConfig, FieldIssue, SweepSpec, PlaneProjection, TraversalRow, DisentanglementReport };

/** One held-out set of a link-prediction run, scored by σ(μ_iᵀμ_j): its AUC and AP and the curves behind them. */
export interface LinkPredictionScores {
  auc: number;
  ap: number;
  positives: number;
  negatives: number;
  /** ROC points, threshold +∞ first (ranking.ts). */
  roc: { falsePositiveRate: number[]; truePositiveRate: number[] };
  /** Precision–recall points, threshold +∞ first. */
  pr: { recall: number[]; precision: number[] };
}

/**
 * What a finished link-prediction run (gae, vgae) leaves beside its checkpoint: the held-out curves of its final
 * model and its node embeddings μ on their principal plane, coloured by the nodes' classes when they have any.
 */
export interface LinkPredictionReport {
  epoch: number;
  /** How the decoder's loss was computed: over all N² pairs, or estimated from `sampledPairs` uniform pairs an epoch (over 5,000 nodes). */
  decoderLoss: { mode: 'exact' | 'sampled'; sampledPairs: number };
  validation: LinkPredictionScores;
  test: LinkPredictionScores;
  /** A feature-cosine baseline on the same test pairs (no training): what the model must beat; null without features. */
  baseline: { name: string; auc: number; ap: number } | null;
  embedding: {
    count: number;
    latentDim: number;
    /** Principal-plane coordinates, x then y per node. */
    plane: number[];
    explained: [number, number];
    labels: number[] | null;
    classes: string[];
  };
}

/** A graph, or part of one, to draw: nodes (their source ids, class index or −1, degree) and edges between their positions. */
export interface GraphDrawing {
  title: string;
  nodes: { id: string; label: number; degree: number }[];
  edges: [number, number][];
}

/** What the Datasets screen shows of a graph dataset (graph-view.ts). */
export interface GraphDatasetView {
  summary: GraphSummary;
  /** Nodes per degree (index = degree), over all graphs. */
  degreeHistogram: number[];
  /** Share of node-feature values that are nonzero; null without features. */
  featureDensity: number | null;
  /** Mean local clustering coefficient over all nodes. */
  averageClustering: number;
  /** The classes the dataset's count is split by (node classes for one graph, graph classes for a set). */
  classes: string[];
  /** Node classes (drawing colours). */
  nodeClasses: string[];
  /** Graph sizes of a set; null for one graph. */
  graphSizes: { min: number; max: number; mean: number } | null;
  /** One graph: a sampled neighbourhood; a set: its first graphs. */
  drawings: GraphDrawing[];
}

/**
 * The permutation argument of the notes, measured on one held-out graph of a GraphVAE run: its ELBO (at z = μ) under
 * |S| random node orderings. With GNN encoder and decoder they agree to float tolerance; with the MLP decoder over a
 * fixed node order they do not, and log Σ_{P∈S} exp(ELBO_P) is the permutation-sampled bound the notes derive.
 */
export interface PermutationCheck {
  decoder: 'inner-product' | 'mlp';
  graphNodes: number;
  samples: number;
  /** ELBO in the graph's own node order. */
  identityElbo: number;
  /** ELBO under each sampled permutation. */
  elbos: number[];
  /** (max − min) over identity and samples, relative to |identity|. */
  relativeSpread: number;
  /** log Σ_{P∈S} exp(ELBO_P), float64. */
  bound: number;
}

/** What a finished GraphVAE run (family graph-vae) leaves beside its checkpoint. */
export interface GraphVaeReport {
  epoch: number;
  /** 'generation': trained on a set of graphs; 'link-prediction': on one graph with held-out edges. */
  mode: 'generation' | 'link-prediction';
  /** ELBO terms in nats per graph on the held-out graphs (generation) or the training graph (one graph), one seeded sample. */
  heldOut: { graphs: number; elbo: number; recon_adj: number; recon_x: number; kl: number };
  generation: {
    generated: number;
    /** MMD² of generated against held-out graphs (Gaussian EMD kernel, GraphRNN's evaluation). */
    mmd: { degree: number; clustering: number };
    /** MMD² of the training graphs against the held-out ones: what a generator as good as the data scores. */
    reference: { degree: number; clustering: number };
    generatedDrawings: GraphDrawing[];
    realDrawings: GraphDrawing[];
  } | null;
  linkPrediction: { validation: LinkPredictionScores; test: LinkPredictionScores } | null;
  permutation: PermutationCheck;
}
