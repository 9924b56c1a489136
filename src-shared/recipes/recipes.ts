import type { RunConfigInput } from '../config/run-config';
import { RECIPE_REFERENCES } from './references';

/**
 * Reproduction recipes: classic results on real Fashion-MNIST (its own 60,000/10,000 split), each a run config and
 * the band its test metric must land in. The bands come from an independent NumPy/PyTorch implementation run with
 * several seeds (bench/recipe_references.py, output in references.ts): running a recipe checks that this machine and
 * backend give the numbers the math gives.
 */
export interface Recipe {
  name: keyof typeof RECIPE_REFERENCES.recipes;
  title: string;
  /** What it shows, and where the model comes from. */
  about: string;
  config(datasetId: string): RunConfigInput;
  /** The test metric compared with the band. */
  metric: string;
}

const fashion = (datasetId: string) => ({ id: datasetId });

export const RECIPES: Recipe[] = [
  {
    name: 'pca-30',
    title: 'PCA, k = 30',
    about: 'The closed-form baseline every autoencoder is compared with: the 30 principal directions of the training images.',
    config: (id) => ({ name: 'Recipe: PCA k = 30', dataset: fashion(id), model: { family: 'pca', latentDim: 30 } }),
    metric: 'test_explained_variance',
  },
  {
    name: 'vae-784-400-20',
    title: 'VAE 784-400-20 (Kingma & Welling)',
    about: 'The VAE of Kingma & Welling (2013): one hidden layer of 400, z = 20, Bernoulli decoder, Adam 1e-3, batch 128, 10 epochs.',
    config: (id) => ({
      name: 'Recipe: VAE 784-400-20',
      dataset: fashion(id),
      model: { family: 'vae', hidden: [400], activation: 'relu', latentDim: 20, likelihood: 'bernoulli' },
      training: { epochs: 10, batchSize: 128, learningRate: 1e-3, optimizer: 'adam', seed: 1 },
    }),
    metric: 'test_loss',
  },
  {
    name: 'linear-ae-30',
    title: 'Linear AE, k = 30',
    about: "The notes' linear autoencoder x̃ = UVx trained by squared error: its explained variance approaches PCA-30's.",
    config: (id) => ({
      name: 'Recipe: linear AE k = 30',
      dataset: fashion(id),
      model: { family: 'linear-ae', latentDim: 30 },
      training: { epochs: 5, batchSize: 128, learningRate: 1e-3, optimizer: 'adam', seed: 1 },
    }),
    metric: 'test_explained_variance',
  },
  {
    name: 'dae-gaussian',
    title: 'Denoising AE, Gaussian noise σ = 0.3',
    about: 'A denoising autoencoder (256-32, squared error) learns to point noisy images back to the data: PSNR of its denoised test images.',
    config: (id) => ({
      name: 'Recipe: DAE σ = 0.3',
      dataset: fashion(id),
      model: { family: 'dae', hidden: [256], activation: 'relu', latentDim: 32, reconstruction: 'mse', noise: { kind: 'gaussian', sigma: 0.3 } },
      training: { epochs: 5, batchSize: 128, learningRate: 1e-3, optimizer: 'adam', seed: 1 },
    }),
    metric: 'test_psnr_denoised',
  },
  {
    name: 'deep-ae-30',
    title: 'Deep AE 784-1000-500-250-30 (Hinton & Salakhutdinov)',
    about:
      "Hinton & Salakhutdinov's deep autoencoder (2006): ReLU layers of 1000, 500 and 250, a 30-d code, a sigmoid output, squared error (Adam instead of their RBM pre-training). Its test error must beat PCA-30's (the pca-30 recipe's test_recon, about 12.24).",
    config: (id) => ({
      name: 'Recipe: deep AE 784-1000-500-250-30',
      dataset: fashion(id),
      model: { family: 'ae', hidden: [1000, 500, 250], activation: 'relu', latentDim: 30, outputActivation: 'sigmoid', reconstruction: 'mse' },
      training: { epochs: 5, batchSize: 128, learningRate: 1e-3, optimizer: 'adam', seed: 1 },
    }),
    metric: 'test_mse',
  },
];

export interface RecipeReference {
  metric: string;
  values: readonly number[];
  margin: number;
  band: readonly [number, number];
  how: string;
}

/** A recipe as the Reproduce screen and `latent-lab reproduce` show it. */
export interface RecipeStatus {
  name: string;
  title: string;
  about: string;
  metric: string;
  band: readonly [number, number];
  reference: { values: readonly number[]; how: string };
  /** The newest run of this recipe, and how it compares. */
  lastRun: { runId: number; status: string; value: number | null; pass: boolean } | null;
}

export const referenceOf = (recipe: Recipe): RecipeReference => RECIPE_REFERENCES.recipes[recipe.name] as RecipeReference;

export const recipeNamed = (name: string): Recipe | undefined => RECIPES.find((r) => r.name === name);

/** How a run's final metrics compare with a recipe's band. */
export function checkRecipe(recipe: Recipe, final: Record<string, number>): { value: number | null; band: readonly [number, number]; pass: boolean } {
  const { band } = referenceOf(recipe);
  const value = final[recipe.metric];
  const measured = typeof value === 'number' && Number.isFinite(value) ? value : null;
  return { value: measured, band, pass: measured !== null && measured >= band[0] && measured <= band[1] };
}
