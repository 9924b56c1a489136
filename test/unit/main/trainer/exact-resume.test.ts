import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint, freshState } from '../../../../src-main/trainer/checkpoint';
import { FusedAdamOptimizer, adamPowers, restoreAdamPowers } from '../../../../src-main/trainer/fused-adam';
import { createAutoencoder, type Autoencoder } from '../../../../src-main/trainer/models/autoencoder';
import { createOptimizer } from '../../../../src-main/trainer/optimizers';
import { tempDir } from '../../../helpers/temp-dir';
import { useWasm } from '../../../helpers/train-in-process';

const root = tempDir();
const config = { family: 'vae' as const, hidden: [12], activation: 'relu' as const, latentDim: 3, likelihood: 'bernoulli' as const, sigma: 0.1 };
const optimizers = ['adam', 'sgd', 'rmsprop'] as const;
let runs = 0;

afterAll(() => root.remove());
afterEach(async () => {
  await tf.setBackend('wasm');
});

const newOptimizer = (kind: (typeof optimizers)[number]) => createOptimizer({ optimizer: kind, learningRate: 0.01, momentum: 0.9 } as Parameters<typeof createOptimizer>[0]);

/** `steps` optimizer steps, each on a different batch (the step scales it), starting at `from`. */
function train(model: Autoencoder, optimizer: tf.Optimizer, from: number, steps: number): void {
  for (let s = from; s < from + steps; s++) {
    tf.tidy(() => {
      const x = tf.mul(tf.randomUniform([8, 10], 0, 1, 'float32', s), 1 + s / 10);
      optimizer.minimize(() => tf.mean(tf.square(tf.sub(model.decode(model.encode(x).mu), tf.sigmoid(x)))) as tf.Scalar, false, model.variables);
    });
  }
}

/** The float32 bits of every weight, so +0/−0 and the last bit count. */
const bits = (model: Autoencoder) => model.namedVariables.map((v) => Array.from(new Uint32Array(Float32Array.from(v.variable.dataSync()).buffer)));

describe.each(['wasm', 'cpu'])('a checkpoint restores training exactly on %s', (backend) => {
  it.each(optimizers)('%s: save after 20 steps, load into fresh instances, 9 more steps: the same bits as 29 straight', async (kind) => {
    if (backend === 'wasm') await useWasm();
    else await tf.setBackend('cpu');
    const runDir = join(root.path, `run-${++runs}`);
    const straight = createAutoencoder(config, [10], 1);
    const straightOptimizer = newOptimizer(kind);
    // After 20 steps tfjs' pow(β, t + 1) and the float32 product differ on both backends (they agree after 7).
    train(straight, straightOptimizer, 0, 20);
    await saveCheckpoint(runDir, straight, straightOptimizer, { ...freshState(), step: 20 });
    train(straight, straightOptimizer, 20, 9);

    const resumed = createAutoencoder(config, [10], 2);
    const resumedOptimizer = newOptimizer(kind);
    await loadCheckpoint(runDir, resumed, resumedOptimizer);
    train(resumed, resumedOptimizer, 20, 9);
    expect(bits(resumed)).toEqual(bits(straight));
    expect(await adamPowers(resumedOptimizer)).toEqual(await adamPowers(straightOptimizer));
    tf.dispose([straightOptimizer, resumedOptimizer] as unknown as tf.Tensor[]);
    straight.dispose();
    resumed.dispose();
  });
});

describe("Adam's β-power accumulators", () => {
  it("are what tfjs' own setWeights gets wrong (pow(β, t + 1) is not the step-by-step float32 product)", async () => {
    await useWasm();
    const model = createAutoencoder(config, [10], 1);
    const trained = new FusedAdamOptimizer(0.01);
    train(model, trained, 0, 20);
    const stock = new FusedAdamOptimizer(0.01);
    const slots = await trained.getWeights();
    await stock.setWeights(slots.map((s) => ({ name: s.name, tensor: s.tensor.clone() })));
    // This is the drift a checkpoint has to avoid: the saved values are put back instead.
    expect(await adamPowers(stock)).not.toEqual(await adamPowers(trained));
    restoreAdamPowers(stock, await adamPowers(trained), stock.iterations);
    expect(await adamPowers(stock)).toEqual(await adamPowers(trained));
    model.dispose();
  });

  it.each(['wasm', 'cpu'])('are rebuilt exactly for checkpoints that did not save them (%s, steps 0 to 300)', async (backend) => {
    if (backend === 'wasm') await useWasm();
    else await tf.setBackend('cpu');
    const w = tf.variable(tf.ones([3]));
    const optimizer = new FusedAdamOptimizer(0.01, 0.9, 0.999);
    const mismatches: number[] = [];
    const powMismatches: number[] = [];
    for (let t = 0; t <= 300; t++) {
      const probe = new FusedAdamOptimizer(0.01, 0.9, 0.999);
      restoreAdamPowers(probe, null, t);
      const [rebuilt, reached] = [await adamPowers(probe), await adamPowers(optimizer)];
      if (rebuilt?.accBeta1 !== reached?.accBeta1 || rebuilt?.accBeta2 !== reached?.accBeta2) mismatches.push(t);
      const pow = tf.tidy(() => [tf.pow(0.9, t + 1).dataSync()[0], tf.pow(0.999, t + 1).dataSync()[0]]);
      if (pow[0] !== reached?.accBeta1 || pow[1] !== reached?.accBeta2) powMismatches.push(t);
      probe.dispose();
      optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
    }
    expect(mismatches).toEqual([]);
    // What tfjs' setWeights would have restored instead is off at most step counts.
    expect(powMismatches.length).toBeGreaterThan(200);
    optimizer.dispose();
    w.dispose();
  });
});
