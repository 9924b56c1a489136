import { isGraphFamily, type GraphFamily, type ModelConfig } from '../../../src-shared/config/run-config';
import { aeFamily } from './ae';
import { daeFamily } from './dae';
import { linearAeFamily, linearMetrics } from './linear-ae';
import type { Family } from './types';
import { vaeFamily } from './vae';

/** PCA is solved in closed form (train-run.ts); it only shares the linear AE's metrics. */
const pcaFamily: Family<Extract<ModelConfig, { family: 'pca' }>> = {
  batchLoss() {
    throw new Error('PCA is fitted in closed form, not by gradient steps');
  },
  evaluate: linearMetrics,
};

/** The family registry: one file per family, one line here. */
const FAMILIES: { [F in Exclude<ModelConfig['family'], GraphFamily>]: Family<Extract<ModelConfig, { family: F }>> } = {
  vae: vaeFamily,
  ae: aeFamily,
  dae: daeFamily,
  'linear-ae': linearAeFamily,
  pca: pcaFamily,
};

/** The family of a model trained on batches of samples; graph families have their own loop (graph/train-graph-run.ts). */
export function familyOf(model: ModelConfig): Family {
  if (isGraphFamily(model.family)) throw new Error(`the ${model.family} family trains on a graph, not on batches of samples`);
  return FAMILIES[model.family] as unknown as Family;
}
