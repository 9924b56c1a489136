import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './matmul-kernels';
import type { SimdKernels } from './simd-module';

/** Kernel name of the fused Adam update (inputs value, m, v, g, correction1, correction2; outputs value', m', v'). */
export const FUSED_ADAM = 'LatentLabFusedAdam';

export interface FusedAdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

interface HeapReader {
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/**
 * Registers the fused Adam update on the wasm backend: one pass over a variable instead of ~10 elementwise kernels.
 * It writes new tensors, never over the variables: tfjs-backend-wasm caches XNNPACK operators with their weights
 * packed, keyed by the weights' tensor id, so a convolution whose filter changed in place would keep using the old
 * one (an in-place version of this update did exactly that; the conv presets stopped learning).
 */
export function registerFusedAdam(kernels: SimdKernels): void {
  if (tf.getKernel(FUSED_ADAM, 'wasm')) tf.unregisterKernel(FUSED_ADAM, 'wasm');
  tf.registerKernel({
    kernelName: FUSED_ADAM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackendLike & HeapReader;
      const { value, m, v, g, correction1, correction2 } = inputs as Record<string, tf.TensorInfo>;
      const a = attrs as unknown as FusedAdamAttrs;
      const outs = [value, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
      const at = (t: tf.TensorInfo): number => wasm.getMemoryOffset(t.dataId);
      kernels.adam({
        value: at(value),
        m: at(m),
        v: at(v),
        gradient: at(g),
        outValue: at(outs[0]),
        outM: at(outs[1]),
        outV: at(outs[2]),
        length: value.shape.reduce((x, y) => x * y, 1),
        beta1: a.beta1,
        beta2: a.beta2,
        correction1: wasm.typedArrayFromHeap(correction1)[0],
        correction2: wasm.typedArrayFromHeap(correction2)[0],
        epsilon: a.epsilon,
        learningRate: a.learningRate,
      });
      return outs;
    },
  });
}
