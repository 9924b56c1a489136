/** A run config small enough to train in a second or two: for tests that need a real run, not a good model. */
export function tinyConfig(overrides: { epochs?: number; size?: number; latentDim?: number; beta?: number } = {}) {
  return {
    name: 'tiny test run',
    dataset: { id: 'builtin:sprites', size: overrides.size ?? 256, validationSplit: 0.125 },
    model: { family: 'vae', hidden: [32], activation: 'relu', latentDim: overrides.latentDim ?? 2, likelihood: 'bernoulli' },
    objective: { beta: overrides.beta ?? 1 },
    training: { epochs: overrides.epochs ?? 2, batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: 7 },
  };
}
