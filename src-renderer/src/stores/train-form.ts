import { defineStore } from 'pinia';

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
  }),
});
