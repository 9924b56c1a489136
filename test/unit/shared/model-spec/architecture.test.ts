import { describe, expect, it } from 'vitest';
import { mlpArchitecture, summarizeArchitecture, type Architecture } from '../../../../src-shared/model-spec/architecture';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { SpecError } from '../../../../src-shared/model-spec/infer';
import { resolveArchitecture } from '../../../../src-shared/model-spec/model-summary';

const convAe: Architecture = {
  encoder: [
    { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'conv2d', filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'flatten' },
  ],
  decoder: [
    { type: 'dense', units: 7 * 7 * 32, activation: 'relu' },
    { type: 'reshape', targetShape: [7, 7, 32] },
    { type: 'conv2dTranspose', filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear', name: 'deconv2' },
  ],
};

describe('summarizeArchitecture', () => {
  it('infers conv, transposed conv and reshape shapes and counts parameters by hand', () => {
    const s = summarizeArchitecture(convAe, [28, 28, 1], 8, 'gaussian');
    expect(s.encoder.map((l) => l.outputShape)).toEqual([[14, 14, 16], [7, 7, 32], [1568]]);
    expect(s.latent.outputShape).toEqual([2, 8]);
    expect(s.decoder.map((l) => l.outputShape)).toEqual([[1568], [7, 7, 32], [14, 14, 16], [28, 28, 1]]);
    const expected =
      (3 * 3 * 1 * 16 + 16) + (3 * 3 * 16 * 32 + 32) + // encoder convs
      2 * (1568 * 8 + 8) + // μ and log σ² heads
      (8 * 1568 + 1568) + (3 * 3 * 32 * 16 + 16) + (3 * 3 * 16 * 1 + 1); // decoder
    expect(s.totalParams).toBe(expected);
  });

  it('names the layer and both shapes when the decoder does not give back the input', () => {
    const bad: Architecture = {
      ...convAe,
      decoder: convAe.decoder.map((l) => (l.type === 'reshape' ? { ...l, targetShape: [7, 7, 32] } : l)).slice(0, 3).concat([
        { type: 'conv2dTranspose', filters: 1, kernelSize: 2, strides: 2, padding: 'valid', activation: 'linear', name: 'deconv2' },
      ]),
    };
    expect(() => summarizeArchitecture(bad, [28, 27, 1], 8, 'gaussian')).toThrow(/decoder output 28×28×1 ≠ input 28×27×1 at layer 'deconv2'/);
  });

  it.each([
    [
      'dense on an image',
      { encoder: [{ type: 'dense' as const, units: 4, activation: 'relu' as const }], decoder: [] },
      /encoder layer 'enc_dense1' \(dense\): needs a flat input, got 28×28×1; add a flatten before it/,
    ],
    [
      'a reshape that loses values',
      { encoder: [{ type: 'flatten' as const }], decoder: [{ type: 'reshape' as const, targetShape: [5, 5, 1] }] },
      /decoder layer 'dec_reshape1' \(reshape\): cannot reshape 8 \(8 values\) to 5×5×1 \(25 values\)/,
    ],
    ['an unflattened encoder', { encoder: [{ type: 'conv2d' as const, filters: 2, kernelSize: 3, strides: 1, padding: 'same' as const, activation: 'relu' as const }], decoder: [] }, /latent head needs a flat encoder output, but 'enc_conv2d1' gives 28×28×2/],
    [
      'a kernel larger than its input',
      { encoder: [{ type: 'conv2d' as const, filters: 2, kernelSize: 9, strides: 1, padding: 'valid' as const, activation: 'relu' as const, name: 'big' }, { type: 'flatten' as const }], decoder: [] },
      /encoder layer 'big' \(conv2d\): a 9×9 kernel does not fit the 4×4 input/,
    ],
  ])('refuses %s with a message naming the layer', (_what, arch, message) => {
    const input = _what === 'a kernel larger than its input' ? [4, 4, 1] : [28, 28, 1];
    let error: unknown;
    try {
      summarizeArchitecture(arch, input, 8, 'gaussian');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(message);
  });

  it('builds the MLP shorthand with the same parameter count as worked by hand', () => {
    const s = summarizeArchitecture(mlpArchitecture([256, 128], 'relu', [28, 28, 1]), [28, 28, 1], 8, 'gaussian');
    const expected = 784 * 256 + 256 + (256 * 128 + 128) + 2 * (128 * 8 + 8) + (8 * 128 + 128) + (128 * 256 + 256) + (256 * 784 + 784);
    expect(s.totalParams).toBe(expected);
    expect(s.decoder.at(-1)?.outputShape).toEqual([28, 28, 1]);
  });

  it('sizes a valid transposed convolution as tfjs does, also when the kernel is smaller than the stride', () => {
    const arch: Architecture = {
      encoder: [{ type: 'flatten' }],
      decoder: [
        { type: 'dense', units: 14 * 14, activation: 'linear' },
        { type: 'reshape', targetShape: [14, 14, 1] },
        { type: 'conv2dTranspose', filters: 1, kernelSize: 1, strides: 2, padding: 'valid', activation: 'linear' },
      ],
    };
    expect(summarizeArchitecture(arch, [28, 28, 1], 4, 'deterministic').decoder.at(-1)?.outputShape).toEqual([28, 28, 1]);
    const wide = { ...arch, decoder: [...arch.decoder.slice(0, 2), { type: 'conv2dTranspose' as const, filters: 1, kernelSize: 3, strides: 2, padding: 'valid' as const, activation: 'linear' as const }] };
    expect(() => summarizeArchitecture(wide, [28, 28, 1], 4, 'deterministic')).toThrow(/decoder output 29×29×1 ≠ input 28×28×1/);
  });

  it('counts batch norm as four values per channel and adds none for activations and dropout', () => {
    const arch: Architecture = {
      encoder: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'linear' }, { type: 'batchNorm' }, { type: 'activation', activation: 'relu' }, { type: 'dropout', rate: 0.1 }],
      decoder: [{ type: 'dense', units: 6, activation: 'linear' }],
    };
    const s = summarizeArchitecture(arch, [6], 3, 'deterministic');
    expect(s.encoder.map((l) => l.params)).toEqual([0, 6 * 10 + 10, 40, 0, 0]);
    expect(s.latent.params).toBe(10 * 3 + 3);
  });
});

describe('the MLP shorthand’s output activation', () => {
  it('is linear by default and what outputActivation says otherwise (Hinton & Salakhutdinov’s sigmoid output)', () => {
    const outputOf = (model: object) => {
      const parsed = parseRunConfig({ dataset: { id: 'builtin:sprites' }, model });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return resolveArchitecture(parsed.config.model, [28, 28, 1])!.decoder.find((l) => l.name === 'dec_output');
    };
    expect(outputOf({ family: 'ae', latentDim: 30, hidden: [1000, 500, 250] })).toMatchObject({ activation: 'linear', units: 784 });
    expect(outputOf({ family: 'ae', latentDim: 30, hidden: [1000, 500, 250], outputActivation: 'sigmoid' })).toMatchObject({ activation: 'sigmoid', units: 784 });
    expect(mlpArchitecture([8], 'relu', [4], 'tanh').decoder.at(-1)).toMatchObject({ name: 'dec_output', activation: 'tanh' });
  });
});
