import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import type {
  DisentanglementScores,
  ImageBatch,
  LatentFrame,
  LatentManifold,
  LatentProjection,
  LatentSessionInfo,
  LatentTraversal,
  PointColouring,
  RunDetail,
  ValidationPage,
} from '../../src-shared/contract/types';
import { materializeBuiltin } from '../../src-shared/datasets/builtin';
import { gaussianQuantiles } from '../../src-shared/math/inverse-normal-cdf';
import { SCREENSHOTS } from '../helpers/browser';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';
import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * The latent explorer's views through the contract, against a forked trainer: traversals sorted by KL, prior samples
 * and reconstructions, the manifold grid of a 2-d code, and the disentanglement scores that runs on sprites record
 * when they complete (and on demand).
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const dir = tempDir('latent-lab-latent-explorer-');
let host: Host;

async function train(config: unknown): Promise<RunDetail> {
  const { runId } = (await host.call('runs.start', { config })) as { runId: number };
  await host.runs.waitForFinish(runId);
  const run = (await host.call('runs.get', { runId })) as RunDetail;
  expect(run.status, run.error ?? '').toBe('completed');
  return run;
}

const open = (runId: number) => host.call('latent.open', { runId }) as Promise<LatentSessionInfo>;
const shape = (b: ImageBatch) => [b.count, b.height, b.width, b.channels];

