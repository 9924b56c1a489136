import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../../src-shared/config/parse-run-config';
import type { ModelConfig, RunConfigInput } from '../../../../../src-shared/config/run-config';
import { portableModelOf } from '../../../../../src-main/trainer/export/portable-model';
import { createFittedModel, createModel } from '../../../../../src-main/trainer/models';
import { readWeightsFile, saveWeights } from '../../../../../src-main/trainer/weights';
import { tempDir } from '../../../../helpers/temp-dir';

const dir = tempDir();
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => dir.remove());

function modelConfig(model: RunConfigInput['model']): ModelConfig {
  const parsed = parseRunConfig({ dataset: { id: 'builtin:sprites' }, model });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config.model;
}

let files = 0;
/** The weights file of a fresh model of `model` (PCA fitted to a little random data). */
async function weightsOf(model: RunConfigInput['model'], inputShape: number[]) {
  const config = modelConfig(model);
  const d = inputShape.reduce((a, b) => a * b, 1);
  const train = config.family === 'pca' ? tf.randomUniform([32, d], 0, 1, 'float32', 3) as tf.Tensor2D : undefined;
  const m = train ? await createFittedModel(config, inputShape, 1, train) : createModel(config, inputShape, 1);
  train?.dispose();
  const path = join(dir.path, `w${++files}.llw`);
  await saveWeights(path, m.namedVariables);
  m.dispose();
  return readWeightsFile(path);
}

const conv = {
  family: 'ae' as const,
  latentDim: 3,
  reconstruction: 'bernoulli' as const,
  encoder: [
    { type: 'conv2d' as const, filters: 4, kernelSize: 3, strides: 2 },
    { type: 'batchNorm' as const, name: 'bn' },
    { type: 'flatten' as const },
  ],
  decoder: [
    { type: 'dense' as const, units: 64 },
    { type: 'reshape' as const, targetShape: [4, 4, 4] },
    { type: 'conv2dTranspose' as const, filters: 3, kernelSize: 3, strides: 2 },
  ],
};

