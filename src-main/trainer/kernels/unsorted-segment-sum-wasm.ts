import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-backend';

/**
 * out[s, :] = Σ_{k : segmentIds[k] = s} x[k, :] for s in 0 … numSegments − 1, over the rows of x (the rest of x's
 * shape is one flat row): the kernel tfjs-backend-wasm lacks, which graph message passing sums neighbour rows with.
 * Accumulated in float64 per output element, then stored as float32.
 */
export function unsortedSegmentSum(x: Float32Array, rows: number, segmentIds: Int32Array, numSegments: number): Float32Array {
  const width = rows === 0 ? 0 : x.length / rows;
  const sums = new Float64Array(numSegments * width);
  for (let k = 0; k < rows; k++) {
    const s = segmentIds[k];
    if (s < 0 || s >= numSegments) continue; // TensorFlow drops ids outside [0, numSegments), as here
    const out = s * width;
    const row = k * width;
    for (let j = 0; j < width; j++) sums[out + j] += x[row + j];
  }
  return Float32Array.from(sums);
}

let registered = false;

/** Registers UnsortedSegmentSum (float32 data, int32 ids, segments over the first axis) with the wasm backend, once. */
export function registerWasmSegmentSum(): void {
  if (registered || tf.getKernel('UnsortedSegmentSum', 'wasm')) return;
  registered = true;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackend;
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const { numSegments } = attrs as unknown as { numSegments: number };
      if (x.dtype !== 'float32') throw new Error(`UnsortedSegmentSum on wasm: float32 data only (got ${x.dtype})`);
      if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
        throw new Error(`UnsortedSegmentSum on wasm: one segment id per row of x (ids ${segmentIds.shape.join('×')}, x ${x.shape.join('×')})`);
      }
      const ids = wasm.readSync(segmentIds.dataId) as unknown as Int32Array;
      const result = unsortedSegmentSum(wasm.readSync(x.dataId), x.shape[0], ids, numSegments);
      const out = wasm.makeOutput([numSegments, ...x.shape.slice(1)], 'float32');
      (wasm.typedArrayFromHeap(out) as Float32Array).set(result);
      return out;
    },
  });
}
