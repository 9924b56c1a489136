import { describe, expect, it } from 'vitest';
import { pointColourings, projectCodes } from '../../../../src-main/trainer/latent-projection';

describe('the projector in the trainer', () => {
  it('takes the validation samples’ class labels, after the training ones', () => {
    const labels = Int32Array.from([0, 1, 2, 2, 1, -1]);
    const [c] = pointColourings({ kind: 'classes', classes: ['a', 'b', 'c'], labels }, 2, 3);
    expect(c).toMatchObject({ name: 'class', kind: 'categorical', categories: ['a', 'b', 'c'] });
    expect(Array.from(c.values)).toEqual([2, 2, 1]);
  });

  it('colours sprites by shape name and by each continuous factor', () => {
    // Two samples (one training, one validation) × five factors: shape, scale, rotation, x, y.
    const values = Float32Array.from([1, 5, 0.5, 10, 11, 3, 7, 1.5, 12, 13]);
    const colourings = pointColourings({ kind: 'factors', factors: ['shape', 'scale', 'rotation', 'x', 'y'], values }, 1, 1);
    expect(colourings[0]).toMatchObject({ name: 'shape', kind: 'categorical', categories: ['square', 'ellipse', 'triangle', 'heart'] });
    expect(Array.from(colourings[0].values)).toEqual([3]);
    expect(colourings.slice(1).map((c) => [c.name, c.kind, c.values[0]])).toEqual([
      ['scale', 'continuous', 7],
      ['rotation', 'continuous', 1.5],
      ['x', 'continuous', 12],
      ['y', 'continuous', 13],
    ]);
    expect(pointColourings({ kind: 'none' }, 0, 4)).toEqual([]);
  });

  it('projects codes on their principal plane, or draws 2-d codes as they are', () => {
    // Points on the line y = 2x (plus a little spread across it): PC 1 runs along the line and holds almost all the variance.
    const codes = Float32Array.from([0, 0, 1, 2, 2, 4, 3, 6, 1, 2.1, 2, 3.9]);
    const pca = projectCodes(codes, 6, 2, 'pca');
    expect(pca.axes).toEqual(['PC 1', 'PC 2']);
    expect(pca.explained![0]).toBeGreaterThan(0.99);
    const spread = (d: number) => Array.from({ length: 6 }, (_, i) => pca.points[2 * i + d] ** 2).reduce((s, v) => s + v, 0);
    expect(spread(0)).toBeGreaterThan(100 * spread(1));
    expect(projectCodes(codes, 6, 2, 'raw')).toMatchObject({ method: 'raw', points: codes, axes: ['z₁', 'z₂'], explained: null });
    expect(() => projectCodes(new Float32Array(9), 3, 3, 'raw')).toThrow(/raw projection draws a 2-d latent space; this run's has 3 dimensions/);
  });
});
