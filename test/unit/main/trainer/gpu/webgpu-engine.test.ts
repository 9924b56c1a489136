import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../../../../../src-shared/config/run-config';
import type { BackendName } from '../../../../../src-shared/contract/types';
import { selectBackend } from '../../../../../src-main/trainer/backend';
import { LatentSessions } from '../../../../../src-main/trainer/latent-sessions';
import { tempDir } from '../../../../helpers/temp-dir';
import { trainInProcess, type InProcessOptions, type InProcessRun } from '../../../../helpers/train-in-process';

/**
 * The engine on WebGPU (Dawn on this machine's adapter: Mesa's lavapipe in CI, asked for by name as a software
 * adapter) against the wasm backend: every family trains, evaluates, checkpoints, resumes and decodes latent frames
 * to wasm's numbers within float32 tolerance. Not bit for bit: the backends sum in different orders.
 */
const dir = tempDir('latent-lab-webgpu-');
afterAll(() => dir.remove());

/**
 * Relative difference allowed between the backends' final metrics. Measured on lavapipe: at most ~3e-7 (the log
 * line); a hardware GPU rounds its tiled reductions and fused multiply-adds differently, hence the room.
 */
const TOLERANCE = 1e-3;
const sprites = { kind: 'builtin' as const, id: 'builtin:sprites', size: 256, validationSplit: 0.125 };
const training = { epochs: 1, batchSize: 32, learningRate: 0.003, optimizer: 'adam' as const, seed: 7 };
const CASES: { name: string; model: RunConfigInput['model']; objective?: RunConfigInput['objective'] }[] = [
  { name: 'VAE MLP 32, z = 4', model: { family: 'vae', hidden: [32], activation: 'relu', latentDim: 4, likelihood: 'bernoulli' }, objective: { beta: 1, iwaeSamples: 8 } },
  { name: 'VAE, learned Gaussian σ', model: { family: 'vae', hidden: [32], activation: 'tanh', latentDim: 3, likelihood: 'gaussian-learned' }, objective: { beta: 4, iwaeSamples: 4 } },
  { name: 'DAE MLP 32, Gaussian noise', model: { family: 'dae', hidden: [32], activation: 'relu', latentDim: 4, noise: { kind: 'gaussian', sigma: 0.3 } } },
  {
    name: 'conv AE',
    model: {
      family: 'ae',
      latentDim: 4,
      encoder: [{ type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, { type: 'flatten' }],
      decoder: [{ type: 'dense', units: 784, activation: 'relu' }, { type: 'reshape', targetShape: [14, 14, 4] }, { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same' }],
    },
  },
  { name: 'linear AE', model: { family: 'linear-ae', latentDim: 5 } },
  { name: 'PCA', model: { family: 'pca', latentDim: 5 } },
];

const configOf = (c: (typeof CASES)[number], epochs = 1): RunConfigInput => ({
  name: c.name,
  dataset: { id: sprites.id, size: sprites.size, validationSplit: sprites.validationSplit },
  model: c.model,
  ...(c.objective ? { objective: c.objective } : {}),
  // PCA is solved in closed form: it has a seed and nothing else to train with.
  training: c.model.family === 'pca' ? { seed: training.seed } : { ...training, epochs },
});

let runs = 0;
async function trainOn(backend: BackendName, config: RunConfigInput, options: InProcessOptions & { runDir?: string } = {}): Promise<InProcessRun & { runDir: string }> {
  await selectBackend(backend);
  const runDir = options.runDir ?? join(dir.path, `run-${++runs}`);
  return { ...(await trainInProcess(config, runDir, sprites, { ...options, backend })), runDir };
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
      const gpu = await trainOn('webgpu', configOf(c));
      const wasm = await trainOn('wasm', configOf(c));
      expect(gpu.status, gpu.error ?? '').toBe('completed');
      expect(wasm.status, wasm.error ?? '').toBe('completed');
      expectClose(gpu.final, wasm.final, c.name);
      expect(tf.getBackend()).toBe('wasm');
    }, 120_000);
  }

  it('checkpoints and resumes on webgpu: a run stopped mid-epoch and resumed ends where wasm does straight through', async () => {
    const c = CASES[0];
    const stopped = await trainOn('webgpu', configOf(c, 2), { stopAtStep: 11 });
    expect(stopped.status).toBe('stopped');
    const resumed = await trainOn('webgpu', configOf(c, 2), { resume: true, runDir: stopped.runDir });
    expect(resumed.status, resumed.error ?? '').toBe('completed');
    const straight = await trainOn('wasm', configOf(c, 2));
    expectClose(resumed.final, straight.final, 'resumed on webgpu');
  }, 120_000);

  it('decodes latent frames, traversals and projections from a saved run to the pixels wasm decodes', async () => {
    const run = await trainOn('wasm', configOf(CASES[0]));
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
