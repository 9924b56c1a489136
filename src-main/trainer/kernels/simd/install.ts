import * as tf from '@tensorflow/tfjs';
import { registerFusedAdam } from './adam-kernel';
import { registerBatchingKernels } from './batching-kernels';
import { registerBernoulliKernels } from './bernoulli-kernels';
import { registerColumnSums } from './column-sums-kernel';
import { registerSimdMatMul } from './matmul-kernels';
import { registerSharedIdentity } from './shared-identity-kernel';
import { type EmscriptenModuleLike, loadSimdKernels } from './simd-module';

/** The memory the kernels were loaded on, and the result: a re-created wasm backend has new memory. */
let installed: { memory: WebAssembly.Memory; result: Promise<string> } | undefined;

/**
 * Loads Latent Lab's SIMD kernels into the running wasm backend (once per backend instance) and registers them: the
 * dense GEMM for BatchMatMul/_FusedMatMul, the fused Adam update, row gathers and contiguous slices for batching,
 * the fused Bernoulli NLL, column sums (bias gradients) and clones that share memory. Resolves to a description for
 * the backend report.
 */
export function installSimdKernels(): Promise<string> {
  if (tf.getBackend() !== 'wasm') return Promise.reject(new Error('the SIMD kernels need the wasm backend to be active'));
  const { wasm } = tf.backend() as unknown as { wasm: EmscriptenModuleLike };
  if (installed?.memory === wasm.asm.memory) return installed.result;
  const result = (async () => {
    const kernels = await loadSimdKernels(wasm);
    registerSimdMatMul(kernels);
    registerFusedAdam(kernels);
    registerBatchingKernels(kernels);
    registerBernoulliKernels(kernels);
    registerSharedIdentity();
    registerColumnSums(kernels);
    return `Latent Lab SIMD kernels: GEMM, fused Adam, row gather, Bernoulli NLL, column sums (${kernels.fma ? 'relaxed-SIMD FMA' : 'SIMD, no FMA in this engine'})`;
  })();
  installed = { memory: wasm.asm.memory, result };
  return result;
}
