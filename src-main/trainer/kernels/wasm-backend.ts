import type * as tf from '@tensorflow/tfjs';

/**
 * The parts of tfjs-backend-wasm's BackendWasm that Latent Lab's kernels use: the public methods its own kernels call
 * (outputs, heap offsets and views, reference counts) and, for the in-place Adam update, its tensor registry.
 * Heap views die when an allocation grows the heap: take them after the last makeOutput.
 */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array;
  readSync(dataId: object): Float32Array;
  disposeData(dataId: object): boolean;
  refCount(dataId: object): number;
  incRef(dataId: object): void;
  /** A tfjs id per buffer, which the C++ side keys its caches (packed XNNPACK weights) by. */
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
  dataIdNextNumber: number;
  wasm: { tfjs: { disposeData(id: number): void; registerTensor(id: number, size: number, memoryOffset: number): void } };
}
