/** What the page sends the UMAP worker: count × dims codes, row-major, and UMAP's parameters. */
export interface UmapRequest {
  codes: Float32Array;
  count: number;
  dims: number;
  /** Seeds UMAP's random choices (mulberry32): the same codes and seed give the same layout. */
  seed: number;
  nNeighbors: number;
  minDist: number;
}

/** Progress while the worker runs ('neighbours': the k-nearest-neighbour graph; 'layout': the epochs), then the layout. */
export type UmapReply =
  | { type: 'progress'; phase: 'neighbours' | 'layout'; done: number; total: number }
  | { type: 'done'; points: Float32Array; epochs: number }
  | { type: 'error'; message: string };
