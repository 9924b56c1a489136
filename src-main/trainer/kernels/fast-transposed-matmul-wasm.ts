import * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-backend';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

const wrapped = new Set<string>();

/**
 * tfjs-backend-wasm multiplies a transposed operand ~13× slower than a plain one (measured on XNNPACK:
 * 35 ms vs 2.6 ms for 784×128 · 128×400), and every dense layer's backward pass needs xᵀ·dy and dy·Wᵀ.
 * This wraps BatchMatMul and _FusedMatMul on wasm: a transposed operand is first materialized with the
 * Transpose kernel (~1 ms), then the fast path runs. Results are identical; gradients are unaffected because the
 * kernel names, inputs and attributes the tape records do not change.
 */
export function registerFastTransposedMatMul(): void {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) return;
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(name, 'wasm');
    if (!original || wrapped.has(name)) continue;
    wrapped.add(name);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { transposeA, transposeB } = attrs as unknown as MatMulAttrs;
        if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
        const temporaries: tf.TensorInfo[] = [];
        const materialize = (t: tf.TensorInfo): tf.TensorInfo => {
          const rank = t.shape.length;
          const perm = Array.from({ length: rank }, (_, i) => (i === rank - 2 ? rank - 1 : i === rank - 1 ? rank - 2 : i));
          const out = transpose.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } }) as tf.TensorInfo;
          temporaries.push(out);
          return out;
        };
        const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        const result = original.kernelFunc({
          inputs: { ...inputs, a: transposeA ? materialize(a) : a, b: transposeB ? materialize(b) : b },
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false },
        });
        for (const t of temporaries) (backend as unknown as WasmBackend).disposeData(t.dataId);
        return result;
      },
    });
  }
}
