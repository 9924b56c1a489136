import type { RunConfig } from '../../../src-shared/config/run-config';
import { createVaeMlp, type VaeMlp } from './vae-mlp';

/** The model registry: one factory per family. A new family is one file and one line here. */
const MODEL_FAMILIES = {
  vae: createVaeMlp,
} satisfies Record<RunConfig['model']['family'], unknown>;

export function createModel(model: RunConfig['model'], inputDim: number, seed: number): VaeMlp {
  return MODEL_FAMILIES[model.family](model, inputDim, seed);
}

export type { VaeMlp };
