import type * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../wasm-backend';
import { registerInFrontOf } from './in-front-of';

/**
 * Identity (tf.clone) on wasm as a new reference to the same memory, as tfjs-backend-wasm's own Reshape and the cpu
 * backend's Identity already do, instead of a copy. The engine clones every tensor it saves for the backward pass
 * (58 a step for the reference VAE, weights included: ~6 MB copied each step). Safe because tensors are immutable:
 * no kernel writes into its inputs, and memory is freed when the last reference goes.
 */
export function registerSharedIdentity(): void {
  registerInFrontOf('Identity', (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return null;
    (args.backend as unknown as WasmBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
}
