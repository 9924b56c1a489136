import { describe, expect, it } from 'vitest';
import { checkRecipe, RECIPES, recipeNamed } from '../../src-shared/recipes/recipes';
import { recipeHost } from '../helpers/recipe-host';

/**
 * Every reproduction recipe in full, against the band of bench/recipe_references.py: `npm run test:recipes` (about
 * 5 minutes on a 2-core machine; the default suite runs PCA-30 in full and a one-epoch version of the others).
 */
const { host: hostOf, finished } = recipeHost('latent-lab-recipes-full-');

describe('reproduction recipes in full', () => {
  it.each(RECIPES.map((r) => [r.name]))('%s in full lands in its band', async (name) => {
    const { runId } = (await hostOf().call('recipes.start', { name })) as { runId: number };
    const run = await finished(runId);
    expect(run.status, run.error ?? '').toBe('completed');
    const check = checkRecipe(recipeNamed(name)!, run.final);
    expect(check.pass, `${recipeNamed(name)!.metric} ${check.value} outside [${check.band.join(', ')}]`).toBe(true);
  }, 900_000);
});