beforeAll(() => {
  host = createHost({ dataDir: dir.path, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' });
});

afterAll(async () => {
  await host?.close();
  dir.remove();
});

describe('latent explorer through the contract', () => {
  let vae: RunDetail;

  it('records MIG and the BetaVAE score in [0, 1] when a VAE on sprites completes', async () => {
    vae = await train({ ...tinyConfig({ epochs: 3, latentDim: 2 }), name: 'explorer VAE' });
    for (const name of ['mig', 'beta_vae_score']) {
      expect(vae.final[name], name).toBeGreaterThanOrEqual(0);
      expect(vae.final[name], name).toBeLessThanOrEqual(1);
    }
    // Joined to the last held-out point: no extra epoch on the time axis.
    expect(vae.epochs.epoch).toEqual([1, 2, 3]);
    const listed = ((await host.call('runs.list', {})) as { id: number; final: Record<string, number> }[]).find((r) => r.id === vae.id);
    expect(listed?.final.mig).toBe(vae.final.mig);
  });

  it('decodes traversals in one batch, rows sorted by the last epoch KL, the same pixels every time', async () => {
    const session = await open(vae.id);
    expect(session).toMatchObject({ family: 'vae', latentDim: 2, dataKind: 'image' });
    const ask = () => host.call('latent.traversal', { sessionId: session.sessionId, index: 3, range: 2.5, steps: 7 }) as Promise<LatentTraversal>;
    const traversal = await ask();
    expect(traversal.values).toEqual([-2.5, -5 / 3, -5 / 6, 0, 5 / 6, 5 / 3, 2.5].map((v) => expect.closeTo(v, 12)));
    expect(shape(traversal.frames)).toEqual([2 * 7, 28, 28, 1]);
    expect(shape(traversal.anchor)).toEqual([1, 28, 28, 1]);
    expect(shape(traversal.reconstruction)).toEqual([1, 28, 28, 1]);
    expect(traversal).toMatchObject({ index: 3, basis: 'prior', range: 2.5, latentDim: 2 });
    const kl = [vae.final.kl_dim_1, vae.final.kl_dim_2];
    expect(traversal.rows.map((r) => r.kl)).toEqual([...kl].sort((a, b) => b - a));
    expect(traversal.rows.map((r) => r.dim)).toEqual(kl[0] >= kl[1] ? [0, 1] : [1, 0]);
    for (const row of traversal.rows) expect(row.active).toBe(row.kl! >= 0.01 && row.activity > 0.01);
    expect(traversal.decodeMs).toBeGreaterThan(0);
    // A row sweeps its own dimension: its frames differ from each other, and the whole grid repeats exactly.
    const frame = (i: number) => traversal.frames.pixels.subarray(i * 784, (i + 1) * 784);
    expect(frame(0)).not.toEqual(frame(6));
    expect((await ask()).frames.pixels).toEqual(traversal.frames.pixels);

    const defaults = (await host.call('latent.traversal', { sessionId: session.sessionId, index: 0 })) as LatentTraversal;
    expect(defaults.values).toHaveLength(11);
    expect(defaults.values[0]).toBe(-3);
    await expect(host.call('latent.traversal', { sessionId: session.sessionId, index: 999 })).rejects.toThrow(/image 999 is out of range/);
    await expect(host.call('latent.traversal', { sessionId: session.sessionId, index: 0, steps: 1 })).rejects.toThrow(/steps/);
  });

  it('draws prior samples from a seed (same seed, same grid) and reconstructions of a page of images', async () => {
    const session = await open(vae.id);
    const samples = (seed: number) => host.call('latent.samples', { sessionId: session.sessionId, seed, count: 256 }) as Promise<ImageBatch>;
    const a = await samples(5);
    expect(shape(a)).toEqual([256, 28, 28, 1]);
    expect((await samples(5)).pixels).toEqual(a.pixels);
    expect((await samples(6)).pixels).not.toEqual(a.pixels);

    const page = (await host.call('latent.reconstruct', { sessionId: session.sessionId, indices: [16, 17, 18, 19, 20, 21, 22, 23] })) as { inputs: ImageBatch; outputs: ImageBatch };
    expect(shape(page.inputs)).toEqual([8, 28, 28, 1]);
    expect(shape(page.outputs)).toEqual([8, 28, 28, 1]);
  });

  it('interpolates along the line or the great circle: the same ends, another path between them', async () => {
    const session = await open(vae.id);
    const frame = async (t: number, path: 'linear' | 'slerp', seq: number) =>
      ((await host.call('latent.interpolate', { sessionId: session.sessionId, a: 3, b: 11, t, path, seq })) as LatentFrame).frame!.pixels;
    expect(await frame(0, 'slerp', 1)).toEqual(await frame(0, 'linear', 2));
    expect(await frame(0.5, 'slerp', 3)).not.toEqual(await frame(0.5, 'linear', 4));
    // Without a path the scrub keeps the straight line it always drew.
    const plain = (await host.call('latent.interpolate', { sessionId: session.sessionId, a: 3, b: 11, t: 0.5, seq: 5 })) as LatentFrame;
    expect(plain.frame!.pixels).toEqual(await frame(0.5, 'linear', 6));
  });

  it('decodes a K × K manifold grid at the Gaussian quantiles for a 2-d code', async () => {
    const session = await open(vae.id);
    const grid = (await host.call('latent.manifold', { sessionId: session.sessionId, side: 9 })) as LatentManifold;
    expect(shape(grid.frames)).toEqual([81, 28, 28, 1]);
    expect(grid.quantiles).toEqual(gaussianQuantiles(9));
    expect(grid.z1).toEqual(grid.quantiles);
    expect(grid.z2).toEqual([...grid.quantiles].reverse());
    const again = (await host.call('latent.manifold', { sessionId: session.sessionId, side: 9 })) as LatentManifold;
    expect(again.frames.pixels).toEqual(grid.frames.pixels);
  });

  it('projects the validation codes: raw for a 2-d code, PCA as a rotation of the centred codes, coloured by the sprite factors', async () => {
    const session = await open(vae.id);
    const tensors = async () => (await host.pool.sessions.request({ op: 'debug.tensors' })).numTensors;
    const before = await tensors();
    const raw = (await host.call('latent.project', { sessionId: session.sessionId, count: 10_000, method: 'raw' })) as LatentProjection;
    expect(await tensors()).toBe(before);
    // The validation split has 32 sprites: the count is capped there.
    expect(raw).toMatchObject({ count: 32, latentDim: 2, method: 'raw', axes: ['z₁', 'z₂'], explained: null });
    expect(raw.points).toEqual(raw.codes);
    // Codes encoded in one batch are the μ(x) a traversal anchors on (encoded alone), to float32 rounding.
    for (const index of [0, 5, 31]) {
      const { anchorCode } = (await host.call('latent.traversal', { sessionId: session.sessionId, index, steps: 2, maxRows: 1 })) as LatentTraversal;
      expect(Array.from(raw.codes.subarray(2 * index, 2 * index + 2)).map((v, j) => Math.abs(v - anchorCode[j]))).toEqual([expect.closeTo(0, 5), expect.closeTo(0, 5)]);
    }

    // PCA of 2-d codes, checked against the closed form: the plane is a rotation (distances kept), and the variance
    // along PC 1 is the 2 × 2 covariance's largest eigenvalue, (a + d)/2 + √(((a − d)/2)² + b²).
    const pca = (await host.call('latent.project', { sessionId: session.sessionId, count: 32, method: 'pca' })) as LatentProjection;
    expect(pca.axes).toEqual(['PC 1', 'PC 2']);
    const n = 32;
    const distance = (p: Float32Array, i: number, j: number) => Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);
    for (const [i, j] of [[0, 1], [3, 17], [8, 31]]) expect(distance(pca.points, i, j)).toBeCloseTo(distance(raw.codes, i, j), 5);
    const mean = [0, 1].map((d) => Array.from({ length: n }, (_, i) => raw.codes[2 * i + d]).reduce((s, v) => s + v, 0) / n);
    const cov = (p: number, q: number) => Array.from({ length: n }, (_, i) => (raw.codes[2 * i + p] - mean[p]) * (raw.codes[2 * i + q] - mean[q])).reduce((s, v) => s + v, 0) / (n - 1);
    const [a, b, d] = [cov(0, 0), cov(0, 1), cov(1, 1)];
    const largest = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
    const alongPc1 = Array.from({ length: n }, (_, i) => pca.points[2 * i] ** 2).reduce((s, v) => s + v, 0) / (n - 1);
    expect(alongPc1 / largest).toBeCloseTo(1, 4);
    expect(pca.explained![0]).toBeCloseTo(largest / (a + d), 5);
    expect(pca.explained![0] + pca.explained![1]).toBeCloseTo(1, 10);

    // Colourings: the sprites' five factors, read from the generator for the validation samples (after 224 training ones).
    expect(pca.colourings.map((c) => [c.name, c.kind])).toEqual([['shape', 'categorical'], ['scale', 'continuous'], ['rotation', 'continuous'], ['x', 'continuous'], ['y', 'continuous']]);
    const factors = materializeBuiltin('builtin:sprites', 256).factorValues!;
    for (const [f, c] of pca.colourings.entries()) {
      expect(Array.from(c.values)).toEqual(Array.from({ length: n }, (_, i) => factors[(224 + i) * 5 + f]));
    }
    const shape = pca.colourings[0] as Extract<PointColouring, { kind: 'categorical' }>;
    expect(shape.categories).toEqual(['square', 'ellipse', 'triangle', 'heart']);

    // Pages of validation images: the same pixels as the reconstructions' inputs; a label filter keeps that shape only.
    const page = (await host.call('latent.images', { sessionId: session.sessionId, offset: 30, count: 5 })) as ValidationPage;
    expect(page).toMatchObject({ total: 32, offset: 30, indices: [30, 31], categories: ['square', 'ellipse', 'triangle', 'heart'] });
    const inputs = ((await host.call('latent.reconstruct', { sessionId: session.sessionId, indices: [30, 31] })) as { inputs: ImageBatch }).inputs;
    expect(page.images.pixels).toEqual(inputs.pixels);
    expect(page.images.labels).toEqual([30, 31].map((i) => shape.categories[shape.values[i]]));
    const hearts = (await host.call('latent.images', { sessionId: session.sessionId, count: 64, label: 'heart' })) as ValidationPage;
    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => shape.values[i] === 3);
    expect(hearts.total).toBe(expected.length);
    expect(hearts.indices).toEqual(expected);
    expect(hearts.images.labels!.every((l) => l === 'heart')).toBe(true);
    await expect(host.call('latent.images', { sessionId: session.sessionId, count: 4, label: 'star' })).rejects.toThrow(/no class is named 'star': this dataset's are square, ellipse, triangle, heart/);
    expect(await tensors()).toBe(before);
  });

  it('scores again on demand with the same numbers, and says which runs cannot be scored', async () => {
    const tensors = async () => (await host.pool.sessions.request({ op: 'debug.tensors' })).numTensors;
    const before = await tensors();
    const started = performance.now();
    const scores = (await host.call('runs.scoreDisentanglement', { runId: vae.id })) as DisentanglementScores;
    const wall = performance.now() - started;
    // The scoring model and every batch it encoded are disposed; so is every traversal and manifold decode.
    expect(await tensors()).toBe(before);
    const session = await open(vae.id);
    const opened = await tensors();
    await host.call('latent.traversal', { sessionId: session.sessionId, index: 1 });
    await host.call('latent.manifold', { sessionId: session.sessionId, side: 4 });
    expect(await tensors()).toBe(opened);
    await host.call('latent.close', { sessionId: session.sessionId });
    expect(scores.mig).toBe(vae.final.mig);
    expect(scores.betaVaeScore).toBe(vae.final.beta_vae_score);
    expect(scores.migFactors.map((f) => f.factor)).toEqual(['shape', 'scale', 'rotation', 'x', 'y']);
    expect(scores.betaVae).toMatchObject({ batch: 64, trainPoints: 200, evalPoints: 100 });
    expect(scores.migSamples).toBe(2048);
    console.log(`disentanglement scoring of a tiny VAE (MLP 32, z=2): ${scores.elapsedMs.toFixed(0)} ms in the trainer, ${wall.toFixed(0)} ms through the host`);

    const moons = await train({
      name: 'moons AE',
      dataset: { id: 'builtin:moons', size: 512 },
      model: { family: 'ae', hidden: [16], latentDim: 2 },
      training: { epochs: 1, batchSize: 64, seed: 3 },
    });
    expect(moons.final.mig).toBeUndefined();
    await expect(host.call('runs.scoreDisentanglement', { runId: moons.id })).rejects.toThrow(/only the built-in sprites/);
  });

  it("scores an AE on sprites too, and lays its traversals in its codes' own spread (it has no prior)", async () => {
    const { objective: _objective, ...base } = tinyConfig({ epochs: 2, latentDim: 3 });
    const tensors = async () => (await host.pool.sessions.request({ op: 'debug.tensors' })).numTensors;
    const before = await tensors();
    const ae = await train({ ...base, name: 'explorer AE', model: { family: 'ae', hidden: [32], activation: 'relu', latentDim: 3, reconstruction: 'bernoulli' } });
    // Training and the scoring at its end leave no tensor behind in the trainer.
    expect(await tensors()).toBe(before);
    expect(ae.final.mig).toBeGreaterThanOrEqual(0);
    expect(ae.final.beta_vae_score).toBeLessThanOrEqual(1);
    const session = await open(ae.id);
    expect(session.family).toBe('ae');
    const traversal = (await host.call('latent.traversal', { sessionId: session.sessionId, index: 0, steps: 5, maxRows: 2 })) as LatentTraversal;
    expect(traversal).toMatchObject({ basis: 'codes', latentDim: 3 });
    expect(traversal.rows).toHaveLength(2);
    expect(traversal.rows.every((r) => r.kl === null)).toBe(true);
    expect(traversal.rows[0].activity).toBeGreaterThanOrEqual(traversal.rows[1].activity);
    expect(traversal.frames.count).toBe(10);
    await expect(host.call('latent.manifold', { sessionId: session.sessionId })).rejects.toThrow(/2-d latent space: run \d+ has 3 latent dimensions/);
    await expect(host.call('latent.project', { sessionId: session.sessionId, method: 'raw' })).rejects.toThrow(/method 'raw' draws a 2-d latent space: run \d+ has 3 latent dimensions; use 'pca'/);
    const projected = (await host.call('latent.project', { sessionId: session.sessionId })) as LatentProjection;
    expect(projected).toMatchObject({ method: 'pca', latentDim: 3, count: 32 });
    expect(projected.codes).toHaveLength(32 * 3);
    await expect(host.call('latent.samples', { sessionId: session.sessionId, seed: 1, count: 4 })).rejects.toThrow(/no prior/);
  });

  it('reports MIG of β = 4 against β = 0 on sprites, same seed (numbers for the note, no threshold)', async () => {
    const config = (beta: number) => ({
      name: `β = ${beta}`,
      dataset: { id: 'builtin:sprites', size: 4096 },
      model: { family: 'vae', hidden: [256, 128], activation: 'relu', latentDim: 10, likelihood: 'bernoulli' },
      objective: { beta },
      training: { epochs: 10, batchSize: 64, learningRate: 0.001, optimizer: 'adam', seed: 11 },
    });
    const results: Record<string, number>[] = [];
    for (const beta of [0, 4]) {
      const run = await train(config(beta));
      results.push({ beta, mig: run.final.mig, beta_vae_score: run.final.beta_vae_score, active_units: run.final.active_units, val_recon: run.final.val_recon, val_kl: run.final.val_kl });
    }
    for (const r of results) {
      expect(r.mig).toBeGreaterThanOrEqual(0);
      expect(r.mig).toBeLessThanOrEqual(1);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'disentanglement-beta.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`MIG on sprites (VAE MLP 256-128, z=10, 10 epochs, seed 11): ${results.map((r) => `β = ${r.beta}: MIG ${r.mig.toFixed(4)}, BetaVAE ${r.beta_vae_score.toFixed(3)}, active units ${r.active_units}`).join('; ')}`);
  }, 600_000);
});
