import { describe, expect, it } from 'vitest';
import { checkRecipe, RECIPES, recipeNamed, type RecipeStatus } from '../../src-shared/recipes/recipes';
import { recipeHost } from '../helpers/recipe-host';

/**
 * Reproduction recipes on real Fashion-MNIST (Debian's dataset-fashion-mnist). PCA-30 runs in full in the default
 * suite (about 15 s); the trained recipes run a one-epoch version here, which checks the whole path (import, run,
 * test metric) but not the band. `npm run test:recipes` (test/slow/recipes-full.slow.ts) runs every recipe in full
 * against its band, as `latent-lab reproduce NAME` does (about 5 minutes on a 2-core machine).
 */
const { host: hostOf, finished } = recipeHost('latent-lab-recipes-');

describe('reproduction recipes', () => {
  it('PCA-30 lands in the band NumPy gives, importing Fashion-MNIST with its own test split first', async () => {
    const { runId, datasetId } = (await hostOf().call('recipes.start', { name: 'pca-30' })) as { runId: number; datasetId: string };
    const run = await finished(runId);
    expect(run.status, run.error ?? '').toBe('completed');
    const check = checkRecipe(recipeNamed('pca-30')!, run.final);
    expect(check.pass, `test_explained_variance ${check.value} outside [${check.band.join(', ')}]`).toBe(true);
    const [status] = ((await hostOf().call('recipes.list', {})) as RecipeStatus[]).filter((r) => r.name === 'pca-30');
    expect(status.lastRun).toMatchObject({ runId, status: 'completed', pass: true });
    // A second recipe reuses the imported dataset.
    const again = (await hostOf().call('recipes.start', { name: 'pca-30' })) as { datasetId: string; runId: number };
    expect(again.datasetId).toBe(datasetId);
    await finished(again.runId);
  }, 180_000);

  it.each(RECIPES.filter((r) => r.name !== 'pca-30').map((r) => [r.name]))('%s, one epoch: trains and reports its test metric', async (name) => {
    const recipe = recipeNamed(name)!;
    const fashion = ((await hostOf().call('datasets.list', {})) as { id: string; name: string }[]).find((d) => d.name === 'Fashion-MNIST')!;
    const config = recipe.config(fashion.id) as { training: Record<string, unknown> };
    const { runId } = (await hostOf().call('runs.start', { config: { ...config, training: { ...config.training, epochs: 1 } } })) as { runId: number };
    const run = await finished(runId);
    expect(run.status, run.error ?? '').toBe('completed');
    expect(Number.isFinite(run.final[recipe.metric]), recipe.metric).toBe(true);
  }, 180_000);

});
