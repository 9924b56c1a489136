import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src-main/trainer/backend';
import { FusedAdamOptimizer } from '../../../../src-main/trainer/fused-adam';
import { FUSED_ADAM } from '../../../../src-main/trainer/kernels/simd/adam-kernel';

/** Trains two small variables (one with an odd length, for the kernel's tail) with an optimizer; returns their bits. */
function train(optimizer: tf.Optimizer, steps: number, from?: tf.Tensor[]): { values: Float32Array[]; vars: tf.Variable[] } {
  const w = tf.variable(from ? from[0].clone() : tf.randomNormal([37, 5], 0, 1, 'float32', 7));
  const b = tf.variable(from ? from[1].clone() : tf.zeros([5]));
  const x = tf.randomNormal([16, 37], 0, 1, 'float32', 8);
  const y = tf.randomNormal([16, 5], 0, 1, 'float32', 9);
  for (let s = 0; s < steps; s++) {
    optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(tf.mul(x, s + 1), w), b), y))) as tf.Scalar);
  }
  tf.dispose([x, y]);
  return { values: [w.dataSync() as Float32Array, b.dataSync() as Float32Array], vars: [w, b] };
}

describe('fused Adam on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('runs as one kernel per variable on wasm', () => {
    expect(tf.getKernel(FUSED_ADAM, 'wasm')).toBeDefined();
  });

  it('gives the same float32 bits as tf.train.adam, step after step', () => {
    const stock = train(tf.train.adam(0.01), 12);
    const fused = train(new FusedAdamOptimizer(0.01), 12);
    stock.values.forEach((v, i) => expect(Array.from(fused.values[i])).toEqual(Array.from(v)));
    tf.dispose([...stock.vars, ...fused.vars]);
  });

  it('saves and restores state interchangeably with tf.train.adam (checkpoints keep working)', async () => {
    const stock = tf.train.adam(0.01);
    const first = train(stock, 5);
    const saved = await stock.getWeights();
    const restored = new FusedAdamOptimizer(0.01);
    await restored.setWeights(saved.map((s) => ({ name: s.name, tensor: s.tensor.clone() })));
    const resumed = train(restored, 4, first.vars);
    const straight = train(tf.train.adam(0.01), 9);
    // The resumed run restarts its data scale at step 1, so compare against a stock optimizer restored the same way.
    const again = tf.train.adam(0.01);
    await again.setWeights(saved.map((s) => ({ name: s.name, tensor: s.tensor.clone() })));
    const reference = train(again, 4, first.vars);
    reference.values.forEach((v, i) => expect(Array.from(resumed.values[i])).toEqual(Array.from(v)));
    expect((await restored.getWeights()).map((w) => w.name)).toEqual((await again.getWeights()).map((w) => w.name));
    tf.dispose([...first.vars, ...resumed.vars, ...straight.vars, ...reference.vars]);
  });

  it('gives a convolution the same updates as tf.train.adam (filters get a new tfjs id each step: XNNPACK caches packed filters by it)', () => {
    const registry = () => tf.backend() as unknown as { dataIdMap: { get(dataId: object): { id: number } } };
    const trainConv = (optimizer: tf.Optimizer) => {
      const filter = tf.variable(tf.randomNormal([3, 3, 1, 4], 0, 0.5, 'float32', 21) as tf.Tensor4D);
      const bias = tf.variable(tf.zeros([4]));
      const x = tf.randomNormal([2, 6, 6, 1], 0, 1, 'float32', 22);
      const ids = new Set<number>();
      for (let s = 0; s < 4; s++) {
        ids.add(registry().dataIdMap.get(filter.dataId).id);
        optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.fused.conv2d({ x: x as tf.Tensor4D, filter, strides: 1, pad: 'same', bias, activation: 'relu' }), 0.3))) as tf.Scalar);
      }
      const values = Array.from(filter.dataSync());
      tf.dispose([filter, bias, x]);
      return { values, distinctIds: ids.size };
    };
    const stock = trainConv(tf.train.adam(0.05));
    const fused = trainConv(new FusedAdamOptimizer(0.05));
    expect(fused.values).toEqual(stock.values);
    expect(fused.distinctIds).toBe(4);
  });

  it('keeps its configuration, epsilon included (fromConfig round trip)', () => {
    const optimizer = new FusedAdamOptimizer(0.02, 0.8, 0.99, 1e-4);
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-4 });
    const copy = FusedAdamOptimizer.fromConfig(FusedAdamOptimizer, optimizer.getConfig()) as FusedAdamOptimizer;
    expect(copy.getConfig()).toEqual(optimizer.getConfig());
    tf.dispose([optimizer, copy] as unknown as tf.Tensor[]);
  });

  it('uses tfjs’ own update where the kernel is absent (cpu)', async () => {
    await tf.setBackend('cpu');
    const stock = train(tf.train.adam(0.01), 3);
    const fused = train(new FusedAdamOptimizer(0.01), 3);
    stock.values.forEach((v, i) => expect(Array.from(fused.values[i])).toEqual(Array.from(v)));
    await tf.setBackend('wasm');
  });

  it('leaves no tensors behind', () => {
    const optimizer = new FusedAdamOptimizer(0.01);
    const warm = train(optimizer, 1);
    const before = tf.memory().numTensors;
    const w = warm.vars[0];
    for (let i = 0; i < 5; i++) optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(warm.vars);
  });
});
