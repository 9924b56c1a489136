import { describe, expect, it } from 'vitest';
import { layerSpecSchema } from '../../../../src-shared/model-spec/layers';
import { CATEGORY_OF, defaultLayer, layerActivation, layerDetail, PALETTE_GROUPS } from '../../../../src-renderer/src/builder/layer-catalog';

const ALL_TYPES = layerSpecSchema.options.map((o) => o.shape.type.value);

describe('layer palette', () => {
  it('offers every layer type of the model spec exactly once, each in a category', () => {
    const offered = PALETTE_GROUPS.flatMap((g) => g.types);
    expect([...offered].sort()).toEqual([...ALL_TYPES].sort());
    for (const type of ALL_TYPES) expect(CATEGORY_OF[type]).toBeDefined();
  });

  it.each(ALL_TYPES)('makes a valid new %s layer', (type) => {
    const layer = defaultLayer(type, [14, 14, 16]);
    expect(layerSpecSchema.parse(layer)).toEqual(layer);
    expect(typeof layerDetail(layer)).toBe('string');
  });

  it('gives a new reshape a target that holds its input: an image from n² values, a vector from an image', () => {
    expect(defaultLayer('reshape', [784])).toEqual({ type: 'reshape', targetShape: [28, 28, 1] });
    expect(defaultLayer('reshape', [10])).toEqual({ type: 'reshape', targetShape: [10] });
    expect(defaultLayer('reshape', [7, 7, 32])).toEqual({ type: 'reshape', targetShape: [1568] });
  });

  it('sums a layer up in a few characters', () => {
    const conv = { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' } as const;
    expect(layerDetail(conv)).toBe('16 × 3×3 · stride 2 · same');
    expect(layerActivation(conv)).toBe('relu');
    expect(layerActivation({ type: 'flatten' })).toBeNull();
    expect(layerDetail({ type: 'reshape', targetShape: [7, 7, 32] })).toBe('→ 7×7×32');
  });
});
