import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/temp-dir';
import { trainInProcess, useWasm } from '../../../helpers/train-in-process';

const dir = tempDir();
beforeAll(useWasm);
afterAll(() => dir.remove());

const data = { id: 'builtin:sprites', size: 512 };
const model = { family: 'ae' as const, hidden: [32], latentDim: 4, reconstruction: 'bernoulli' as const };

describe('training controls', () => {
  it('stops early when the validation loss stops improving for `patience` epochs', async () => {
    // A learning rate this small cannot move the validation loss by 0.01 %: epoch 1 sets the best, 2 and 3 do not beat it.
    const run = await trainInProcess({ dataset: data, model, training: { epochs: 20, learningRate: 1e-9, earlyStoppingPatience: 2 } }, dir.path);
    expect(run.status).toBe('completed');
    expect(run.epochs.filter((p) => 'val_loss' in p.values).map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(run.final.early_stopped).toBe(1);
  });

  it.each(['adam', 'sgd', 'rmsprop'] as const)('trains with %s: the training loss falls', async (optimizer) => {
    const run = await trainInProcess({ dataset: data, model, training: { epochs: 3, optimizer, learningRate: optimizer === 'sgd' ? 0.01 : 0.002 } }, dir.path);
    expect(run.status, run.error ?? '').toBe('completed');
    const first = run.epochs[0].values.train_loss;
    // The last epoch point with a training loss (sprites runs end with a disentanglement point of their own).
    expect(run.epochs.filter((p) => 'train_loss' in p.values).at(-1)!.values.train_loss).toBeLessThan(first);
  });

  it('trains a model with dropout reproducibly: masks follow the step, not a fixed seed', async () => {
    const spec = {
      family: 'ae' as const,
      latentDim: 4,
      reconstruction: 'bernoulli' as const,
      encoder: [{ type: 'flatten' as const }, { type: 'dense' as const, units: 32, activation: 'relu' as const }, { type: 'dropout' as const, rate: 0.3 }],
      decoder: [{ type: 'dense' as const, units: 784 }, { type: 'reshape' as const, targetShape: [28, 28, 1] }],
    };
    const config = { dataset: data, model: spec, training: { epochs: 1, seed: 4 } };
    const [a, b] = [await trainInProcess(config, dir.path), await trainInProcess(config, dir.path)];
    expect(a.status, a.error ?? '').toBe('completed');
    expect(a.steps.map((p) => p.values.loss)).toEqual(b.steps.map((p) => p.values.loss));
  });
});
