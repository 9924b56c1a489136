import type { UmapReply, UmapRequest } from './umap-messages';

export type UmapProgress = Extract<UmapReply, { type: 'progress' }>;

/**
 * Lays `count` codes out in 2-D with UMAP in a dedicated worker (umap.worker.ts), reporting progress. Aborting the
 * signal ends the worker at once (a newer request, or the panel closing).
 */
export function umapLayout(request: UmapRequest, onProgress: (progress: UmapProgress) => void, signal?: AbortSignal): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./umap.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(new DOMException('the UMAP layout was cancelled', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    worker.onmessage = ({ data }: MessageEvent<UmapReply>) => {
      if (data.type === 'progress') onProgress(data);
      else if (data.type === 'done') {
        finish();
        resolve(data.points);
      } else {
        finish();
        reject(new Error(`UMAP failed: ${data.message}`));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`UMAP failed: ${event.message || 'the worker stopped'}`));
    };
    const codes = request.codes.slice();
    worker.postMessage({ ...request, codes }, [codes.buffer]);
  });
}
