/**
 * Datasets come in three kinds from the start: images (N×C×H×W), plain vectors (N×D), and graphs
 * (adjacency + node features). Batching and model specs key off `kind`, so graph VAEs plug in later.
 */
export type DatasetKind = 'image' | 'vector' | 'graph';

export interface DatasetInfo {
  id: string;
  name: string;
  kind: DatasetKind;
  description: string;
  /** Shape of one sample: [C, H, W] for images, [D] for vectors. */
  sampleShape: number[];
  /** Default number of samples a built-in generator draws. */
  defaultSize: number;
  /** Names of the known generative factors kept as labels, if any. */
  factors: string[];
  builtin: boolean;
}

/** A dataset held in memory as one flat array of samples. */
export interface DatasetTensor {
  info: DatasetInfo;
  count: number;
  /** count × prod(sampleShape), values in [0, 1] for images. */
  data: Float32Array;
}
