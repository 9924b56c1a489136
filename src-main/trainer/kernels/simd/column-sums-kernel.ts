import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../wasm-backend';
import { registerInFrontOf } from './in-front-of';
import type { SimdKernels } from './simd-module';

/**
 * Sum over every axis but the last (a bias gradient, Σ over the batch) as one pass down the columns, where
 * tfjs-backend-wasm transposes first and then reduces rows (~0.25 ms for 128×784). Other reductions and dtypes go
 * to tfjs' kernel.
 */
export function registerColumnSums(kernels: SimdKernels): void {
  registerInFrontOf('Sum', (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
      const rank = x.shape.length;
      const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
      const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
      if (!leading || x.dtype !== 'float32') return null;
      const backend = args.backend as unknown as WasmBackend;
      const cols = x.shape[rank - 1];
      const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols], 'float32');
      if (cols > 0) kernels.columnSums(backend.getMemoryOffset(x.dataId), rows, cols, backend.getMemoryOffset(out.dataId));
      return out;
  });
}
