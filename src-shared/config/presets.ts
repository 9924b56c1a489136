import type { RunConfigInput } from './run-config';

export interface Preset {
  id: string;
  label: string;
  description: string;
  config: RunConfigInput;
}

const sprites = { id: 'builtin:sprites', size: 4096, validationSplit: 0.1 };
const training = { epochs: 10, batchSize: 64, learningRate: 1e-3, optimizer: 'adam' as const, seed: 42 };

/** A small convolutional encoder/decoder for 28×28×1 images, written out in the layer spec. */
const conv28 = {
  encoder: [
    { type: 'conv2d' as const, filters: 16, kernelSize: 3, strides: 2, padding: 'same' as const, activation: 'relu' as const },
    { type: 'conv2d' as const, filters: 32, kernelSize: 3, strides: 2, padding: 'same' as const, activation: 'relu' as const },
    { type: 'flatten' as const },
  ],
  decoder: [
    { type: 'dense' as const, units: 7 * 7 * 32, activation: 'relu' as const },
    { type: 'reshape' as const, targetShape: [7, 7, 32] },
    { type: 'conv2dTranspose' as const, filters: 16, kernelSize: 3, strides: 2, padding: 'same' as const, activation: 'relu' as const },
    { type: 'conv2dTranspose' as const, filters: 1, kernelSize: 3, strides: 2, padding: 'same' as const, activation: 'linear' as const, name: 'deconv2' },
  ],
};

