import { isGraphFamily } from '../../../../src-shared/config/run-config';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../src-shared/config/presets';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { builtinDatasetInfo } from '../../../../src-shared/datasets/builtin';
import { mlpArchitecture, summarizeArchitecture } from '../../../../src-shared/model-spec/architecture';
import { SpecError, type Shape } from '../../../../src-shared/model-spec/infer';
import type { LayerSpec } from '../../../../src-shared/model-spec/layers';
import { mirrorEncoder } from '../../../../src-shared/model-spec/mirror-encoder';
import { latentKindOf, resolveArchitecture, specInputShape } from '../../../../src-shared/model-spec/model-summary';

const withoutNames = (layers: LayerSpec[]) => layers.map(({ name: _name, ...rest }) => rest);
const fits = (encoder: LayerSpec[], decoder: LayerSpec[], input: Shape) => summarizeArchitecture({ encoder, decoder }, input, 4, 'gaussian');
const conv = (filters: number, kernelSize: number, strides: number, padding: 'same' | 'valid' = 'same', activation: 'relu' | 'linear' = 'relu'): LayerSpec => ({
  type: 'conv2d',
  filters,
  kernelSize,
  strides,
  padding,
  activation,
});

describe('mirrorEncoder', () => {
  // Every preset's encoder (the MLP ones through their shorthand) on its own dataset gives back a decoder that fits.
  // PCA has no layers; graph autoencoders are GCN widths, not layer specs.
  const withLayers = PRESETS.filter((p) => p.config.model.family !== 'pca' && !isGraphFamily(p.config.model.family));
  it.each(withLayers.map((p) => [p.id, p] as const))('mirrors the %s preset into a decoder that gives back the input', (_id, preset) => {
    const config = parseRunConfig(preset.config);
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const input = specInputShape(builtinDatasetInfo(config.config.dataset.id)!.sampleShape);
    const arch = resolveArchitecture(config.config.model, input)!;
    const decoder = mirrorEncoder(arch.encoder, input);
    const summary = summarizeArchitecture({ encoder: arch.encoder, decoder }, input, config.config.model.latentDim, latentKindOf(config.config.model));
    expect(summary.decoder.at(-1)!.outputShape).toEqual(input);
    // The preset's own decoder is the mirror: same layers, same shapes, same parameters (names aside).
    expect(withoutNames(decoder)).toEqual(withoutNames(arch.decoder));
  });

  it('leaves PCA out: it has no layers to mirror', () => {
    const pca = parseRunConfig(PRESETS.find((p) => p.id === 'pca')!.config);
    expect(pca.ok && resolveArchitecture(pca.config.model, [28, 28, 1])).toBeNull();
  });

  it('mirrors the MLP shorthand on vectors and images as mlpArchitecture does', () => {
    for (const input of [[2], [28, 28, 1], [8, 8, 3]]) {
      for (const hidden of [[], [64], [256, 128, 32]]) {
        const arch = mlpArchitecture(hidden, 'tanh', input);
        expect(withoutNames(mirrorEncoder(arch.encoder, input))).toEqual(withoutNames(arch.decoder));
      }
    }
  });

  it('turns conv2d stride s into conv2dTranspose stride s, filters back to the input channels, flatten into a reshape', () => {
    const encoder = [conv(16, 3, 2), conv(32, 5, 2), { type: 'flatten' } as const];
    expect(mirrorEncoder(encoder, [32, 32, 3])).toEqual([
      { type: 'dense', units: 8 * 8 * 32, activation: 'relu' },
      { type: 'reshape', targetShape: [8, 8, 32] },
      { type: 'conv2dTranspose', filters: 16, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' },
      { type: 'conv2dTranspose', filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' },
    ]);
  });

  it.each<[string, LayerSpec[], Shape]>([
    ["a 'same' stride that does not divide the size (27 → 14)", [conv(8, 3, 2), { type: 'flatten' }], [27, 27, 1]],
    ["'valid' padding that drops a row (28, k=5, s=2 → 12)", [conv(8, 5, 2, 'valid'), { type: 'flatten' }], [28, 28, 1]],
    ["'valid' padding with stride 1 (28 → 26 → 24)", [conv(8, 3, 1, 'valid'), conv(8, 3, 1, 'valid'), { type: 'flatten' }], [28, 28, 1]],
    ['stride 3 on 28 (→ 10 → 4)', [conv(8, 3, 3), conv(8, 3, 3), { type: 'flatten' }], [28, 28, 2]],
    ['an upsample and a transposed convolution', [{ type: 'upsample', size: 2 }, { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, { type: 'flatten' }], [7, 7, 1]],
    ['a reshape of vectors into an image', [{ type: 'reshape', targetShape: [4, 4, 1] }, conv(4, 3, 2), { type: 'flatten' }, { type: 'dense', units: 8, activation: 'elu' }], [16]],
  ])('fits the input after %s', (_what, encoder, input) => {
    const decoder = mirrorEncoder(encoder, input);
    expect(fits(encoder, decoder, input).decoder.at(-1)!.outputShape).toEqual(input);
    const weighted = decoder.filter((l) => 'activation' in l && l.type !== 'activation');
    expect(weighted.at(-1)).toMatchObject({ activation: 'linear' });
  });

  it('keeps activation, batchNorm and dropout layers in mirrored places, and ends on the linear layer that gives back the input', () => {
    const encoder: LayerSpec[] = [
      { type: 'dropout', rate: 0.1 },
      { type: 'flatten' },
      { type: 'dense', units: 64, activation: 'linear' },
      { type: 'batchNorm' },
      { type: 'activation', activation: 'relu' },
      { type: 'dense', units: 16, activation: 'tanh' },
      { type: 'dropout', rate: 0.3 },
    ];
    expect(mirrorEncoder(encoder, [4, 4, 1])).toEqual([
      { type: 'dense', units: 16, activation: 'tanh' },
      { type: 'dropout', rate: 0.3 },
      { type: 'dense', units: 64, activation: 'linear' },
      { type: 'activation', activation: 'relu' },
      { type: 'batchNorm' },
      { type: 'dense', units: 16, activation: 'linear' },
      { type: 'reshape', targetShape: [4, 4, 1] },
    ]);
  });

  it('names the encoder layer that does not fit, or asks for a flat encoder output', () => {
    expect(() => mirrorEncoder([{ type: 'dense', units: 4, activation: 'relu', name: 'fc' }], [28, 28, 1])).toThrow(/encoder layer 'fc' \(dense\): needs a flat input, got 28×28×1/);
    expect(() => mirrorEncoder([conv(4, 3, 2)], [28, 28, 1])).toThrow(/latent head needs a flat encoder output, but 'enc_conv2d1' gives 14×14×4; end the encoder with a flatten/);
    expect(() => mirrorEncoder([], [28, 28, 1])).toThrow(SpecError);
  });

  it('says which convolution cannot be undone exactly, rather than giving a decoder that does not fit', () => {
    // 28×27 with stride 2 gives 14×14: no square-kernel transposed convolution gives back 28 rows and 27 columns.
    expect(() => mirrorEncoder([{ ...conv(4, 3, 2), name: 'down' }, { type: 'flatten' }], [28, 27, 1])).toThrow(
      /cannot mirror encoder layer 'down' \(conv2d\): no transposed convolution gives back 28×27×1 from 14×14×4/,
    );
  });
});
