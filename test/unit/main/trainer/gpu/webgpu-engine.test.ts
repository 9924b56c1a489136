import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../../../../../src-shared/config/run-config';
import { selectBackend } from '../../../../../src-main/trainer/backend';
import { tempDir } from '../../../../helpers/temp-dir';
import { trainInProcess } from '../../../../helpers/train-in-process';

const dir = tempDir('latent-lab-webgpu-');
afterAll(() => dir.remove());

const sprites = { kind: 'builtin' as const, id: 'builtin:sprites', size: 256, validationSplit: 0.125 };
const training = { epochs: 1, batchSize: 32, learningRate: 0.003, optimizer: 'adam' as const, seed: 7 };
const CASES: { name: string; model: RunConfigInput['model']; objective?: RunConfigInput['objective'] }[] = [
  { name: 'VAE MLP 32, z = 4', model: { family: 'vae', hidden: [32], activation: 'relu', latentDim: 4, likelihood: 'bernoulli' }, objective: { beta: 1, iwaeSamples: 8 } },
  { name: 'DAE MLP 32, Gaussian noise', model: { family: 'dae', hidden: [32], activation: 'relu', latentDim: 4, noise: { kind: 'gaussian', sigma: 0.3 } } },
  { name: 'conv AE', model: { family: 'ae', latentDim: 4, encoder: [{ type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, { type: 'flatten' }], decoder: [{ type: 'dense', units: 784, activation: 'relu' }, { type: 'reshape', targetShape: [14, 14, 4] }, { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same' }] } },
];

describe('the engine on WebGPU (Dawn on this machine’s adapter; Mesa lavapipe in CI)', () => {
  it('starts the webgpu backend when asked by name, naming the adapter', async () => {
    const report = await selectBackend('webgpu');
    expect(report.chosen, JSON.stringify(report.skipped)).toBe('webgpu');
    expect(report.detail).toMatch(/^tfjs-backend-webgpu on Dawn: .+; max buffer \d+ MiB/);
  });

  for (const c of CASES) {
    it(`trains ${c.name} one epoch to the wasm backend's numbers, within float32 tolerance`, async () => {
      const config: RunConfigInput = { name: c.name, dataset: { id: sprites.id, size: sprites.size, validationSplit: sprites.validationSplit }, model: c.model, ...(c.objective ? { objective: c.objective } : {}), training };
      await selectBackend('webgpu');
      const gpu = await trainInProcess(config, join(dir.path, 'gpu-' + CASES.indexOf(c)), sprites, 'webgpu');
      await selectBackend('wasm');
      const wasm = await trainInProcess(config, join(dir.path, 'wasm-' + CASES.indexOf(c)), sprites, 'wasm');
      expect(gpu.status, gpu.error ?? '').toBe('completed');
      expect(wasm.status).toBe('completed');
      expect(Object.keys(gpu.final).sort()).toEqual(Object.keys(wasm.final).sort());
      for (const [name, value] of Object.entries(wasm.final)) {
        // 32 Adam steps in float32 on two kernel sets: sums in another order drift apart by ~1e-5 relative per step.
        expect(Math.abs(gpu.final[name] - value), `${name}: webgpu ${gpu.final[name]}, wasm ${value}`).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(value)));
      }
      expect(tf.getBackend()).toBe('wasm');
    }, 120_000);
  }
});
