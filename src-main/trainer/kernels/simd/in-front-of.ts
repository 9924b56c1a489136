import * as tf from '@tensorflow/tfjs';

/** What a kernel function receives: its inputs, the backend, its attributes. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The kernel each name had before Latent Lab's first went in front of it. */
const originals = new Map<string, tf.KernelConfig>();

/**
 * Registers `fast` in front of the wasm backend's kernel `name`: it runs first and returns null for any case it does
 * not cover, which then goes to the kernel that was there before (errors included, so they keep tfjs' messages).
 * Registering again (kernels reloaded for a re-created backend) replaces the fast path; it never stacks on the old one.
 */
export function registerInFrontOf(name: string, fast: (args: KernelArgs) => tf.TensorInfo | null): void {
  const current = tf.getKernel(name, 'wasm');
  if (!current) return;
  if (!originals.has(name)) originals.set(name, current);
  const fallback = originals.get(name) as tf.KernelConfig;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...fallback, kernelFunc: (args) => fast(args) ?? fallback.kernelFunc(args) });
}
