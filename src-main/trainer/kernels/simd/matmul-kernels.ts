import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from '../wasm-backend';
import { registerInFrontOf } from './in-front-of';
import type { SimdKernels } from './simd-module';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * BatchMatMul and _FusedMatMul (bias, linear or ReLU) on the SIMD GEMM, for float32 operands whose batch
 * dimensions are equal or broadcast from one. Returns null for anything else (other activations, PReLU weights,
 * other dtypes, a bias that is not one value per column, general broadcasting), which the caller hands to tfjs'
 * own kernel, as it does shape errors, so those keep tfjs' messages.
 */
export function simdMatMul(kernels: SimdKernels, inputs: tf.NamedTensorInfoMap, backend: WasmBackend, attrs: MatMulAttrs): tf.TensorInfo | null {
  const { a, b, bias, preluActivationWeights } = inputs as Record<string, tf.TensorInfo | undefined>;
  if (!a || !b || preluActivationWeights || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const activation = attrs.activation ?? 'linear';
  if (activation !== 'linear' && activation !== 'relu') return null;
  if (a.shape.length < 2 || b.shape.length < 2) return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = attrs.transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = attrs.transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kb = attrs.transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = attrs.transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kb) return null;
  if (bias && (bias.dtype !== 'float32' || size(bias.shape) !== n || bias.shape[bias.shape.length - 1] !== n)) return null;
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  let outBatch: number[];
  try {
    outBatch = tf.broadcast_util.assertAndGetBroadcastShape(aBatch, bBatch);
  } catch {
    return null;
  }
  const batches = size(outBatch);
  const aBatches = size(aBatch);
  const bBatches = size(bBatch);
  if ((aBatches !== 1 && aBatches !== batches) || (bBatches !== 1 && bBatches !== batches)) return null;
  const out = backend.makeOutput([...outBatch, m, n], 'float32');
  if (batches * m * n === 0) return out;
  const aBase = backend.getMemoryOffset(a.dataId);
  const bBase = backend.getMemoryOffset(b.dataId);
  const cBase = backend.getMemoryOffset(out.dataId);
  const biasOffset = bias ? backend.getMemoryOffset(bias.dataId) : 0;
  for (let t = 0; t < batches; t++) {
    kernels.gemm({
      a: aBase + (aBatches === 1 ? 0 : t * m * k * 4),
      transposeA: attrs.transposeA,
      b: bBase + (bBatches === 1 ? 0 : t * k * n * 4),
      transposeB: attrs.transposeB,
      c: cBase + t * m * n * 4,
      m,
      n,
      k,
      bias: biasOffset,
      relu: activation === 'relu',
    });
  }
  return out;
}

/** Puts the SIMD GEMM in front of the wasm backend's BatchMatMul and _FusedMatMul; tfjs' own stay as fallbacks. */
export function registerSimdMatMul(kernels: SimdKernels): void {
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    registerInFrontOf(name, (args) => simdMatMul(kernels, args.inputs, args.backend as unknown as WasmBackend, args.attrs as unknown as MatMulAttrs));
  }
}
