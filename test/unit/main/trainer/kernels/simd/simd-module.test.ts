import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';
import type { WasmBackend } from '../../../../../../src-main/trainer/kernels/wasm-backend';
import { kernelModuleWat } from '../../../../../../src-main/trainer/kernels/simd/module-wat';
import { type EmscriptenModuleLike, loadSimdKernels } from '../../../../../../src-main/trainer/kernels/simd/simd-module';

describe('the SIMD kernel module', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('uses relaxed SIMD only in the FMA variant', () => {
    expect(kernelModuleWat(true)).toContain('f32x4.relaxed_madd');
    expect(kernelModuleWat(false)).not.toContain('relaxed');
  });

  it('plain SIMD (engines without relaxed SIMD) computes the product to float32 rounding, both layouts transposed', async () => {
    const backend = tf.backend() as unknown as WasmBackend & { wasm: EmscriptenModuleLike };
    const plain = await loadSimdKernels(backend.wasm, { allowFma: false });
    expect(plain.fma).toBe(false);
    const [m, k, n] = [19, 45, 27];
    const a = tf.randomNormal([k, m], 0, 1, 'float32', 4); // stored transposed
    const b = tf.randomNormal([n, k], 0, 1, 'float32', 5); // stored transposed
    const bias = tf.randomNormal([n], 0, 1, 'float32', 6);
    const out = tf.zeros([m, n]);
    const at = (t: tf.Tensor) => backend.getMemoryOffset(t.dataId);
    plain.gemm({ a: at(a), transposeA: true, b: at(b), transposeB: true, c: at(out), m, n, k, bias: at(bias), relu: true });
    const [av, bv, biasv, got] = [a, b, bias, out].map((t) => t.dataSync());
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = biasv[j];
        let magnitude = Math.abs(sum);
        for (let p = 0; p < k; p++) {
          sum += av[p * m + i] * bv[j * k + p];
          magnitude += Math.abs(av[p * m + i] * bv[j * k + p]);
        }
        // float64 truth, within the probabilistic float32 bound of a (k+1)-term sum
        expect(Math.abs(got[i * n + j] - Math.max(sum, 0))).toBeLessThanOrEqual(2 * Math.sqrt(k + 1) * 2 ** -24 * magnitude + 1e-12);
      }
    }
    tf.dispose([a, b, bias, out]);
  });
});
