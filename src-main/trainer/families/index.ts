import type { ModelConfig } from '../../../src-shared/config/run-config';
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
const FAMILIES: { [F in ModelConfig['family']]: Family<Extract<ModelConfig, { family: F }>> } = {
  vae: vaeFamily,
  ae: aeFamily,
  dae: daeFamily,
  'linear-ae': linearAeFamily,
  pca: pcaFamily,
};

export function familyOf(model: ModelConfig): Family {
  return FAMILIES[model.family] as unknown as Family;
}
