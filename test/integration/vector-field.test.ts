import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type { LatentSessionInfo, RunDetail, VectorField } from '../../src-shared/contract/types';
import { BUILTIN_DATASET_SEED, builtinSplits } from '../../src-shared/datasets/builtin';
import { generateLowRank, LOW_RANK_DIM, LOW_RANK_RANK } from '../../src-shared/datasets/low-rank';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

/**
 * Runs on vector datasets through the contract, with the built trainer: their latent session opens, and
 * latent.vectorField returns validation points, reconstructions and, for a DAE, corrupted points and their denoised
 * outputs (the seeds' spiral figure). Every check below recomputes what it needs in float64, independently.
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const dir = tempDir('latent-lab-vector-field-');
let host: Host;

beforeAll(() => {
  host = createHost({ dataDir: join(dir.path, 'data'), launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
});
afterAll(async () => {
  await host?.close();
  dir.remove();
});

const training = { batchSize: 64, learningRate: 0.003, optimizer: 'adam', seed: 7 };

async function trainedSession(config: object): Promise<{ run: RunDetail; session: LatentSessionInfo }> {
  const { runId } = (await host.call('runs.start', { config })) as { runId: number };
  await host.runs.waitForFinish(runId);
  const run = (await host.call('runs.get', { runId, maxPoints: 10 })) as RunDetail;
  expect(run.error).toBeNull();
  expect(run.status).toBe('completed');
  const session = (await host.call('latent.open', { runId })) as LatentSessionInfo;
  return { run, session };
}

const field = (input: { sessionId: string; count?: number; seed?: number; grid?: number }) => host.call('latent.vectorField', input) as Promise<VectorField>;

/** Mean over points of ‖a_n − b_n‖², in float64. */
function meanSquaredDistance(a: Float32Array, b: Float32Array, dims: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum / (a.length / dims);
}

/** Distance from each 2-D point of `points` to its nearest point of `data`. */
function nearestDistances(points: Float32Array, data: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < points.length; i += 2) {
    let best = Infinity;
    for (let j = 0; j < data.length; j += 2) best = Math.min(best, Math.hypot(points[i] - data[j], points[i + 1] - data[j + 1]));
    out.push(best);
  }
  return out;
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