/** Starting points a user picks and then tunes. Each trains in about a minute on a laptop CPU. */
export const PRESETS: Preset[] = [
  {
    id: 'vae',
    label: 'VAE',
    description: 'Gaussian encoder, Bernoulli decoder, MLP 784-256-128-z. Maximizes the ELBO (β = 1).',
    config: { dataset: sprites, model: { family: 'vae', hidden: [256, 128], activation: 'relu', latentDim: 8, likelihood: 'bernoulli' }, objective: { beta: 1 }, training },
  },
  {
    id: 'beta-vae',
    label: 'β-VAE',
    description: 'β = 4 with a KL warm-up over 500 steps (Higgins et al. 2017): pressure toward disentangled, less detailed codes.',
    config: { dataset: sprites, model: { family: 'vae', hidden: [256, 128], activation: 'relu', latentDim: 8 }, objective: { beta: 4, warmupSteps: 500 }, training },
  },
  {
    id: 'conv-vae',
    label: 'Convolutional VAE',
    description: 'Strided conv encoder, transposed-conv decoder (28×28×1), Bernoulli likelihood.',
    config: { dataset: sprites, model: { family: 'vae', latentDim: 8, ...conv28 }, training },
  },
  {
    id: 'ae',
    label: 'Deep autoencoder',
    description: 'Deterministic MLP autoencoder trained by squared error: learns a manifold, not a density.',
    config: { dataset: sprites, model: { family: 'ae', hidden: [256, 128], activation: 'relu', latentDim: 8, reconstruction: 'mse' }, training },
  },
  {
    id: 'conv-ae',
    label: 'Convolutional autoencoder',
    description: 'The convolutional encoder/decoder with a deterministic code.',
    config: { dataset: sprites, model: { family: 'ae', latentDim: 8, reconstruction: 'bernoulli', ...conv28 }, training },
  },
  {
    id: 'dae',
    label: 'Denoising autoencoder',
    description: 'Trained on Gaussian-corrupted input (σ = 0.3) against the clean image (Vincent et al. 2008).',
    config: { dataset: sprites, model: { family: 'dae', hidden: [256, 128], activation: 'relu', latentDim: 16, noise: { kind: 'gaussian', sigma: 0.3 } }, training },
  },
  {
    id: 'dae-2d',
    label: 'Denoising AE on a 2-D toy',
    description: 'MLP 2-64-64-8 on the two moons, Gaussian noise σ = 0.15: the run page draws the learned vector field, arrows from noisy points back to the data.',
    config: {
      dataset: { id: 'builtin:moons', size: 2048, validationSplit: 0.1 },
      model: { family: 'dae', hidden: [64, 64], activation: 'relu', latentDim: 8, reconstruction: 'mse', noise: { kind: 'gaussian', sigma: 0.15 } },
      training: { ...training, epochs: 30, learningRate: 3e-3 },
    },
  },
  {
    id: 'vae-2d',
    label: 'Gaussian VAE on a 2-D toy',
    description: 'MLP 2-64-64-2 with a learned-σ Gaussian decoder on the two moons (real-valued data needs a Gaussian, not a Bernoulli, likelihood).',
    config: {
      dataset: { id: 'builtin:moons', size: 2048, validationSplit: 0.1 },
      model: { family: 'vae', hidden: [64, 64], activation: 'relu', latentDim: 2, likelihood: 'gaussian-learned', sigma: 0.1 },
      training: { ...training, epochs: 30, learningRate: 3e-3 },
    },
  },
  {
    id: 'linear-ae',
    label: 'Linear autoencoder',
    description: 'x̃ = UVx trained by squared error: finds the PCA subspace (compare with the PCA preset; the low-rank Gaussian dataset has a known one).',
    config: { dataset: sprites, model: { family: 'linear-ae', latentDim: 8 }, training },
  },
  {
    id: 'pca',
    label: 'PCA (closed form)',
    description: 'The top-k principal directions of the training split, saved as a baseline run.',
    config: { dataset: sprites, model: { family: 'pca', latentDim: 8 }, training: { seed: 42 } },
  },
  {
    id: 'gae',
    label: 'Graph autoencoder (GAE)',
    description:
      'Kipf & Welling 2016: two GCN layers (32 → z = 16) over the normalised adjacency, inner-product decoder σ(zᵢᵀzⱼ); link prediction on held-out edges (AUC, AP). Full batch, Adam 0.01, 200 epochs.',
    config: { dataset: { id: 'builtin:sbm' }, model: { family: 'gae', latentDim: 16, hidden: [32] }, training: { epochs: 200, learningRate: 0.01, seed: 42 } },
  },
  {
    id: 'vgae',
    label: 'Variational graph autoencoder (VGAE)',
    description:
      'Kipf & Welling 2016: GCN encoder to a Gaussian μ, log σ per node, inner-product decoder, reconstruction + β·KL (KL divided by N, as their code); link prediction on held-out edges (AUC, AP). Full batch, Adam 0.01, 200 epochs.',
    config: { dataset: { id: 'builtin:sbm' }, model: { family: 'vgae', latentDim: 16, hidden: [32] }, training: { epochs: 200, learningRate: 0.01, seed: 42 } },
  },
  {
    id: 'graph-vae',
    label: 'GraphVAE (generation)',
    description:
      'The lecture notes’ GraphVAE: GCN encoder to N(μᵢ, σᵢ²), edges σ(HᵢᵀHⱼ + b) with H = MLP(Z), features from a GCN over (Z, A); trained on small graphs, then graphs sampled from the prior are compared with held-out ones (MMD). Equivariant: its ELBO is the same under any node order.',
    config: { dataset: { id: 'builtin:community-small' }, model: { family: 'graph-vae', latentDim: 16 }, training: { epochs: 60, learningRate: 0.005, seed: 42 } },
  },
  {
    id: 'graph-vae-mlp',
    label: 'GraphVAE, MLP decoder (not permutation-invariant)',
    description:
      'The same GraphVAE with an MLP decoder that reads Z in a fixed node order: its ELBO changes when the nodes are renumbered, which is why the notes bound the likelihood by summing over permutations (reported with |S| samples).',
    config: { dataset: { id: 'builtin:community-small' }, model: { family: 'graph-vae', latentDim: 16, adjacencyDecoder: 'mlp' }, training: { epochs: 60, learningRate: 0.005, seed: 42 } },
  },
];
