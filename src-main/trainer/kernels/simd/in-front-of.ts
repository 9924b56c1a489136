import * as tf from '@tensorflow/tfjs';

/** What a kernel function receives: its inputs, the backend, its attributes. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * Registers `fast` in front of the wasm backend's kernel `name`: it runs first and returns null for any case it does
 * not cover, which then goes to tfjs' own kernel (errors included, so they keep tfjs' messages).
 */
export function registerInFrontOf(name: string, fast: (args: KernelArgs) => tf.TensorInfo | null): void {
  const fallback = tf.getKernel(name, 'wasm');
  if (!fallback) return;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...fallback, kernelFunc: (args) => fast(args) ?? fallback.kernelFunc(args) });
}
