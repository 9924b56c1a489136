import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { RunConfigInput } from '../../src-shared/config/run-config';
import { PRESETS } from '../../src-shared/config/presets';
import type { RunDetail } from '../../src-shared/contract/types';
import type { DatasetDetail } from '../../src-shared/datasets/types';
import { tempDir } from '../helpers/temp-dir';

/**
 * One small training run per family on real data (Fashion-MNIST test images, Debian's dataset-fashion-mnist),
 * through the real trainer process. Thresholds come from the data itself: every model must beat the best
 * input-independent predictor (each pixel's mean) by a clear margin.
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const IMAGES = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const dir = tempDir('latent-lab-zoo-');
let host: Host;
let datasetId: string;

/** Σ over pixels of the variance: the squared error per image of predicting the per-pixel mean. */
function perPixelMeanSquaredError(): number {
  const bytes = gunzipSync(readFileSync(IMAGES)).subarray(16);
  const d = 784;
  const n = bytes.length / d;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < bytes.length; i++) {
    mean[i % d] += bytes[i] / 255 / n;
    sq[i % d] += (bytes[i] / 255) ** 2 / n;
  }
  return mean.reduce((s, m, j) => s + sq[j] - m * m, 0);
}

async function train(config: RunConfigInput): Promise<RunDetail> {
  const { runId } = (await host.call('runs.start', { config })) as { runId: number };
  await host.runs.waitForFinish(runId);
  return (await host.call('runs.get', { runId })) as RunDetail;
}

const baselineMse = perPixelMeanSquaredError();
const fast = { epochs: 2, batchSize: 100, learningRate: 0.002, seed: 1 };

beforeAll(async () => {
  host = createHost({ dataDir: dir.path, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
  const dataset = (await host.call('datasets.import', { importId: 'fm', options: { path: IMAGES } })) as DatasetDetail;
  datasetId = dataset.id;
}, 60_000);

afterAll(async () => {
  await host.close();
  dir.remove();
});

describe('every family trains on Fashion-MNIST', () => {
  it('PCA (k = 16) explains most of the variance, in closed form', async () => {
    const run = await train({ dataset: { id: datasetId }, model: { family: 'pca', latentDim: 16 } });
    expect(run.status, run.error ?? '').toBe('completed');
    expect(run.final.explained_variance).toBeGreaterThan(0.7);
    expect(run.final.val_mse).toBeLessThan(0.35 * baselineMse);
  });

  it('a linear AE (k = 16) gets below half the per-pixel-mean error', async () => {
    const run = await train({ dataset: { id: datasetId }, model: { family: 'linear-ae', latentDim: 16 }, training: fast });
    expect(run.status, run.error ?? '').toBe('completed');
    expect(run.final.val_mse).toBeLessThan(0.5 * baselineMse);
  });

  it.each(['ae', 'conv-ae', 'dae', 'vae', 'beta-vae', 'conv-vae'])('the %s preset beats the per-pixel mean clearly', async (presetId) => {
    const preset = PRESETS.find((p) => p.id === presetId)!;
    const run = await train({ ...preset.config, dataset: { id: datasetId }, training: { ...preset.config.training, ...fast } });
    expect(run.status, run.error ?? '').toBe('completed');
    if (run.final.val_mse !== undefined) {
      expect(run.final.val_mse).toBeLessThan(0.6 * baselineMse);
    } else {
      // VAEs: the decoder mean at z = μ(x); PSNR of the per-pixel mean predictor is 10·log10(784 / baseline).
      expect(run.final.psnr).toBeGreaterThan(10 * Math.log10(784 / baselineMse) + 1.5);
    }
  }, 180_000);
});
