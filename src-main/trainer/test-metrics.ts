import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, RunConfig } from '../../src-shared/config/run-config';
import type { DatasetSource } from '../../src-shared/datasets/types';
import { specInputShape } from '../../src-shared/model-spec/model-summary';
import { familyOf } from './families';
import type { EvalContext, Family } from './families/types';
import { loadSplits, loadTestSplit } from './load-dataset';
import { createModel, type Autoencoder } from './models';
import { loadWeights } from './weights';

/** Not a measurement of the test images: per-dimension KL (one per latent dimension) and the PCA angles of the weights. */
const NOT_ON_TEST = /^kl_dim_\d+$|principal_angle/;

/** A held-out metric's name on the test split: val_loss → test_loss, psnr → test_psnr. */
export const testName = (name: string): string => `test_${name.replace(/^val_/, '')}`;

/**
 * The family's held-out metrics on the dataset's fixed test split, named test_… (null when it has none): computed
 * once, for the finished model, by the same code as the validation metrics.
 */
export async function testMetrics(family: Family, model: Autoencoder, config: ModelConfig, source: DatasetSource, ctx: EvalContext): Promise<Record<string, number> | null> {
  const test = loadTestSplit(source);
  if (!test) return null;
  return scoreTest(family, model, config, test, ctx);
}

async function scoreTest(family: Family, model: Autoencoder, config: ModelConfig, test: NonNullable<ReturnType<typeof loadTestSplit>>, ctx: EvalContext): Promise<Record<string, number>> {
  const inputShape = specInputShape(test.sampleShape);
  const x = tf.tensor(test.data, [test.count, ...inputShape]);
  let values: Record<string, number>;
  try {
    values = await family.evaluate(model, config, x, ctx);
  } finally {
    x.dispose();
  }
  return Object.fromEntries(Object.entries(values).filter(([name]) => !NOT_ON_TEST.test(name)).map(([name, value]) => [testName(name), value]));
}

/** A finished run's test metrics, on demand: its saved weights scored on the dataset's test split. */
export async function evaluateTestSplit(config: RunConfig, source: DatasetSource, weightsPath: string): Promise<Record<string, number>> {
  const test = loadTestSplit(source);
  if (!test) throw new Error(`dataset '${source.id}' has no test split: import it with one (an IDX t10k file, a test/ folder, or a test fraction)`);
  const inputShape = specInputShape(test.sampleShape);
  // Only a linear AE's metrics read the training split (its PCA reference, for angles not reported on test data):
  // the others get an empty one rather than a copy of the whole dataset.
  const needsTrain = config.model.family === 'linear-ae';
  const splits = needsTrain ? loadSplits(source) : null;
  const train = splits ? tf.tensor(splits.train, [splits.trainCount, ...inputShape]) : tf.zeros([0, ...inputShape]);
  const model = createModel(config.model, inputShape, config.training.seed);
  const cache = new Map<string, tf.Tensor>();
  try {
    loadWeights(weightsPath, model.namedVariables);
    const ctx: EvalContext = { seed: config.training.seed, objective: config.objective, isImage: test.sampleShape.length === 3, train, cache };
    return await scoreTest(familyOf(config.model), model, config.model, test, ctx);
  } finally {
    model.dispose();
    train.dispose();
    tf.dispose([...cache.values()]);
  }
}
