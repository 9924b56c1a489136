import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../../src-main/trainer/backend';
import type { WasmBackendLike } from '../../../../../../src-main/trainer/kernels/simd/matmul-kernels';
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

  it('plain SIMD (engines without relaxed SIMD) computes the same product as FMA, to float32 rounding', async () => {
    const backend = tf.backend() as unknown as WasmBackendLike & { wasm: EmscriptenModuleLike };
    const plain = await loadSimdKernels(backend.wasm, { allowFma: false });
    expect(plain.fma).toBe(false);
    const [m, k, n] = [19, 45, 27];
    const a = tf.randomNormal([m, k], 0, 1, 'float32', 4);
    const b = tf.randomNormal([n, k], 0, 1, 'float32', 5);
    const bias = tf.randomNormal([n], 0, 1, 'float32', 6);
    const viaKernel = tf.fused.matMul({ a, b, transposeB: true, bias, activation: 'relu' });
    const out = tf.zeros([m, n]);
    const at = (t: tf.Tensor) => backend.getMemoryOffset(t.dataId);
    plain.gemm({ a: at(a), transposeA: false, b: at(b), transposeB: true, c: at(out), m, n, k, bias: at(bias), relu: true });
    const expected = viaKernel.dataSync();
    const got = out.dataSync();
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    tf.dispose([a, b, bias, viaKernel, out]);
  });
});
