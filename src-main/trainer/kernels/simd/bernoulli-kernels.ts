import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../wasm-backend';
import type { SimdKernels } from './simd-module';

/** Kernel names: per-row Bernoulli NLL from logits (inputs logits, x: [N, D] → [N]) and its logits gradient. */
export const BERNOULLI_NLL = 'LatentLabBernoulliNll';
export const BERNOULLI_NLL_GRAD = 'LatentLabBernoulliNllGrad';

let gradientRegistered = false;

/**
 * Registers the fused Bernoulli NLL and its gradient on wasm (2 kernels a step where the composite form took ~40),
 * and the gradient rule: ∂/∂l = dy·(σ(l) − x), ∂/∂x = −l·dy (only evaluated if something asks for it).
 */
export function registerBernoulliKernels(kernels: SimdKernels): void {
  for (const name of [BERNOULLI_NLL, BERNOULLI_NLL_GRAD]) if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({
    kernelName: BERNOULLI_NLL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const wasm = backend as unknown as WasmBackend;
      const { logits, x } = inputs as { logits: tf.TensorInfo; x: tf.TensorInfo };
      const [rows, d] = logits.shape;
      const out = wasm.makeOutput([rows], 'float32');
      if (rows > 0) kernels.bernoulliNll(wasm.getMemoryOffset(logits.dataId), wasm.getMemoryOffset(x.dataId), rows, d, wasm.getMemoryOffset(out.dataId));
      return out;
    },
  });
  tf.registerKernel({
    kernelName: BERNOULLI_NLL_GRAD,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const wasm = backend as unknown as WasmBackend;
      const { logits, x, dy } = inputs as { logits: tf.TensorInfo; x: tf.TensorInfo; dy: tf.TensorInfo };
      const [rows, d] = logits.shape;
      const out = wasm.makeOutput([rows, d], 'float32');
      if (rows * d > 0) {
        const at = (t: tf.TensorInfo): number => wasm.getMemoryOffset(t.dataId);
        kernels.bernoulliGrad(at(logits), at(x), at(dy), rows, d, at(out));
      }
      return out;
    },
  });
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: BERNOULLI_NLL,
    inputsToSave: ['logits', 'x'],
    gradFunc: (dy, saved) => {
      const [logits, x] = saved;
      return {
        logits: () => tf.engine().runKernel(BERNOULLI_NLL_GRAD, { logits, x, dy: dy as tf.Tensor }) as tf.Tensor,
        x: () => tf.mul(tf.neg(logits), tf.expandDims(dy as tf.Tensor, 1)),
      };
    },
  });
}
