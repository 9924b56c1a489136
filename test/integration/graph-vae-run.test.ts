import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { GraphVaeReport, RunDetail } from '../../src-shared/contract/types';
import { tempDir } from '../helpers/temp-dir';

/**
 * The lecture's GraphVAE (issue 15) through the real host and trainer: generation on community-small (held-out ELBO
 * each epoch, generated graphs compared by MMD, the gallery's drawings), the permutation argument (equal ELBOs with
 * the GNN decoder, unequal with the MLP decoder, and the bound between max ELBO and max + log|S|), link prediction on
 * one graph, exact resume, and settings the dataset's mode would not read refused.
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
let dir: ReturnType<typeof tempDir>;
let host: Host | undefined;

function startHost(dataDir: string): Host {
  host = createHost({ dataDir, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  return host;
}

afterEach(async () => {
  await host?.close();
  host = undefined;
  dir?.remove();
});

async function train(h: Host, config: unknown): Promise<{ run: RunDetail; report: GraphVaeReport }> {
  const { runId } = (await h.call('runs.start', { config })) as { runId: number };
  await h.runs.waitForFinish(runId);
  const run = (await h.call('runs.get', { runId })) as RunDetail;
  expect(run.error).toBeNull();
  expect(run.status).toBe('completed');
  return { run, report: (await h.call('runs.graphVae', { runId })) as GraphVaeReport };
}

describe('GraphVAE runs', () => {
  it('learns community-small: held-out ELBO rises, generated graphs beat an untrained model on MMD, the ELBO is permutation-invariant', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const config = (epochs: number) => ({ dataset: { id: 'builtin:community-small' }, model: { family: 'graph-vae', generatedGraphs: 32, permutationSamples: 6 }, training: { epochs, seed: 2 } });
    const { run, report } = await train(h, config(12));
    // 100 graphs, 20 held out: 80 steps an epoch.
    expect(run.steps.step).toHaveLength(12 * 80);
    expect(Object.keys(run.steps.values).sort()).toEqual(['kl', 'loss', 'recon_adj', 'recon_x']);
    const val = run.epochs.values.val_elbo.filter(Number.isFinite);
    expect(val).toHaveLength(12);
    expect(val.at(-1)).toBeGreaterThan(val[0]);
    expect(report.mode).toBe('generation');
    expect(report.heldOut.graphs).toBe(20);
    expect(report.heldOut.elbo).toBeCloseTo(report.heldOut.recon_adj + report.heldOut.recon_x - report.heldOut.kl, 6);
    expect(run.final.mmd_degree).toBe(report.generation!.mmd.degree);
    expect(report.generation!.generated).toBe(32);
    expect(report.generation!.generatedDrawings.length).toBeGreaterThan(0);
    expect(report.generation!.realDrawings).toHaveLength(12);
    // One epoch of training generates worse graphs (by degree MMD) than twelve.
    const { report: early } = await train(h, config(1));
    expect(report.generation!.mmd.degree).toBeLessThan(early.generation!.mmd.degree);
    // The GNN decoder's ELBO is the same under every node order; the bound is ELBO + log|S| then.
    const p = report.permutation;
    expect(p.decoder).toBe('inner-product');
    expect(p.elbos).toHaveLength(6);
    expect(p.relativeSpread).toBeLessThan(1e-4);
    expect(p.bound).toBeCloseTo(p.identityElbo + Math.log(6), 2);
  }, 180_000);

  it('with the MLP decoder the ELBO depends on the node order, and the permutation-sampled bound lies between max ELBO and max + log|S|', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const { report } = await train(h, { dataset: { id: 'builtin:community-small' }, model: { family: 'graph-vae', adjacencyDecoder: 'mlp', generatedGraphs: 8, permutationSamples: 8 }, training: { epochs: 6, seed: 2 } });
    const p = report.permutation;
    expect(p.decoder).toBe('mlp');
    expect(p.relativeSpread).toBeGreaterThan(1e-3);
    const max = Math.max(...p.elbos);
    expect(p.bound).toBeGreaterThanOrEqual(max);
    expect(p.bound).toBeLessThanOrEqual(max + Math.log(8) + 1e-9);
  }, 180_000);

  it('predicts held-out edges of one graph, resumes exactly after a stop, and refuses settings its mode would not read', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const config = { dataset: { id: 'builtin:sbm' }, model: { family: 'graph-vae', permutationSamples: 2 }, training: { epochs: 200, learningRate: 0.01, seed: 4 } };
    const { run, report } = await train(h, config);
    expect(report.mode).toBe('link-prediction');
    expect(run.epochs.values.val_auc.filter(Number.isFinite)).toHaveLength(200);
    expect(run.final.test_auc).toBe(report.linkPrediction!.test.auc);
    // Measured 0.748 (seed 4, 200 epochs); the feature-free pair likelihood weighs edges as rare as they are (no pos_weight).
    expect(report.linkPrediction!.test.auc).toBeGreaterThan(0.65);

    // Resume on a shorter run of the same kind: stopped part-way and continued, it ends where the straight run ends.
    const short = { ...config, training: { ...config.training, epochs: 40 } };
    const { run: straight } = await train(h, short);
    const { runId } = (await h.call('runs.start', { config: short })) as { runId: number };
    await new Promise<void>((resolve) => h.events.on('run.progress', (p) => p.runId === runId && p.step >= 15 && resolve()));
    await h.call('runs.stop', { runId });
    await h.runs.waitForFinish(runId);
    expect(((await h.call('runs.get', { runId })) as RunDetail).status).toBe('stopped');
    await h.call('runs.continue', { runId });
    await h.runs.waitForFinish(runId);
    const resumed = (await h.call('runs.get', { runId })) as RunDetail;
    expect(resumed.steps.values.loss).toEqual(straight.steps.values.loss);
    expect(resumed.final.test_auc).toBe(straight.final.test_auc);

    const refused = async (c: unknown, path: string) => {
      const error = (await h.call('runs.start', { config: c }).then(() => null, (e: unknown) => e)) as { issues?: { path: string }[] } | null;
      expect(error?.issues?.map((i) => i.path), JSON.stringify(c)).toContain(path);
    };
    await refused({ dataset: { id: 'builtin:sbm' }, model: { family: 'graph-vae', generatedGraphs: 10 } }, 'model.generatedGraphs');
    await refused({ dataset: { id: 'builtin:grids' }, model: { family: 'graph-vae', edgeSplit: { validation: 0.1, test: 0.1 } } }, 'model.edgeSplit');
    await refused({ dataset: { id: 'builtin:grids' }, model: { family: 'graph-vae' }, objective: { beta: 2 } }, 'objective.beta');
    await refused({ dataset: { id: 'builtin:grids' }, model: { family: 'vgae' } }, 'dataset.id');
  }, 240_000);
});
