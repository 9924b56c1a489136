import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../wasm-backend';
import { registerInFrontOf } from './in-front-of';
import type { SimdKernels } from './simd-module';

const FOUR_BYTE_TYPES = new Set<tf.DataType>(['float32', 'int32']);
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * GatherV2 along axis 0 (a minibatch of rows in a shuffled order): one memory.copy per row. tfjs-backend-wasm's own
 * gather moves element by element (~2.3 ms for 128 rows of 784 floats, the cost of a whole dense layer). Indices
 * out of range, other axes, batch dims and other dtypes go to tfjs' kernel, which reports errors as it always has.
 */
function gatherRows(kernels: SimdKernels, inputs: tf.NamedTensorInfoMap, backend: WasmBackend, attrs: { axis: number; batchDims: number }): tf.TensorInfo | null {
  const { x, indices } = inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
  const axis = attrs.axis < 0 ? attrs.axis + x.shape.length : attrs.axis;
  if (axis !== 0 || attrs.batchDims !== 0 || !FOUR_BYTE_TYPES.has(x.dtype) || indices.dtype !== 'int32' || x.shape.length < 1) return null;
  const rows = x.shape[0];
  const count = size(indices.shape);
  // A heap view dies when an allocation grows the heap: read the indices before makeOutput, and only `count` after.
  const idx = backend.typedArrayFromHeap(indices);
  for (let i = 0; i < count; i++) if (!(idx[i] >= 0 && idx[i] < rows)) return null;
  const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
  if (count === 0 || size(x.shape.slice(1)) === 0) return out;
  kernels.gatherRows(backend.getMemoryOffset(x.dataId), backend.getMemoryOffset(indices.dataId), count, size(x.shape.slice(1)) * 4, backend.getMemoryOffset(out.dataId));
  return out;
}

/** Slice of a contiguous block (e.g. a range of rows): one copy, where tfjs-backend-wasm reads the whole source. */
function contiguousSlice(kernels: SimdKernels, inputs: tf.NamedTensorInfoMap, backend: WasmBackend, attrs: { begin: number | number[]; size: number | number[] }): tf.TensorInfo | null {
  const { x } = inputs as { x: tf.TensorInfo };
  if (!FOUR_BYTE_TYPES.has(x.dtype)) return null;
  const [begin, sliceSize] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, attrs.begin, attrs.size);
  tf.slice_util.assertParamsValid(x as unknown as tf.Tensor, begin, sliceSize);
  if (begin.some((b) => b < 0) || !tf.slice_util.isSliceContinous(x.shape, begin, sliceSize)) return null;
  const out = backend.makeOutput(sliceSize, x.dtype);
  const count = size(sliceSize);
  if (count === 0) return out;
  const strides = tf.util.computeStrides(x.shape);
  const flatOffset = begin.reduce((sum, b, i) => sum + b * (i < strides.length ? strides[i] : 1), 0);
  kernels.copyBytes(backend.getMemoryOffset(out.dataId), backend.getMemoryOffset(x.dataId) + flatOffset * 4, count * 4);
  return out;
}

/** Puts the row gather and the contiguous slice in front of the wasm backend's GatherV2 and Slice. */
export function registerBatchingKernels(kernels: SimdKernels): void {
  registerInFrontOf('GatherV2', (a) => gatherRows(kernels, a.inputs, a.backend as unknown as WasmBackend, a.attrs as unknown as { axis: number; batchDims: number }));
  registerInFrontOf('Slice', (a) => contiguousSlice(kernels, a.inputs, a.backend as unknown as WasmBackend, a.attrs as unknown as { begin: number[]; size: number[] }));
}
