import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../../src-shared/config/parse-run-config';
import { generateToy2d } from '../../../../../src-shared/datasets/toy2d';
import { corrupt } from '../../../../../src-main/trainer/noise';
import { createModel } from '../../../../../src-main/trainer/models';
import { checkpointWeightsPath } from '../../../../../src-main/trainer/checkpoint-layout';
import { loadWeights } from '../../../../../src-main/trainer/weights';
import { tempDir } from '../../../../helpers/temp-dir';
import { trainInProcess, useWasm } from '../../../../helpers/train-in-process';

const dir = tempDir();
beforeAll(useWasm);
afterAll(() => dir.remove());

/** Mean distance from each point to the nearest of `reference` (brute force; a few thousand points). */
function meanDistanceToSet(points: Float32Array, reference: Float32Array): number {
  let total = 0;
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < reference.length / 2; j++) {
      const d = (points[2 * i] - reference[2 * j]) ** 2 + (points[2 * i + 1] - reference[2 * j + 1]) ** 2;
      if (d < best) best = d;
    }
    total += Math.sqrt(best);
  }
  return total / n;
}

function nearest(x: number, y: number, reference: Float32Array): [number, number] {
  let best = Infinity;
  let at: [number, number] = [0, 0];
  for (let j = 0; j < reference.length / 2; j++) {
    const d = (x - reference[2 * j]) ** 2 + (y - reference[2 * j + 1]) ** 2;
    if (d < best) [best, at] = [d, [reference[2 * j], reference[2 * j + 1]]];
  }
  return at;
}

describe('denoising autoencoder (the seeds’ vector-field demo)', () => {
  it('points noisy spiral points back toward the spiral: the learned vector field aims at the data', async () => {
    const sigma = 0.5;
    const config = {
      dataset: { id: 'builtin:spiral', size: 4096 },
      model: { family: 'dae' as const, hidden: [128, 128], activation: 'tanh' as const, latentDim: 8, noise: { kind: 'gaussian' as const, sigma } },
      training: { epochs: 80, batchSize: 128, learningRate: 0.001, seed: 2 },
    };
    const run = await trainInProcess(config, dir.path);
    expect(run.status, run.error ?? '').toBe('completed');
    expect(run.final.denoised_mse).toBeLessThan(run.final.noisy_mse);

    // Fresh points on the noise-free spiral, corrupted as in training, then denoised by the trained model.
    const parsed = parseRunConfig(config);
    if (!parsed.ok) throw new Error('config');
    const model = createModel(parsed.config.model, [2], 2);
    loadWeights(checkpointWeightsPath(dir.path)!, model.namedVariables);
    const curve = generateToy2d('spiral', 4000, 78, 0).points;
    const clean = generateToy2d('spiral', 300, 77, 0).points;
    const noisy = tf.tidy(() => corrupt(tf.tensor2d(clean, [300, 2]), { kind: 'gaussian', sigma }, 5).dataSync() as Float32Array);
    const denoised = tf.tidy(() => model.decode(model.encode(tf.tensor2d(noisy, [300, 2])).mu).dataSync() as Float32Array);
    // The displacement x̂ − x̃ should point toward the curve: positive mean cosine with (nearest curve point − x̃).
    let cosine = 0;
    for (let i = 0; i < 300; i++) {
      const target = nearest(noisy[2 * i], noisy[2 * i + 1], curve);
      const [dx, dy] = [denoised[2 * i] - noisy[2 * i], denoised[2 * i + 1] - noisy[2 * i + 1]];
      const [tx, ty] = [target[0] - noisy[2 * i], target[1] - noisy[2 * i + 1]];
      cosine += (dx * tx + dy * ty) / (Math.hypot(dx, dy) * Math.hypot(tx, ty) + 1e-12);
    }
    // With σ = 0.5 the arms (0.67 apart) blur together and the best denoiser mostly pulls points toward the
    // spiral's support: the effect is clear in sign, modest in size after ~2,300 steps.
    expect(cosine / 300).toBeGreaterThan(0.05);
    expect(meanDistanceToSet(denoised, curve)).toBeLessThan(meanDistanceToSet(noisy, curve));
    model.dispose();
  }, 180_000);

  it.each([
    ['masking', { kind: 'masking' as const, p: 0.5 }],
    ['salt-and-pepper', { kind: 'salt-pepper' as const, p: 0.1 }],
  ])('trains on sprites with %s noise and reports PSNR of noisy and denoised images', async (_name, noise) => {
    const run = await trainInProcess(
      { dataset: { id: 'builtin:sprites', size: 1024 }, model: { family: 'dae', hidden: [128], latentDim: 16, noise, reconstruction: 'bernoulli' }, training: { epochs: 8, seed: 1 } },
      dir.path,
    );
    expect(run.status, run.error ?? '').toBe('completed');
    expect(run.final.psnr_denoised).toBeGreaterThan(run.final.psnr_noisy);
  }, 120_000);

  it('corrupts as configured: masking zeroes about p of the values, salt-and-pepper sets them to 0 or 1', () => {
    const x = tf.fill([200, 50], 0.5);
    const masked = corrupt(x, { kind: 'masking', p: 0.3 }, 1).dataSync();
    const zeroed = Array.from(masked).filter((v) => v === 0).length / masked.length;
    expect(zeroed).toBeGreaterThan(0.27);
    expect(zeroed).toBeLessThan(0.33);
    const sp = Array.from(corrupt(x, { kind: 'salt-pepper', p: 0.2 }, 2).dataSync());
    const hits = sp.filter((v) => v !== 0.5);
    expect(hits.every((v) => v === 0 || v === 1)).toBe(true);
    expect(hits.length / sp.length).toBeGreaterThan(0.17);
    expect(hits.length / sp.length).toBeLessThan(0.23);
    x.dispose();
  });
});
