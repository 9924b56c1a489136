import { describe, expect, it } from 'vitest';
import { summarizeVaeMlp } from '../../../../src-shared/model-spec/vae-mlp';

describe('summarizeVaeMlp', () => {
  it('counts parameters of a 784-256-128-8 VAE layer by layer', () => {
    const s = summarizeVaeMlp({ family: 'vae', hidden: [256, 128], activation: 'relu', latentDim: 8, likelihood: 'bernoulli' }, 784);
    // Worked by hand: weights + biases of each dense layer; the Gaussian head has two (μ and log σ²).
    const expected = 784 * 256 + 256 + (256 * 128 + 128) + 2 * (128 * 8 + 8) + (8 * 128 + 128) + (128 * 256 + 256) + (256 * 784 + 784);
    expect(s.totalParams).toBe(expected);
    expect(s.encoder.map((l) => l.name)).toEqual(['enc_dense1', 'enc_dense2', 'enc_gaussian']);
    expect(s.decoder.map((l) => l.outputShape[0])).toEqual([128, 256, 784]);
    expect(s.encoder[2].outputShape).toEqual([2, 8]);
  });

  it('handles a VAE with no hidden layers (linear Gaussian encoder and decoder)', () => {
    const s = summarizeVaeMlp({ family: 'vae', hidden: [], activation: 'relu', latentDim: 2, likelihood: 'bernoulli' }, 10);
    expect(s.totalParams).toBe(2 * (10 * 2 + 2) + (2 * 10 + 10));
  });
});
