import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { checkRecipe, RECIPES, recipeNamed, referenceOf } from '../../../../src-shared/recipes/recipes';

describe('reproduction recipes', () => {
  it.each(RECIPES.map((r) => [r.name]))('%s: a valid run config, and a band around every reference value', (name) => {
    const recipe = recipeNamed(name)!;
    const parsed = parseRunConfig(recipe.config('ds-fashion'));
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues)).toBe(true);
    const ref = referenceOf(recipe);
    expect(ref.metric).toBe(recipe.metric);
    expect(ref.band[0]).toBeLessThan(ref.band[1]);
    for (const v of ref.values) {
      expect(v).toBeGreaterThan(ref.band[0]);
      expect(v).toBeLessThan(ref.band[1]);
    }
  });

  it('passes a value inside the band, fails one outside or missing', () => {
    const pca = recipeNamed('pca-30')!;
    const [lo, hi] = referenceOf(pca).band;
    expect(checkRecipe(pca, { test_explained_variance: (lo + hi) / 2 }).pass).toBe(true);
    expect(checkRecipe(pca, { test_explained_variance: hi + 0.01 }).pass).toBe(false);
    expect(checkRecipe(pca, { explained_variance: (lo + hi) / 2 })).toMatchObject({ value: null, pass: false });
  });

  it('encodes Hinton & Salakhutdinov’s claim: the deep AE’s whole band is below PCA-30’s test error', () => {
    const pcaRecon = (referenceOf(recipeNamed('pca-30')!) as unknown as { extra: { test_recon: number } }).extra.test_recon;
    expect(referenceOf(recipeNamed('deep-ae-30')!).band[1]).toBeLessThan(pcaRecon);
  });
});