describe('a denoising autoencoder on the 2-D spiral', () => {
  // The spiral's arms are 0.67 apart: at small σ even the Bayes denoiser E[x | x̃] gains little over x̃ itself (about
  // 10 % at σ = 0.3, 37 % at σ = 0.1 but only with a field that flips sign every 0.33), more than a tiny net learns in
  // seconds. At σ = 1 it gains about 39 % by pulling points back onto the spiral's disc, which 20 epochs learn.
  const sigma = 1;
  let session: LatentSessionInfo;

  beforeAll(async () => {
    ({ session } = await trainedSession({
      name: 'DAE spiral',
      dataset: { id: 'builtin:spiral', size: 2048, validationSplit: 0.125 },
      model: { family: 'dae', hidden: [64, 64], latentDim: 2, noise: { kind: 'gaussian', sigma } },
      training: { ...training, epochs: 20 },
    }));
  }, 120_000);

  it('opens a latent session that says it holds vectors, where it used to fail to load', () => {
    expect(session).toMatchObject({ latentDim: 2, candidates: 256, dataKind: 'vector', sampleShape: [2] });
  });

  it('returns the validation points, their reconstructions, corrupted points and their denoised outputs', async () => {
    const result = await field({ sessionId: session.sessionId, count: 200, seed: 5 });
    expect(result).toMatchObject({ family: 'dae', count: 200, dims: 2, seed: 5, noise: { kind: 'gaussian', sigma }, projection: null, grid: null });
    for (const values of [result.clean, result.reconstructed, result.noisy, result.denoised]) {
      expect(values).toBeInstanceOf(Float32Array);
      expect(values).toHaveLength(400);
      expect(Array.from(values!).every(Number.isFinite)).toBe(true);
    }
    // x is the run's validation split, in order.
    const splits = builtinSplits('builtin:spiral', 2048, 0.125);
    expect(Array.from(result.clean)).toEqual(Array.from(splits.validation.subarray(0, 400)));
    // x̃ − x is the run's own N(0, σ²) noise: mean about 0, variance about σ² (400 draws: a few standard errors).
    const residuals = Array.from(result.noisy!, (v, i) => v - result.clean[i]);
    expect(Math.abs(mean(residuals))).toBeLessThan((4 * sigma) / Math.sqrt(400));
    expect(mean(residuals.map((r) => r * r))).toBeGreaterThan(sigma ** 2 * 0.8);
    expect(mean(residuals.map((r) => r * r))).toBeLessThan(sigma ** 2 * 1.2);
    // The DAE denoises: f(x̃) is nearer to x than x̃ is, on average.
    const noisyError = meanSquaredDistance(result.noisy!, result.clean, 2);
    const denoisedError = meanSquaredDistance(result.denoised!, result.clean, 2);
    expect(denoisedError).toBeLessThan(0.8 * noisyError);
    // The errors the panel shows are these.
    expect(result.errors.noisy).toBeCloseTo(noisyError, 10);
    expect(result.errors.denoised).toBeCloseTo(denoisedError, 10);
    expect(result.errors.reconstructed).toBeCloseTo(meanSquaredDistance(result.reconstructed, result.clean, 2), 10);
  });

  it('draws the same noise for the same seed and other noise for another, and at most the validation split', async () => {
    const a = await field({ sessionId: session.sessionId, count: 300, seed: 11 });
    const b = await field({ sessionId: session.sessionId, count: 300, seed: 11 });
    const c = await field({ sessionId: session.sessionId, count: 300, seed: 12 });
    expect(Array.from(b.noisy!)).toEqual(Array.from(a.noisy!));
    expect(Array.from(b.denoised!)).toEqual(Array.from(a.denoised!));
    expect(Array.from(b.reconstructed)).toEqual(Array.from(a.reconstructed));
    expect(Array.from(c.noisy!)).not.toEqual(Array.from(a.noisy!));
    expect(Array.from(c.reconstructed)).toEqual(Array.from(a.reconstructed));
    const all = await field({ sessionId: session.sessionId, count: 2000, seed: 1 });
    expect(all.count).toBe(256);
    expect(all.clean).toHaveLength(512);
  });

  it('frees every tensor it makes: the trainer holds as many after ten redraws as after one', async () => {
    const tensors = async () => (await host.pool.sessions.request({ op: 'debug.tensors' })).numTensors;
    await field({ sessionId: session.sessionId, count: 256, seed: 1, grid: 20 });
    const before = await tensors();
    for (let seed = 2; seed <= 11; seed++) await field({ sessionId: session.sessionId, count: 256, seed, grid: 20 });
    expect(await tensors()).toBe(before);
  });

  it('evaluates the field on a grid over the points, and it points back toward the data', async () => {
    const side = 12;
    const result = await field({ sessionId: session.sessionId, count: 256, seed: 3, grid: side });
    expect(result.grid?.side).toBe(side);
    expect(result.grid?.points).toHaveLength(side * side * 2);
    expect(result.grid?.outputs).toHaveLength(side * side * 2);
    const xs = Array.from({ length: side * side }, (_, i) => result.grid!.points[2 * i]);
    const ys = Array.from({ length: side * side }, (_, i) => result.grid!.points[2 * i + 1]);
    // The grid covers every drawn point, clean and noisy.
    for (const values of [result.clean, result.noisy!]) {
      for (let i = 0; i < values.length; i += 2) {
        expect(values[i]).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(values[i]).toBeLessThanOrEqual(Math.max(...xs));
        expect(values[i + 1]).toBeGreaterThanOrEqual(Math.min(...ys));
        expect(values[i + 1]).toBeLessThanOrEqual(Math.max(...ys));
      }
    }
    // f(g) lies nearer the spiral than g does, on average over the grid.
    const data = builtinSplits('builtin:spiral', 2048, 0.125).train;
    expect(mean(nearestDistances(result.grid!.outputs, data))).toBeLessThan(0.5 * mean(nearestDistances(result.grid!.points, data)));
  });

  it('says plainly that the image views apply to image datasets', async () => {
    const refusals = [
      host.call('latent.candidates', { sessionId: session.sessionId, count: 4 }),
      host.call('latent.interpolate', { sessionId: session.sessionId, a: 0, b: 1, t: 0.5, seq: 1 }),
      host.call('latent.reconstruct', { sessionId: session.sessionId, indices: [0] }),
      host.call('latent.samples', { sessionId: session.sessionId, seed: 1, count: 2 }),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/drawn for image datasets only: run \d+ was trained on 2-d vectors/) });
    }
    await expect(host.call('latent.vectorField', { sessionId: session.sessionId, seed: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(host.call('latent.vectorField', { sessionId: session.sessionId, grid: 1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('an autoencoder on the 20-d low-rank Gaussian, drawn in its principal plane', () => {
  let session: LatentSessionInfo;

  beforeAll(async () => {
    ({ session } = await trainedSession({
      name: 'AE low-rank',
      dataset: { id: 'builtin:low-rank', size: 1024, validationSplit: 0.125 },
      model: { family: 'ae', hidden: [32], latentDim: LOW_RANK_RANK },
      training: { ...training, epochs: 15 },
    }));
  }, 120_000);

  it('returns points and reconstructions in the data space, and the training split’s first two principal axes', async () => {
    expect(session).toMatchObject({ dataKind: 'vector', sampleShape: [LOW_RANK_DIM] });
    const result = await field({ sessionId: session.sessionId, count: 128, seed: 2, grid: 5 });
    const d = LOW_RANK_DIM;
    expect(result).toMatchObject({ family: 'ae', count: 128, dims: d, noisy: null, denoised: null, noise: null, errors: { noisy: null, denoised: null } });
    expect(result.errors.reconstructed).toBeCloseTo(meanSquaredDistance(result.reconstructed, result.clean, d), 10);
    expect(result.clean).toHaveLength(128 * d);
    expect(result.reconstructed).toHaveLength(128 * d);

    // The projection, checked against a float64 covariance of the training split computed here.
    const splits = builtinSplits('builtin:low-rank', 1024, 0.125);
    const n = splits.trainCount;
    const m = Array.from({ length: d }, (_, i) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += splits.train[k * d + i];
      return s / n;
    });
    const cov = Array.from({ length: d * d }, (_, ij) => {
      const [i, j] = [Math.floor(ij / d), ij % d];
      let s = 0;
      for (let k = 0; k < n; k++) s += (splits.train[k * d + i] - m[i]) * (splits.train[k * d + j] - m[j]);
      return s / (n - 1);
    });
    const trace = Array.from({ length: d }, (_, i) => cov[i * d + i]).reduce((a, b) => a + b, 0);
    const projection = result.projection!;
    projection.mean.forEach((v, i) => expect(v).toBeCloseTo(m[i], 10));
    const axis = (r: number) => projection.axes.slice(r * d, (r + 1) * d);
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
    expect(dot(axis(0), axis(0))).toBeCloseTo(1, 10);
    expect(dot(axis(1), axis(1))).toBeCloseTo(1, 10);
    expect(dot(axis(0), axis(1))).toBeCloseTo(0, 10);
    for (const r of [0, 1]) {
      const a = axis(r);
      const ca = Array.from({ length: d }, (_, i) => dot(cov.slice(i * d, (i + 1) * d), a));
      const lambda = dot(a, ca);
      ca.forEach((v, i) => expect(v).toBeCloseTo(lambda * a[i], 8));
      expect(projection.explained[r]).toBeCloseTo(lambda / trace, 10);
    }
    // The generator's two largest directions (scales 3 and 2 of 3, 2, 1): the plane is theirs.
    const { basis } = generateLowRank(1, BUILTIN_DATASET_SEED);
    const column = (j: number) => Array.from({ length: d }, (_, i) => basis[i * LOW_RANK_RANK + j]);
    expect(Math.abs(dot(axis(0), column(0)))).toBeGreaterThan(0.99);
    expect(Math.abs(dot(axis(1), column(1)))).toBeGreaterThan(0.99);

    // The AE learned the data: its reconstructions are far nearer x than x is to the mean.
    const centred = new Float32Array(result.clean.length).map((_, i) => m[i % d]);
    expect(meanSquaredDistance(result.reconstructed, result.clean, d)).toBeLessThan(0.05 * meanSquaredDistance(result.clean, centred, d));

    // Grid points lie in the principal plane, lifted into 20-d: m + u·a₁ + v·a₂.
    const grid = result.grid!;
    expect(grid.points).toHaveLength(25 * d);
    expect(grid.outputs).toHaveLength(25 * d);
    for (let g = 0; g < 25; g++) {
      const p = Array.from(grid.points.subarray(g * d, (g + 1) * d), (v, i) => v - m[i]);
      const [u, v] = [dot(p, axis(0)), dot(p, axis(1))];
      p.forEach((value, i) => expect(value).toBeCloseTo(u * axis(0)[i] + v * axis(1)[i], 4));
    }

    const again = await field({ sessionId: session.sessionId, count: 128, seed: 9, grid: 5 });
    expect(Array.from(again.reconstructed)).toEqual(Array.from(result.reconstructed));
    expect(again.projection).toEqual(result.projection);
  });
});

describe('other runs', () => {
  it("draws a Gaussian VAE's reconstructions at z = μ, the same every time", async () => {
    const { session } = await trainedSession({
      name: 'VAE moons',
      dataset: { id: 'builtin:moons', size: 512, validationSplit: 0.125 },
      model: { family: 'vae', hidden: [32], latentDim: 2, likelihood: 'gaussian', sigma: 0.1 },
      training: { ...training, epochs: 2 },
    });
    const a = await field({ sessionId: session.sessionId, count: 64 });
    const b = await field({ sessionId: session.sessionId, count: 64 });
    expect(a).toMatchObject({ family: 'vae', count: 64, noisy: null, denoised: null });
    expect(Array.from(b.reconstructed)).toEqual(Array.from(a.reconstructed));
  });

  it('refuses the vector field for a run on images, saying why', async () => {
    const { session } = await trainedSession(tinyConfig({ epochs: 1 }));
    expect(session).toMatchObject({ dataKind: 'image', sampleShape: [1, 28, 28] });
    await expect(field({ sessionId: session.sessionId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/trained on images \(1×28×28\): the vector field applies to runs on vector datasets/),
    });
  });
});
