import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../src-shared/contract/api-error';
import type { DatasetInfo } from '../../src-shared/datasets/types';
import { checkRecipe, RECIPES, recipeNamed, referenceOf, type Recipe, type RecipeStatus } from '../../src-shared/recipes/recipes';
import type { DatasetImporter } from './dataset-import';
import type { DatasetsService } from './datasets-service';
import type { RunsService } from './runs-service';

/** Where Debian's dataset-fashion-mnist puts Fashion-MNIST: the train-… and t10k-… IDX files the recipes use. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
const FASHION_COUNTS = { count: 70_000, testCount: 10_000 };

/**
 * Reproduction recipes (src-shared/recipes): each a run on real Fashion-MNIST whose test metric must land in the
 * band an independent PyTorch/NumPy implementation gives. Runs carry the tag `recipe:NAME`.
 */
export class RecipesService {
  constructor(
    private readonly runs: RunsService,
    private readonly datasets: DatasetsService,
    private readonly importer: DatasetImporter,
  ) {}

  list(): RecipeStatus[] {
    const all = this.runs.list({});
    return RECIPES.map((recipe) => {
      const ref = referenceOf(recipe);
      const last = all.find((r) => r.tags.includes(tagOf(recipe)));
      const check = last ? checkRecipe(recipe, last.final) : null;
      return {
        name: recipe.name,
        title: recipe.title,
        about: recipe.about,
        metric: recipe.metric,
        band: ref.band,
        reference: { values: ref.values, how: ref.how },
        lastRun: last && check ? { runId: last.id, status: last.status, value: check.value, pass: last.status === 'completed' && check.pass } : null,
      };
    });
  }

  /** Queues a recipe's run, importing Fashion-MNIST with its own test split first if this data dir has not got it. */
  async start(name: string, fashionDir = FASHION_MNIST_DIR): Promise<{ runId: number; datasetId: string }> {
    const recipe = this.require(name);
    const dataset = this.fashion() ?? (await this.importFashion(fashionDir));
    const { runId } = this.runs.start(recipe.config(dataset.id));
    this.runs.update(runId, { tags: [tagOf(recipe)] });
    return { runId, datasetId: dataset.id };
  }

  require(name: string): Recipe {
    const recipe = recipeNamed(name);
    if (!recipe) throw new ApiError('not_found', `no recipe '${name}' (recipes: ${RECIPES.map((r) => r.name).join(', ')})`);
    return recipe;
  }

  private fashion(): DatasetInfo | undefined {
    return this.datasets.list().find((d) => !d.builtin && d.source === 'idx' && d.count === FASHION_COUNTS.count && d.testCount === FASHION_COUNTS.testCount && d.name === 'Fashion-MNIST');
  }

  private async importFashion(dir: string): Promise<DatasetInfo> {
    if (!existsSync(dir)) {
      throw new ApiError('not_found', `the recipes train on Fashion-MNIST, not found at ${dir}: install it (Debian: apt-get install dataset-fashion-mnist) or give the folder holding its train-… and t10k-… files`);
    }
    return this.importer.import(`recipe-${randomBytes(4).toString('hex')}`, {
      path: dir,
      name: 'Fashion-MNIST',
      size: 28,
      color: 'grayscale',
      fit: 'pad',
      validationSplit: 0.1,
      testSplit: 0,
      seed: 0,
      maxPixels: 40_000_000,
    });
  }
}

export const tagOf = (recipe: Recipe) => `recipe:${recipe.name}`;
