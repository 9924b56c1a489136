import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaeFamily } from '../../../../../src-main/trainer/families/vae';
import { createAutoencoder } from '../../../../../src-main/trainer/models/autoencoder';
import { importanceWeightedBound } from '../../../../../src-main/trainer/objectives/iwae';
import { trainStep } from '../../../../../src-main/trainer/train-step';
import { builtinSplits } from '../../../../../src-shared/datasets/builtin';
import { tempDir } from '../../../../helpers/temp-dir';
import { trainInProcess, useWasm } from '../../../../helpers/train-in-process';

const dir = tempDir();
beforeAll(useWasm);
afterAll(() => dir.remove());

const sprites = { id: 'builtin:sprites', size: 2048 };
const training = { epochs: 4, batchSize: 64, learningRate: 0.002, seed: 5 };

describe('VAE family', () => {
  it('with β = 0 behaves like a deterministic autoencoder: same reconstruction, unconstrained KL', async () => {
    const mlp = { hidden: [128], latentDim: 4 };
    // Three runs at once: each has a run dir of its own, as the host gives it.
    const [vae0, vae1, ae] = await Promise.all([
      trainInProcess({ dataset: sprites, model: { family: 'vae', ...mlp }, objective: { beta: 0 }, training }, join(dir.path, 'vae0')),
      trainInProcess({ dataset: sprites, model: { family: 'vae', ...mlp }, objective: { beta: 1 }, training }, join(dir.path, 'vae1')),
      trainInProcess({ dataset: sprites, model: { family: 'ae', ...mlp, reconstruction: 'bernoulli' }, training }, join(dir.path, 'ae')),
    ]);
    expect(vae0.final.val_loss).toBeCloseTo(vae0.final.val_recon, 6); // loss = recon + 0·KL
    expect(Math.abs(vae0.final.val_recon - ae.final.val_recon) / ae.final.val_recon).toBeLessThan(0.15);
    expect(vae0.final.val_recon).toBeLessThan(vae1.final.val_recon);
    expect(vae0.final.val_kl).toBeGreaterThan(3 * vae1.final.val_kl);
  }, 120_000);

  it('the importance-weighted bound is ≥ the ELBO and grows with k (Burda et al. 2016)', async () => {
    const { train, validation, sampleSize } = builtinSplits('builtin:sprites', 1024, 0.25);
    const config = { family: 'vae' as const, hidden: [64], activation: 'relu' as const, latentDim: 3, likelihood: 'bernoulli' as const, sigma: 0.1 };
    const model = createAutoencoder(config, [28, 28, 1], 2);
    const optimizer = tf.train.adam(0.003);
    const x = tf.tensor(train, [train.length / sampleSize, 28, 28, 1]);
    const objective = { beta: 1, warmupSteps: 0, freeBits: 0, iwaeSamples: 1 };
    for (let step = 1; step <= 60; step++) {
      const xb = x.slice((step % 12) * 64, 64);
      await trainStep(vaeFamily, model, config, optimizer, xb, { step, noiseSeed: step, objective });
      xb.dispose();
    }
    const held = tf.tensor(validation, [validation.length / sampleSize, 28, 28, 1]);
    const mean = async (k: number) => {
      // Average over several seeds so the comparison is about the bound, not the noise of one estimate.
      let total = 0;
      for (let s = 0; s < 4; s++) total += Array.from(await importanceWeightedBound(model, held, k, 'bernoulli', 1000 * s + k).data()).reduce((a, b) => a + b, 0);
      return total / (4 * held.shape[0]);
    };
    const [l1, l5, l50] = [await mean(1), await mean(5), await mean(50)];
    const elbo = (await vaeFamily.evaluate(model, config, held, { seed: 9, objective, isImage: true, train: x, cache: new Map() })).val_elbo;
    expect(Math.abs(l1 - elbo)).toBeLessThan(1.5); // L_1 is the ELBO
    // The reported bound comes with the ELBO of the same images (here all 256), and is above it.
    const reported = await vaeFamily.evaluate(model, config, held, { seed: 9, objective: { ...objective, iwaeSamples: 50 }, isImage: true, train: x, cache: new Map() });
    expect(reported.val_iwae).toBeGreaterThan(reported.val_iwae_elbo);
    expect(Math.abs(reported.val_iwae_elbo - reported.val_elbo)).toBeLessThan(1.5);
    expect(l5).toBeGreaterThan(l1);
    expect(l50).toBeGreaterThan(l5);

    // Decoded in groups, the bound is the one the definition gives sample by sample, with the same ε (seed + i).
    const k = 7;
    const rows = held.shape[0];
    const reference = tf.tidy(() => {
      const { mu, logVar } = model.encode(held);
      const lv = logVar as tf.Tensor2D;
      const flat = held.reshape([rows, -1]);
      const logWeights = Array.from({ length: k }, (_, i) => {
        const eps = tf.randomNormal([rows, 3], 0, 1, 'float32', 77 + i);
        const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, lv)), eps)) as tf.Tensor2D;
        const logits = model.decode(z);
        // Bernoulli log-likelihood from logits: x·l − log(1 + eˡ).
        const logPx = tf.sum(tf.sub(tf.mul(flat, logits), tf.softplus(logits)), 1);
        const logPz = tf.mul(-0.5, tf.sum(tf.add(tf.square(z), Math.log(2 * Math.PI)), 1));
        const logQz = tf.mul(-0.5, tf.sum(tf.add(tf.add(tf.square(eps), Math.log(2 * Math.PI)), lv), 1));
        return tf.sub(tf.add(logPx, logPz), logQz);
      });
      return tf.sub(tf.logSumExp(tf.stack(logWeights, 1), 1), Math.log(k)).dataSync() as Float32Array;
    });
    const batched = await importanceWeightedBound(model, held, k, 'bernoulli', 77).data();
    batched.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 2));
    tf.dispose([x, held]);
    optimizer.dispose();
    model.dispose();
  }, 120_000);

  it('ramps the KL weight over the warm-up, floors each dimension at the free bits, and tracks the capacity', async () => {
    const base = { dataset: { id: 'builtin:sprites', size: 512 }, model: { family: 'vae' as const, hidden: [32], latentDim: 4 }, training: { epochs: 1, batchSize: 64 } };
    const warm = await trainInProcess({ ...base, objective: { beta: 4, warmupSteps: 8 } }, dir.path);
    expect(warm.steps.map((p) => p.values.kl_weight)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);

    const free = await trainInProcess({ ...base, objective: { beta: 1, freeBits: 50 } }, dir.path);
    // Below the floor the KL term is constant (4 dims × 50 nats), so loss − recon = 200 exactly.
    for (const p of free.steps) expect(p.values.loss - p.values.recon).toBeCloseTo(200, 2);

    const cap = await trainInProcess({ ...base, objective: { capacity: { gamma: 10, cMax: 8, steps: 8 } } }, dir.path);
    for (const [i, p] of cap.steps.entries()) {
      const c = 8 * Math.min(1, (i + 1) / 8);
      expect(p.values.loss - p.values.recon).toBeCloseTo(10 * Math.abs(p.values.kl - c), 2);
    }
  }, 120_000);

  it('trains with a fixed-σ and a learned-σ Gaussian decoder; the learned σ moves', async () => {
    const base = { dataset: { id: 'builtin:sprites', size: 512 }, training: { epochs: 2, batchSize: 64 } };
    const fixed = await trainInProcess({ ...base, model: { family: 'vae', hidden: [32], latentDim: 2, likelihood: 'gaussian', sigma: 0.2 } }, dir.path);
    expect(fixed.status).toBe('completed');
    const learned = await trainInProcess({ ...base, model: { family: 'vae', hidden: [32], latentDim: 2, likelihood: 'gaussian-learned', sigma: 1 } }, dir.path);
    expect(learned.status).toBe('completed');
    expect(learned.steps.at(-1)!.values.sigma).toBeLessThan(learned.steps[0].values.sigma);
  }, 120_000);

  it('same seed, same backend: the same curve, step for step', async () => {
    const config = { dataset: { id: 'builtin:sprites', size: 512 }, model: { family: 'vae' as const, hidden: [32], latentDim: 2 }, training: { epochs: 1, seed: 11 } };
    const [a, b] = [await trainInProcess(config, dir.path), await trainInProcess(config, dir.path)];
    expect(a.steps.map((p) => p.values.loss)).toEqual(b.steps.map((p) => p.values.loss));
    const other = await trainInProcess({ ...config, training: { epochs: 1, seed: 12 } }, dir.path);
    expect(other.steps.map((p) => p.values.loss)).not.toEqual(a.steps.map((p) => p.values.loss));
  }, 120_000);

  it('reports per-dimension KL that sums to the total, and counts active units', async () => {
    const run = await trainInProcess({ dataset: sprites, model: { family: 'vae', hidden: [64], latentDim: 6 }, training }, dir.path);
    const perDim = [1, 2, 3, 4, 5, 6].map((j) => run.final[`kl_dim_${j}`]);
    expect(perDim.reduce((a, b) => a + b, 0)).toBeCloseTo(run.final.val_kl, 3);
    expect(run.final.active_units).toBeGreaterThan(0);
    expect(run.final.active_units).toBeLessThanOrEqual(6);
    expect(run.final.val_iwae).toBeGreaterThan(run.final.val_elbo - 1);
    expect(run.final.psnr).toBeGreaterThan(10);
  }, 120_000);
});
