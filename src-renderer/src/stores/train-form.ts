import { defineStore } from 'pinia';
import { PRESETS } from '../../../src-shared/config/presets';
import type { RunConfig, RunSummary } from '../../../src-shared/contract/types';

/**
 * The train form's fields, kept while the user visits other screens. Text inputs are parsed only when the
 * config is built (TrainView), so a half-typed number stays as typed.
 */
export const useTrainForm = defineStore('train-form', {
  state: () => ({
    presetId: 'vae',
    datasetId: 'builtin:sprites',
    datasetSize: 4096,
    hidden: '256, 128',
    latentDim: 8 as number | string,
    beta: 1 as number | string,
    epochs: 10 as number | string,
    batchSize: 64 as number | string,
    learningRate: 0.001 as number | string,
    seed: 42 as number | string,
    /**
     * "Re-run with changes": the run whose config the form starts from instead of the preset's. Fields the form
     * does not show (optimizer, likelihood, noise, layer specs, …) are kept from it.
     */
    rerunOf: null as { runId: number; name: string; config: RunConfig } | null,
  }),
  actions: {
    /** Fills the form with a run's config, for "Re-run with changes". */
    prefillFrom(run: RunSummary) {
      const c = run.config;
      this.rerunOf = { runId: run.id, name: run.name, config: c };
      // The preset menu shows the nearest preset (same family, same kind of layers), for orientation.
      const explicit = 'encoder' in c.model && !!c.model.encoder;
      const nearest = PRESETS.find((p) => p.config.model.family === c.model.family && ('encoder' in p.config.model && !!p.config.model.encoder) === explicit);
      if (nearest) this.presetId = nearest.id;
      this.datasetId = c.dataset.id;
      if (c.dataset.size !== undefined) this.datasetSize = c.dataset.size;
      if ('hidden' in c.model) this.hidden = (c.model.hidden ?? [256, 128]).join(', ');
      this.latentDim = c.model.latentDim;
      this.beta = c.objective.beta;
      this.epochs = c.training.epochs;
      this.batchSize = c.training.batchSize;
      this.learningRate = c.training.learningRate;
      this.seed = c.training.seed;
    },
  },
});
