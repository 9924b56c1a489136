import type { RunConfigInput } from './run-config';

export interface Preset {
  id: string;
  label: string;
  description: string;
  config: RunConfigInput;
}

/** Starting points a user picks and then tunes. Each trains in about a minute on a laptop CPU. */
export const PRESETS: Preset[] = [
  {
    id: 'vae',
    label: 'VAE',
    description: 'Gaussian encoder, Bernoulli decoder, MLP 784-256-128-z. Maximizes the ELBO (β = 1).',
    config: {
      dataset: { id: 'builtin:sprites', size: 4096, validationSplit: 0.1 },
      model: { family: 'vae', hidden: [256, 128], activation: 'relu', latentDim: 8, likelihood: 'bernoulli' },
      objective: { beta: 1 },
      training: { epochs: 10, batchSize: 64, learningRate: 1e-3, optimizer: 'adam', seed: 42 },
    },
  },
];
