import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { RunDetail } from '../../src-shared/contract/types';
import { checkRecipe, RECIPES, recipeNamed } from '../../src-shared/recipes/recipes';
import { tempDir } from '../helpers/temp-dir';

/**
 * Every reproduction recipe in full, against the band of bench/recipe_references.py: `npm run test:recipes` (about
 * 15 minutes on a 2-core machine; the default suite runs PCA-30 in full and a one-epoch version of the others).
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const dir = tempDir('latent-lab-recipes-full-');
let host: Host;

beforeAll(() => {
  host = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
});
afterAll(async () => {
  await host?.close();
  dir.remove();
});

const finished = async (runId: number) => {
  await host.runs.waitForFinish(runId);
  return (await host.call('runs.get', { runId, maxPoints: 10 })) as RunDetail;
};

describe('reproduction recipes in full', () => {
  it.each(RECIPES.map((r) => [r.name]))('%s in full lands in its band', async (name) => {
    const { runId } = (await host.call('recipes.start', { name })) as { runId: number };
    const run = await finished(runId);
    expect(run.status, run.error ?? '').toBe('completed');
    const check = checkRecipe(recipeNamed(name)!, run.final);
    expect(check.pass, `${recipeNamed(name)!.metric} ${check.value} outside [${check.band.join(', ')}]`).toBe(true);
  }, 900_000);
});
