import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import { loadSplits, loadTestSplit } from '../../src-main/trainer/load-dataset';
import type { RunDetail } from '../../src-shared/contract/types';
import type { DatasetDetail } from '../../src-shared/datasets/types';
import { IMAGES_FILE, LABELS_FILE } from '../../src-shared/datasets/storage-format';
import { makeImage, write } from '../helpers/image-fixtures';
import { tempDir } from '../helpers/temp-dir';

/**
 * Held-out test sets (issue 13): Fashion-MNIST's own 60,000/10,000 partition from Debian's dataset-fashion-mnist,
 * torchvision-style train/ and test/ folders, a seeded test fraction; scored once at the end of training, and on
 * demand for a run that stopped.
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const FASHION = '/usr/share/datasets/fashion-mnist';
const dir = tempDir('latent-lab-test-split-');
let host: Host;
let count = 0;
const importPath = (path: string, options: Record<string, unknown> = {}) =>
  host.call('datasets.import', { importId: `t${++count}`, options: { path, ...options } }) as Promise<DatasetDetail>;
const idxBody = (file: string, header: number) => gunzipSync(readFileSync(join(FASHION, file))).subarray(header);
const sourceOf = (d: DatasetDetail) => ({ kind: 'stored' as const, id: d.id, dir: join(dir.path, 'data', 'datasets', d.id), count: d.count, trainCount: d.trainCount, testCount: d.testCount, sampleShape: d.sampleShape });

async function trained(config: object): Promise<RunDetail> {
  const { runId } = (await host.call('runs.start', { config })) as { runId: number };
  await host.runs.waitForFinish(runId);
  return (await host.call('runs.get', { runId })) as RunDetail;
}

beforeAll(() => {
  host = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
});
afterAll(async () => {
  await host?.close();
  dir.remove();
});

describe('Fashion-MNIST with its own test set', () => {
  let fashion: DatasetDetail;

  it('imports the folder holding train-… and t10k-… as 60,000 to train and validate on and 10,000 to test on', async () => {
    fashion = await importPath(FASHION, { name: 'Fashion-MNIST' });
    expect(fashion).toMatchObject({ source: 'idx', count: 70_000, trainCount: 54_000, validationCount: 6000, testCount: 10_000 });
    // The test split is the t10k file, byte for byte and in order, with its labels; stored after everything else.
    const stored = readFileSync(join(sourceOf(fashion).dir, IMAGES_FILE));
    expect(Buffer.compare(stored.subarray(60_000 * 784), idxBody('t10k-images-idx3-ubyte.gz', 16))).toBe(0);
    const labels = new Int32Array(new Uint8Array(readFileSync(join(sourceOf(fashion).dir, LABELS_FILE))).buffer);
    expect(Array.from(labels.subarray(60_000))).toEqual(Array.from(idxBody('t10k-labels-idx1-ubyte.gz', 8)));
    // What training and validation read never includes it.
    const splits = loadSplits(sourceOf(fashion));
    expect([splits.trainCount, splits.validationCount]).toEqual([54_000, 6000]);
    expect(splits.validation.length).toBe(6000 * 784);
    expect(loadTestSplit(sourceOf(fashion))?.count).toBe(10_000);
  }, 60_000);

  it('refuses a test fraction for a source that has its own test set', async () => {
    await expect(importPath(FASHION, { testSplit: 0.2 })).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'testSplit', message: expect.stringMatching(/own test split \(10000 images, the t10k file\)/) }] });
  });

  it('scores a finished run on the test set once, under test_ names beside the validation metrics', async () => {
    const run = await trained({ name: 'PCA k=30', dataset: { id: fashion.id }, model: { family: 'pca', latentDim: 30 } });
    expect(run.status, run.error ?? '').toBe('completed');
    for (const name of ['test_loss', 'test_recon', 'test_psnr', 'test_explained_variance']) expect(run.final[name], name).toBeTypeOf('number');
    expect(run.final.test_explained_variance).toBeGreaterThan(0.75);
    expect(run.final.test_explained_variance).toBeLessThan(0.9);
    expect(run.final.test_explained_variance).not.toBe(run.final.explained_variance);
    // One point, with the final held-out one: not a curve.
    expect(run.epochs.values.test_loss.filter((v) => Number.isFinite(v))).toHaveLength(1);
  }, 120_000);

  it('scores a stopped run on demand, with its saved weights', async () => {
    const { runId } = (await host.call('runs.start', { config: { name: 'VAE stopped', dataset: { id: fashion.id }, model: { family: 'vae', hidden: [64], latentDim: 4 }, training: { epochs: 1, batchSize: 100 } } })) as { runId: number };
    await new Promise<void>((resolve) => {
      const off = host.events.on('run.progress', (p) => {
        if (p.runId === runId && p.step >= 20) {
          off();
          void host.call('runs.stop', { runId }).then(() => resolve());
        }
      });
    });
    await host.runs.waitForFinish(runId);
    const stopped = (await host.call('runs.get', { runId })) as RunDetail;
    expect(stopped.status).toBe('stopped');
    expect(stopped.final.test_loss).toBeUndefined();
    const scored = (await host.call('runs.evaluateTest', { runId })) as Record<string, number>;
    expect(Object.keys(scored)).toEqual(expect.arrayContaining(['test_loss', 'test_elbo', 'test_iwae', 'test_iwae_elbo', 'test_psnr']));
    expect(Object.keys(scored).some((k) => k.startsWith('test_kl_dim'))).toBe(false);
    expect(((await host.call('runs.get', { runId })) as RunDetail).final.test_loss).toBe(scored.test_loss);
  }, 120_000);
});

describe('image folders and test fractions', () => {
  it('keeps test/ of a train/ + test/ folder as the test split, and reports a val/ beside it as not imported', async () => {
    const root = join(dir.path, 'folders');
    const png = await makeImage(8, 8, 1, 'png');
    for (const cls of ['cats', 'dogs']) {
      for (let i = 0; i < 6; i++) write(root, `train/${cls}/${i}.png`, png);
      for (let i = 0; i < 10; i++) write(root, `test/${cls}/${i}.png`, png);
      write(root, `val/${cls}/0.png`, png);
    }
    const d = await importPath(root, { size: 8 });
    expect(d).toMatchObject({ count: 32, testCount: 20, classes: ['cats', 'dogs'] });
    expect(d.trainCount + d.validationCount).toBe(12);
    expect(d.skipped).toEqual([{ file: 'val/', reason: expect.stringMatching(/test\/ is the test split/) }]);
    // The folder is scanned class by class; the stored test split is shuffled, so its first images are not one class.
    const labels = new Int32Array(new Uint8Array(readFileSync(join(sourceOf(d).dir, LABELS_FILE))).buffer);
    const test = Array.from(labels.subarray(12));
    expect(test.filter((l) => l === 0)).toHaveLength(10);
    expect(new Set(test.slice(0, 6)).size).toBe(2);
  });

  it('refuses a train/ + test/ folder whose train/ has fewer than 2 usable images', async () => {
    const root = join(dir.path, 'lopsided');
    const png = await makeImage(8, 8, 1, 'png');
    write(root, 'train/a/0.png', png);
    for (let i = 0; i < 4; i++) write(root, `test/a/${i}.png`, png);
    await expect(importPath(root, { size: 8 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/train\/ has 1 usable image\(s\) beside a test split of 4/) });
  });

  it('draws a seeded test fraction from a plain folder, and refuses an IDX test file for a folder', async () => {
    const root = join(dir.path, 'plain');
    const png = await makeImage(8, 8, 1, 'png');
    for (let i = 0; i < 40; i++) write(root, `a/${i}.png`, png);
    const d = await importPath(root, { size: 8, testSplit: 0.25 });
    expect(d).toMatchObject({ count: 40, testCount: 10, trainCount: 27, validationCount: 3 });
    await expect(importPath(root, { size: 8, testPath: join(FASHION, 't10k-images-idx3-ubyte.gz') })).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'testPath' }] });
  });
});
