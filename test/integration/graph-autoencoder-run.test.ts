import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import type { LinkPredictionReport, RunDetail } from '../../src-shared/contract/types';
import { tempDir } from '../helpers/temp-dir';

/**
 * GAE and VGAE (issue 15) through the real host and trainer process: a config naming only the dataset and the family
 * trains Kipf's setup, records val_auc/val_ap each epoch and test_auc/test_ap at the end, leaves ROC/PR curves and
 * embeddings, resumes exactly after a stop, and refuses settings the graph families would not read.
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

/** The trapezoid area under ROC points: what the AUC of the same curve must equal. */
function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let k = 1; k < x.length; k++) area += ((x[k] - x[k - 1]) * (y[k] + y[k - 1])) / 2;
  return area;
}

describe('graph autoencoder runs', () => {
  it("fills in Kipf's setup for a config that names only the dataset and the family", () => {
    const parsed = parseRunConfig({ dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.model).toEqual({ family: 'vgae', latentDim: 16, hidden: [32], edgeSplit: { validation: 0.05, test: 0.1 } });
    expect(parsed.config.training).toMatchObject({ epochs: 200, learningRate: 0.01, optimizer: 'adam' });
    // A value the user writes wins over the family's default.
    const mine = parseRunConfig({ dataset: { id: 'builtin:sbm' }, model: { family: 'gae' }, training: { epochs: 7 } });
    expect(mine.ok && mine.config.training).toMatchObject({ epochs: 7, learningRate: 0.01 });
  }, 180_000);

  it('trains a VGAE on the SBM graph: AUC/AP per epoch, test scores above the feature baseline, curves and embeddings', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const { runId } = (await h.call('runs.start', { config: { dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' }, training: { epochs: 60 } } })) as { runId: number };
    await h.runs.waitForFinish(runId);
    const run = (await h.call('runs.get', { runId })) as RunDetail;
    expect(run.error).toBeNull();
    expect(run.status).toBe('completed');
    expect(run.steps.step).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(Object.keys(run.steps.values).sort()).toEqual(['kl', 'loss', 'recon']);
    expect(run.epochs.values.val_auc.filter(Number.isFinite)).toHaveLength(60);
    expect(run.epochs.values.val_ap.filter(Number.isFinite)).toHaveLength(60);
    // GCN 200 → 32 → 16 twice: 200·32 + 2·32·16.
    expect(run.params).toBe(200 * 32 + 2 * 32 * 16);
    const report = (await h.call('runs.linkPrediction', { runId })) as LinkPredictionReport;
    expect(report).not.toBeNull();
    expect(run.final.test_auc).toBe(report.test.auc);
    expect(run.final.test_ap).toBe(report.test.ap);
    expect(report.test.auc).toBeGreaterThan(0.75);
    expect(report.baseline).not.toBeNull();
    expect(report.test.auc).toBeGreaterThan(report.baseline!.auc);
    // Held-out pairs: 10 % and 5 % of the 2,827 edges, each with as many non-edges.
    expect(report.test).toMatchObject({ positives: 282, negatives: 282 });
    expect(report.validation).toMatchObject({ positives: 141, negatives: 141 });
    // The curve is the AUC's: its area is the score, from (0, 0) to (1, 1).
    const roc = report.test.roc;
    expect([roc.falsePositiveRate[0], roc.truePositiveRate[0]]).toEqual([0, 0]);
    expect([roc.falsePositiveRate.at(-1), roc.truePositiveRate.at(-1)]).toEqual([1, 1]);
    expect(trapezoid(roc.falsePositiveRate, roc.truePositiveRate)).toBeCloseTo(report.test.auc, 12);
    expect(report.test.pr.recall.at(-1)).toBe(1);
    expect(report.embedding).toMatchObject({ count: 1000, latentDim: 16, classes: ['community 1', 'community 2', 'community 3', 'community 4'] });
    expect(report.embedding.plane).toHaveLength(2000);
    expect(report.embedding.labels).toHaveLength(1000);
  }, 180_000);

  it('resumes a stopped GAE run exactly: the same scores as a run that was never stopped', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const config = { dataset: { id: 'builtin:sbm' }, model: { family: 'gae' }, training: { epochs: 80, seed: 5 } };
    const whole = (await h.call('runs.start', { config })) as { runId: number };
    await h.runs.waitForFinish(whole.runId);
    const reference = (await h.call('runs.get', { runId: whole.runId })) as RunDetail;

    const { runId } = (await h.call('runs.start', { config })) as { runId: number };
    await new Promise<void>((resolve) => h.events.on('run.progress', (p) => p.runId === runId && p.step >= 30 && resolve()));
    await h.call('runs.stop', { runId });
    await h.runs.waitForFinish(runId);
    const stopped = (await h.call('runs.get', { runId })) as RunDetail;
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps.step.length).toBeLessThan(80);
    await h.call('runs.continue', { runId });
    await h.runs.waitForFinish(runId);
    const resumed = (await h.call('runs.get', { runId })) as RunDetail;
    expect(resumed.status).toBe('completed');
    expect(resumed.steps.step).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(resumed.steps.values.loss).toEqual(reference.steps.values.loss);
    expect(resumed.epochs.values.val_auc).toEqual(reference.epochs.values.val_auc);
    expect(resumed.final.test_auc).toBe(reference.final.test_auc);
    expect(resumed.final.test_ap).toBe(reference.final.test_ap);
  }, 180_000);

  it('refuses graph settings that would change nothing, and graph/non-graph mismatches, naming the field', async () => {
    dir = tempDir();
    const h = startHost(dir.path);
    const refused = async (config: unknown, path: string, message: RegExp) => {
      const error = await h.call('runs.start', { config }).then(
        () => null,
        (e: unknown) => e as { message: string; issues?: { path: string; message: string }[] },
      );
      expect(error, JSON.stringify(config)).not.toBeNull();
      expect(error!.issues?.map((i) => i.path)).toContain(path);
      expect(error!.message).toMatch(message);
    };
    await refused({ dataset: { id: 'builtin:sbm' }, model: { family: 'gae' }, training: { batchSize: 32 } }, 'training.batchSize', /whole graph at once/);
    await refused({ dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' }, training: { earlyStoppingPatience: 5 } }, 'training.earlyStoppingPatience', /val_auc/);
    await refused({ dataset: { id: 'builtin:sbm' }, model: { family: 'gae' }, objective: { beta: 2 } }, 'objective.beta', /no KL term/);
    await refused({ dataset: { id: 'builtin:sbm' }, model: { family: 'vgae' }, objective: { freeBits: 0.5 } }, 'objective.freeBits', /β only/);
    await refused({ dataset: { id: 'builtin:sprites' }, model: { family: 'vgae' } }, 'model.family', /trains on a graph dataset/);
    await refused({ dataset: { id: 'builtin:sbm' }, model: { family: 'vae', latentDim: 4, likelihood: 'gaussian' } }, 'model.family', /graph dataset/);
    await refused({ dataset: { id: 'builtin:community-small' }, model: { family: 'vgae' } }, 'dataset.id', /holds 100 graphs/);
    await refused({ dataset: { id: 'builtin:sbm', size: 500 }, model: { family: 'vgae' } }, 'dataset.size', /graph dataset/);
    await refused({ dataset: { id: 'builtin:sbm', validationSplit: 0.2 }, model: { family: 'vgae' } }, 'dataset.validationSplit', /edgeSplit/);
    expect((await h.call('runs.list', {})) as unknown[]).toHaveLength(0);
  }, 180_000);
});
