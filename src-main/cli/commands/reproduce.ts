import { resolve } from 'node:path';
import type { RunDetail } from '../../../src-shared/contract/types';
import { checkRecipe, RECIPES, referenceOf } from '../../../src-shared/recipes/recipes';
import type { RecipeStatus } from '../../../src-shared/recipes/recipes';
import { withHost } from '../with-host';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(2) : v.toFixed(4));

/**
 * `latent-lab reproduce [NAME]`: without a name, the recipes and their bands; with one, trains it (importing
 * Fashion-MNIST with its own test split first when needed) and says whether its test metric lands in the band that
 * an independent PyTorch/NumPy implementation gives. Exit code 1 when it does not.
 */
export function reproduceCommand(name: string | undefined, flags: { fashion?: string; dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(flags.dataDir, async (host) => {
    if (!name) {
      const list = (await host.call('recipes.list', {})) as RecipeStatus[];
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(list)}\n`);
        return;
      }
      for (const r of list) {
        const last = r.lastRun ? ` · last: run #${r.lastRun.runId} ${r.lastRun.value === null ? r.lastRun.status : `${fmt(r.lastRun.value)} ${r.lastRun.pass ? 'pass' : 'FAIL'}`}` : '';
        process.stdout.write(`${r.name.padEnd(16)} ${r.title} — ${r.metric} in [${fmt(r.band[0])}, ${fmt(r.band[1])}]${last}\n`);
      }
      return;
    }
    const recipe = RECIPES.find((r) => r.name === name);
    const { runId } = (await host.call('recipes.start', { name, ...(flags.fashion ? { fashionDir: resolve(flags.fashion) } : {}) })) as { runId: number };
    if (!flags.json) process.stderr.write(`training run #${runId} (${recipe?.title ?? name})…\n`);
    await host.runs.waitForFinish(runId);
    const run = (await host.call('runs.get', { runId, maxPoints: 10 })) as RunDetail;
    const check = checkRecipe(recipe!, run.final);
    const reference = referenceOf(recipe!);
    const pass = run.status === 'completed' && check.pass;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ recipe: name, runId, status: run.status, metric: recipe!.metric, value: check.value, band: check.band, reference: reference.values, pass })}\n`);
    } else {
      process.stdout.write(
        run.status !== 'completed'
          ? `run #${runId} ${run.status}${run.error ? `: ${run.error}` : ''}\n`
          : `${recipe!.metric} = ${check.value === null ? 'not recorded' : fmt(check.value)}; reference band [${fmt(check.band[0])}, ${fmt(check.band[1])}] (${reference.values.map(fmt).join(', ')} over ${reference.values.length} seed(s), ${reference.how}): ${pass ? 'pass' : 'FAIL'}\n`,
      );
    }
    if (!pass) process.exitCode = 1;
  });
}
