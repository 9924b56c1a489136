import { isGraphFamily } from '../../../../../src-shared/config/run-config';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../../../../../src-shared/config/run-config';
import type { BackendName } from '../../../../../src-shared/contract/types';
import { PRESETS } from '../../../../../src-shared/config/presets';
import { selectBackend } from '../../../../../src-main/trainer/backend';
import { LatentSessions } from '../../../../../src-main/trainer/latent-sessions';
import { tempDir } from '../../../../helpers/temp-dir';
import { trainInProcess, type InProcessOptions, type InProcessRun } from '../../../../helpers/train-in-process';

/**
 * The engine on WebGPU (Dawn on this machine's adapter: Mesa's lavapipe in CI, asked for by name as a software
 * adapter) against the wasm backend: every preset trains, evaluates, checkpoints, resumes and decodes latent frames
 * to wasm's numbers within float32 tolerance. Not bit for bit: the backends sum in different orders.
 */
const dir = tempDir('latent-lab-webgpu-');
afterAll(() => dir.remove());

/**
 * Relative difference allowed between the backends' final metrics. Measured on lavapipe: at most ~4e-7 (the log
 * line); a hardware GPU rounds its tiled reductions and fused multiply-adds differently, hence the room.
 */
const TOLERANCE = 1e-3;
const sprites = { kind: 'builtin' as const, id: 'builtin:sprites', size: 256, validationSplit: 0.125 };
/** Every preset, on 256 samples of its own dataset for one epoch, and a VAE with a learned Gaussian σ (no preset has one). */
const CASES: { name: string; config: RunConfigInput }[] = [
  // Graph presets train full batch on a graph (their own loop, tested on wasm in graph-autoencoder-run.test.ts).
  ...PRESETS.filter((p) => !isGraphFamily(p.config.model.family)).map((p) => {
    const config = structuredClone(p.config) as RunConfigInput;
    config.dataset = { ...config.dataset, size: 256 };
    // PCA is solved in closed form: it has a seed and nothing else to train with.
    if (config.model.family !== 'pca') config.training = { ...config.training, epochs: 1 };
    return { name: `preset ${p.id}`, config };
  }),
  {
    name: 'VAE, learned Gaussian σ',
    config: {
      dataset: { id: sprites.id, size: sprites.size, validationSplit: sprites.validationSplit },
      model: { family: 'vae', hidden: [32], activation: 'tanh', latentDim: 3, likelihood: 'gaussian-learned' },
      objective: { beta: 4, iwaeSamples: 4 },
      training: { epochs: 1, batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: 7 },
    },
  },
];
const VAE: RunConfigInput = {
  dataset: { id: sprites.id, size: sprites.size, validationSplit: sprites.validationSplit },
  model: { family: 'vae', hidden: [32], activation: 'relu', latentDim: 4, likelihood: 'bernoulli' },
  objective: { beta: 1, iwaeSamples: 8 },
  training: { epochs: 2, batchSize: 32, learningRate: 0.003, optimizer: 'adam', seed: 7 },
};

const sourceOf = (config: RunConfigInput) => ({ kind: 'builtin' as const, id: config.dataset.id, size: config.dataset.size ?? 256, validationSplit: config.dataset.validationSplit ?? 0.1 });

let runs = 0;
async function trainOn(backend: BackendName, config: RunConfigInput, options: InProcessOptions & { runDir?: string } = {}): Promise<InProcessRun & { runDir: string }> {
  const report = await selectBackend(backend);
  expect(report.chosen, JSON.stringify(report.skipped)).toBe(backend);
  const runDir = options.runDir ?? join(dir.path, `run-${++runs}`);
  return { ...(await trainInProcess(config, runDir, sourceOf(config), { ...options, backend })), runDir };
}

let worst = 0;
function expectClose(gpu: Record<string, number>, wasm: Record<string, number>, what: string): void {
  expect(Object.keys(gpu).sort(), what).toEqual(Object.keys(wasm).sort());
  for (const [name, value] of Object.entries(wasm)) {
    const relative = Math.abs(gpu[name] - value) / Math.max(1, Math.abs(value));
    worst = Math.max(worst, relative);
    expect(relative, `${what}, ${name}: webgpu ${gpu[name]}, wasm ${value}`).toBeLessThanOrEqual(TOLERANCE);
  }
}

describe('the engine on WebGPU (Dawn; Mesa lavapipe here and in CI)', () => {
  it('starts the webgpu backend when asked by name, naming the adapter and its limits', async () => {
    const report = await selectBackend('webgpu');
    expect(report.chosen, JSON.stringify(report.skipped)).toBe('webgpu');
    expect(report.detail).toMatch(/^tfjs-backend-webgpu on Dawn: .+; max buffer \d+ MiB, max storage binding \d+ MiB, max workgroup size \d+$/);
  });

  for (const c of CASES) {
    it(`${c.name}: trains and evaluates one epoch to wasm's numbers`, async () => {
      const gpu = await trainOn('webgpu', c.config);
      const wasm = await trainOn('wasm', c.config);
      expect(gpu.status, gpu.error ?? '').toBe('completed');
      expect(wasm.status, wasm.error ?? '').toBe('completed');
      expectClose(gpu.final, wasm.final, c.name);
      expect(tf.getBackend()).toBe('wasm');
    }, 120_000);
  }

  it('checkpoints and resumes on webgpu: a run stopped mid-epoch and resumed ends where wasm does straight through', async () => {
    const stopped = await trainOn('webgpu', VAE, { stopAtStep: 11 });
    expect(stopped.status).toBe('stopped');
    const resumed = await trainOn('webgpu', VAE, { resume: true, runDir: stopped.runDir });
    expect(resumed.status, resumed.error ?? '').toBe('completed');
    const straight = await trainOn('wasm', VAE);
    expectClose(resumed.final, straight.final, 'resumed on webgpu');
  }, 120_000);

  it('decodes latent frames, traversals and projections from a saved run to the pixels wasm decodes', async () => {
    const run = await trainOn('wasm', { ...VAE, training: { ...VAE.training, epochs: 1 } });
    const decodeOn = async (backend: BackendName) => {
      await selectBackend(backend);
      const sessions = new LatentSessions();
      sessions.open('s', run.config, sprites, run.weightsPath!, { classes: [], factors: ['shape', 'scale', 'rotation', 'x', 'y'] });
      const frame = await sessions.interpolate('s', 0, 5, 0.3, 'slerp');
      const traversal = await sessions.traversal('s', { index: 2, range: 3, steps: 5, maxRows: 4, kl: null });
      const projection = await sessions.project('s', 32, 'pca');
      sessions.close('s');
      return { frame: frame.pixels, traversal: traversal.frames.pixels, points: projection.points };
    };
    const gpu = await decodeOn('webgpu');
    const wasm = await decodeOn('wasm');
    // Pixels are bytes: float32 differences move a few of them by one level.
    const maxByte = (a: Uint8Array, b: Uint8Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(maxByte(gpu.frame, wasm.frame)).toBeLessThanOrEqual(1);
    expect(maxByte(gpu.traversal, wasm.traversal)).toBeLessThanOrEqual(1);
    gpu.points.forEach((v, i) => expect(Math.abs(v - wasm.points[i])).toBeLessThan(1e-3));
    console.log(`webgpu against wasm: largest relative difference of a final metric ${worst.toExponential(2)}`);
  }, 120_000);
});