describe('portable model: a trained model as plain data', () => {
  it('gives every layer its shapes and its weights in tfjs layout, and the heads their shapes', async () => {
    const portable = portableModelOf(modelConfig(conv), [8, 8, 3], await weightsOf(conv, [8, 8, 3]));
    expect(portable).toMatchObject({ family: 'ae', latentKind: 'deterministic', latentDim: 3, inputShape: [8, 8, 3], output: 'sigmoid' });
    expect(portable).not.toHaveProperty('sigma');
    const summary = (layers: typeof portable.encoder.layers) =>
      layers.map((l) => [l.name, l.inputShape, l.outputShape, Object.fromEntries(Object.entries(l.weights).map(([k, w]) => [k, w.shape]))]);
    expect(summary(portable.encoder.layers)).toEqual([
      ['enc_conv2d1', [8, 8, 3], [4, 4, 4], { kernel: [3, 3, 3, 4], bias: [4] }],
      ['bn', [4, 4, 4], [4, 4, 4], { gamma: [4], beta: [4], moving_mean: [4], moving_variance: [4] }],
      ['enc_flatten3', [4, 4, 4], [64], {}],
    ]);
    expect(summary(portable.decoder.layers)).toEqual([
      ['dec_dense1', [3], [64], { kernel: [3, 64], bias: [64] }],
      ['dec_reshape2', [64], [4, 4, 4], {}],
      ['dec_conv2dTranspose3', [4, 4, 4], [8, 8, 3], { kernel: [3, 3, 3, 4], bias: [3] }],
    ]);
    expect(portable.heads.map((h) => [h.name, h.kernel.shape, h.bias.shape])).toEqual([['z', [64, 3], [3]]]);
  });

  it('reads σ of a Gaussian decoder: the fixed one from the config, the learned one from the weights', async () => {
    const fixed = { family: 'vae' as const, hidden: [8], latentDim: 2, likelihood: 'gaussian' as const, sigma: 0.25 };
    expect(portableModelOf(modelConfig(fixed), [5], await weightsOf(fixed, [5]))).toMatchObject({ sigma: 0.25, output: 'identity', latentKind: 'gaussian' });
    const learned = { ...fixed, likelihood: 'gaussian-learned' as const };
    // A fresh model's log σ is log of the starting σ.
    expect(portableModelOf(modelConfig(learned), [5], await weightsOf(learned, [5])).sigma).toBeCloseTo(0.25, 6);
    const bernoulli = { family: 'vae' as const, hidden: [8], latentDim: 2, likelihood: 'bernoulli' as const };
    expect(portableModelOf(modelConfig(bernoulli), [5], await weightsOf(bernoulli, [5]))).not.toHaveProperty('sigma');
  });

  it('writes PCA as two dense maps: z = Uᵀ(x − m) and x̂ = U z + m, reshaped to the input', async () => {
    const pca = { family: 'pca' as const, latentDim: 2 };
    const entries = await weightsOf(pca, [2, 2, 1]);
    const portable = portableModelOf(modelConfig(pca), [2, 2, 1], entries);
    const mean = entries.find((e) => e.name === 'pca/mean')!.values;
    const u = entries.find((e) => e.name === 'pca/components')!.values;
    const bias = portable.heads[0].bias.values;
    for (let j = 0; j < 2; j++) expect(bias[j]).toBeCloseTo(-[0, 1, 2, 3].reduce((s, i) => s + u[i * 2 + j] * mean[i], 0), 6);
    const decode = portable.decoder.layers[0].weights.kernel;
    expect(decode.shape).toEqual([2, 4]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 2; j++) expect(decode.values[j * 4 + i]).toBe(u[i * 2 + j]);
    expect(portable.decoder.layers.map((l) => [l.name, l.outputShape])).toEqual([
      ['pca_decode', [4]],
      ['pca_reshape', [2, 2, 1]],
    ]);
  });

  // Netron-style table: a weights file of another config, and the error that names the tensor.
  const mlp = { family: 'vae' as const, hidden: [8], latentDim: 2 };
  type Model = RunConfigInput['model'];
  const mismatches: { title: string; file: [Model, number[]]; config: [Model, number[]]; error: RegExp }[] = [
    { title: 'a deeper MLP', file: [mlp, [6]], config: [{ ...mlp, hidden: [8, 4] }, [6]], error: /no tensor 'enc_dense2\/kernel'/ },
    { title: 'an AE for a VAE', file: [{ ...mlp, family: 'ae' }, [6]], config: [mlp, [6]], error: /no tensor 'latent_mu\/kernel'/ },
    {
      title: 'a learned σ the config does not have',
      file: [{ ...mlp, likelihood: 'gaussian-learned' }, [6]],
      config: [{ ...mlp, likelihood: 'gaussian' }, [6]],
      error: /tensors this model's config does not use: likelihood\/log_sigma/,
    },
    { title: 'a shallower MLP', file: [{ ...mlp, hidden: [8, 4] }, [6]], config: [mlp, [6]], error: /'latent_mu\/kernel' is 4×2, this model's config needs 8×2/ },
    { title: 'another latent size', file: [mlp, [6]], config: [{ ...mlp, latentDim: 3 }, [6]], error: /'latent_mu\/kernel' is 8×2, this model's config needs 8×3/ },
    { title: 'another input size', file: [mlp, [6]], config: [mlp, [7]], error: /'enc_dense1\/kernel' is 6×8, this model's config needs 7×8/ },
    { title: 'another image depth', file: [conv, [8, 8, 3]], config: [conv, [8, 8, 1]], error: /'enc_conv2d1\/kernel' is 3×3×3×4, this model's config needs 3×3×1×4/ },
    { title: 'PCA of another k', file: [{ family: 'pca', latentDim: 2 }, [6]], config: [{ family: 'pca', latentDim: 3 }, [6]], error: /'pca\/components' is 6×2, this model's config needs 6×3/ },
    { title: 'PCA of another input', file: [{ family: 'pca', latentDim: 2 }, [6]], config: [{ family: 'pca', latentDim: 2 }, [2, 2, 1]], error: /'pca\/mean' is 6, this model's config needs 4/ },
    { title: 'an AE, for PCA', file: [{ ...mlp, family: 'ae' }, [6]], config: [{ family: 'pca', latentDim: 2 }, [6]], error: /no tensor 'pca\/mean'/ },
  ];
  for (const m of mismatches) {
    it(`refuses the weights file of ${m.title}, naming the tensor`, async () => {
      const entries = await weightsOf(...m.file);
      expect(() => portableModelOf(modelConfig(m.config[0]), m.config[1], entries)).toThrow(m.error);
    });
  }
});
