import { describe, expect, it } from 'vitest';
import { indexOfDatum, projectorOption } from '../../../../src-renderer/src/latent/projector-model';

const points = Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
type Series = { name: string; data: unknown[] };

describe('the projector chart', () => {
  it('draws one series per class, unlabelled points apart, and the anchors on top', () => {
    const option = projectorOption({
      points,
      count: 4,
      axes: ['PC 1', 'PC 2'],
      colouring: { name: 'class', kind: 'categorical', categories: ['cat', 'dog'], values: Int32Array.from([1, 0, -1, 1]) },
      anchors: { a: 3, b: 0 },
    });
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['cat', 'dog', 'no label', 'anchors']);
    expect(series[1].data).toEqual([
      [0, 0, 1, 0],
      [3, 3, 1, 3],
    ]);
    expect((option.legend as { data: string[] }).data).toEqual(['cat', 'dog', 'no label']);
    expect(series[3].data.map((d) => indexOfDatum(d))).toEqual([3, 0]);
    expect(option.visualMap).toBeUndefined();
  });

  it('maps a continuous factor through a visual map spanning its values', () => {
    const option = projectorOption({ points, count: 4, axes: ['z₁', 'z₂'], colouring: { name: 'scale', kind: 'continuous', values: Float32Array.from([4, 9, 5, 6]) }, anchors: { a: 0, b: 9 } });
    expect(option.visualMap).toMatchObject({ min: 4, max: 9, dimension: 2, text: ['scale 9', '4'] });
    const series = option.series as Series[];
    expect(series[0].data).toHaveLength(4);
    // Anchor B (#9) is not among the 4 points drawn: only A is marked.
    expect(series[1].data).toHaveLength(1);
  });

  it('reads the validation index from a datum, or nothing', () => {
    expect(indexOfDatum([0.5, 1, 2, 17])).toBe(17);
    expect(indexOfDatum({ value: [0, 0, 0, 4] })).toBe(4);
    expect(indexOfDatum(undefined)).toBeNull();
    expect(indexOfDatum([1, 2])).toBeNull();
  });
});
