import { describe, expect, it } from 'vitest';
import { summarizeArchitecture, type Architecture } from '../../../../src-shared/model-spec/architecture';
import { countMultiplyAdds, layerMultiplyAdds } from '../../../../src-shared/model-spec/multiply-adds';

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
    { type: 'conv2dTranspose', filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' },
  ],
};

describe('multiply-adds per sample', () => {
  it('counts dense as in·out, conv2d over its output grid, conv2dTranspose over its input grid, the rest as 0', () => {
    expect(layerMultiplyAdds({ type: 'dense', units: 256, activation: 'relu' }, [784], [256])).toBe(784 * 256);
    expect(layerMultiplyAdds(convAe.encoder[0], [28, 28, 1], [14, 14, 16])).toBe(3 * 3 * 1 * 16 * 14 * 14);
    expect(layerMultiplyAdds({ type: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' }, [10, 12, 3], [6, 8, 8])).toBe(5 * 5 * 3 * 8 * 6 * 8);
    expect(layerMultiplyAdds(convAe.decoder[2], [7, 7, 32], [14, 14, 16])).toBe(3 * 3 * 32 * 16 * 7 * 7);
    for (const layer of [{ type: 'flatten' }, { type: 'batchNorm' }, { type: 'dropout', rate: 0.5 }, { type: 'upsample', size: 2 }, { type: 'activation', activation: 'relu' }] as const) {
      expect(layerMultiplyAdds(layer, [4, 4, 2], [4, 4, 2])).toBe(0);
    }
  });

  it('adds the latent heads (two for a Gaussian) to the layers, as counted by hand for the conv VAE', () => {
    const summary = summarizeArchitecture(convAe, [28, 28, 1], 8, 'gaussian');
    const counts = countMultiplyAdds(convAe, summary, 'gaussian');
    const byHand = {
      encoder: [3 * 3 * 1 * 16 * 14 * 14, 3 * 3 * 16 * 32 * 7 * 7, 0],
      latent: 2 * 1568 * 8,
      decoder: [8 * 1568, 0, 3 * 3 * 32 * 16 * 7 * 7, 3 * 3 * 16 * 1 * 14 * 14],
    };
    expect(counts).toEqual({ ...byHand, total: 28_224 + 225_792 + 25_088 + 12_544 + 225_792 + 28_224 });
    expect(countMultiplyAdds(convAe, summarizeArchitecture(convAe, [28, 28, 1], 8, 'deterministic'), 'deterministic').latent).toBe(1568 * 8);
  });
});
