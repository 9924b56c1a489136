import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useWasm } from '../../../../helpers/train-in-process';

describe('UnsortedSegmentSum for the wasm backend', () => {
  it('matches the cpu backend, in values and in the gradient (a gather), with empty and repeated segments', async () => {
    const x = Array.from({ length: 7 * 3 }, (_, i) => Math.sin(i) * 10);
    const ids = [4, 0, 4, 2, 2, 2, 0];
    const run = async () => {
      const xt = tf.tensor2d(x, [7, 3]);
      const idt = tf.tensor1d(ids, 'int32');
      const sum = await tf.unsortedSegmentSum(xt, idt, 6).data();
      const weights = tf.tensor2d(Array.from({ length: 18 }, (_, i) => i - 4), [6, 3]);
      const grad = await tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.unsortedSegmentSum(v, idt, 6), weights)))(xt).data();
      return { sum: Array.from(sum), grad: Array.from(grad) };
    };
    await tf.setBackend('cpu');
    const cpu = await run();
    await useWasm();
    const wasm = await run();
    expect(wasm.sum.map((v, i) => Math.abs(v - cpu.sum[i]))).toEqual(cpu.sum.map(() => expect.closeTo(0, 4)));
    expect(wasm.grad).toEqual(cpu.grad);
    expect(wasm.sum.slice(3, 6)).toEqual([0, 0, 0]);
  });
});
