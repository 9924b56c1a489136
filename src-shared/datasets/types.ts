/**
 * Datasets come in three kinds from the start: images (N×C×H×W), plain vectors (N×D), and graphs
 * (adjacency + node features). Batching and model specs key off `kind`, so graph VAEs plug in later.
 */
export type DatasetKind = 'image' | 'vector' | 'graph';

/** Where a dataset came from: a generator in code, or a one-time import into the data dir. */
export type DatasetSourceKind = 'builtin' | 'image-folder' | 'idx' | 'edge-list' | 'linqs' | 'tu-dortmund';

export interface DatasetInfo {
  id: string;
  name: string;
  kind: DatasetKind;
  source: DatasetSourceKind;
  description: string;
  /** Shape of one sample: [C, H, W] for images, [D] for vectors. */
  sampleShape: number[];
  /** Number of samples (for a generator: how many it draws by default). */
  count: number;
  trainCount: number;
  validationCount: number;
  /**
   * Samples held out as a fixed test set (an IDX t10k file, an image folder's test/ or val/ folder, or a seeded
   * fraction at import): never trained or validated on, scored once at the end of training. 0 when there is none.
   */
  testCount: number;
  /** Class names when the dataset has class labels (subfolders, IDX label file), else []. */
  classes: string[];
  /** Samples per class, aligned with `classes`. */
  classCounts: number[];
  /** Names of the known generative factors kept as labels (built-in generators), else []. */
  factors: string[];
  builtin: boolean;
  createdAt: string | null;
  /** Graph datasets only: how many graphs, nodes, undirected edges and features per node. */
  graph?: GraphSummary;
}

export interface GraphSummary {
  graphs: number;
  nodes: number;
  edges: number;
  featureCount: number;
}

export interface SkippedFile {
  /** Path relative to the imported folder. */
  file: string;
  reason: string;
}

export interface DatasetDetail extends DatasetInfo {
  /** The folder or file it was imported from (null for built-ins). */
  sourcePath: string | null;
  /** Import options as given (size, colour, resize policy, split, seed). */
  options: Record<string, unknown> | null;
  skipped: SkippedFile[];
  /** Runs trained on it: a dataset in use is not deleted without saying so. */
  usedByRuns: number[];
}

/** What the trainer needs to load a dataset: a generator call, or the folder of an imported one. */
export type DatasetSource =
  | { kind: 'builtin'; id: string; size: number; validationSplit: number }
  | { kind: 'stored'; id: string; dir: string; count: number; trainCount: number; testCount: number; sampleShape: number[] }
  /** A graph dataset: a built-in generator (drawn with its fixed seed) or an imported folder of graph files. */
  | { kind: 'graph'; id: string; dir: string | null };

/** A dataset held in memory as one flat array of samples. */
export interface DatasetTensor {
  info: DatasetInfo;
  count: number;
  /** count × prod(sampleShape), values in [0, 1] for images. */
  data: Float32Array;
  /** count × factors.length known factor values, when the generator has them. */
  factorValues?: Float32Array;
}

/** A dataset split for training: the first trainCount samples train, the rest validate. */
export interface DatasetSplits {
  sampleShape: number[];
  sampleSize: number;
  train: Float32Array;
  validation: Float32Array;
  trainCount: number;
  validationCount: number;
  /** A generator's known factor values (count × factors, train samples first), when it has them. */
  factorValues?: Float32Array;
}
