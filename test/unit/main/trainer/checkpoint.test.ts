import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshState, loadCheckpoint, saveCheckpoint } from '../../../../src-main/trainer/checkpoint';
import { createAutoencoder } from '../../../../src-main/trainer/models/autoencoder';
import { saveWeights } from '../../../../src-main/trainer/weights';
import { tempDir } from '../../../helpers/temp-dir';

const dir = tempDir();
const config = { family: 'ae' as const, hidden: [8], activation: 'relu' as const, latentDim: 2, reconstruction: 'mse' as const };

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => dir.remove());

describe('checkpoints', () => {
  it('restore weights, optimizer moments and position together', async () => {
    const model = createAutoencoder(config, [6], 1);
    const optimizer = tf.train.adam(0.01);
    optimizer.minimize(() => tf.sum(tf.square(model.decode(model.encode(tf.ones([3, 6])).mu))) as tf.Scalar, false, model.variables);
    await saveCheckpoint(dir.path, model, optimizer, { ...freshState(), epoch: 3, batchesDone: 2, step: 30, best: 1.5 });

    const other = createAutoencoder(config, [6], 2);
    const otherOptimizer = tf.train.adam(0.01);
    const state = await loadCheckpoint(dir.path, other, otherOptimizer);
    expect(state).toMatchObject({ epoch: 3, batchesDone: 2, step: 30, best: 1.5 });
    other.namedVariables.forEach((v, i) => expect(v.variable.dataSync()).toEqual(model.namedVariables[i].variable.dataSync()));
    const [saved, restored] = [await optimizer.getWeights(), await otherOptimizer.getWeights()];
    expect(restored.map((w) => Array.from(w.tensor.dataSync()))).toEqual(saved.map((w) => Array.from(w.tensor.dataSync())));
  });

  it('refuses to resume from files of two different checkpoints', async () => {
    const model = createAutoencoder(config, [6], 1);
    await saveCheckpoint(dir.path, model, tf.train.adam(0.01), { ...freshState(), step: 40 });
    // A crash or a full disk after the weights of a newer checkpoint were written, before its state:
    saveWeights(join(dir.path, 'weights.llw'), model.namedVariables, 45);
    await expect(loadCheckpoint(dir.path, createAutoencoder(config, [6], 3), tf.train.adam(0.01))).rejects.toThrow(
      /checkpoint .* is incomplete \(its files are from steps 40, 45/,
    );
  });
});
