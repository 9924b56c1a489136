// UMAP (McInnes et al. 2018, umap-js) of a run's codes, off the page's thread: laying out 10,000 points takes
// seconds to tens of seconds, and the page must keep drawing and answering while it runs.
import { UMAP } from 'umap-js';
import { mulberry32 } from '../../../src-shared/datasets/rng';
import type { UmapReply, UmapRequest } from './umap-messages';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<UmapRequest>) => void) | null;
  postMessage(reply: UmapReply): void;
};

/** Epochs between progress messages. */
const PROGRESS_EVERY = 10;

scope.onmessage = ({ data }) => {
  const { codes, count, dims, seed, nNeighbors, minDist } = data;
  try {
    const rows = Array.from({ length: count }, (_, i) => Array.from(codes.subarray(i * dims, (i + 1) * dims)));
    const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(nNeighbors, count - 1), minDist, random: mulberry32(seed) });
    scope.postMessage({ type: 'progress', phase: 'neighbours', done: 0, total: 1 });
    const epochs = umap.initializeFit(rows);
    for (let epoch = 0; epoch < epochs; epoch++) {
      umap.step();
      if (epoch % PROGRESS_EVERY === 0) scope.postMessage({ type: 'progress', phase: 'layout', done: epoch, total: epochs });
    }
    const embedding = umap.getEmbedding();
    const points = new Float32Array(count * 2);
    embedding.forEach(([u, v], i) => {
      points[2 * i] = u;
      points[2 * i + 1] = v;
    });
    scope.postMessage({ type: 'done', points, epochs });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
