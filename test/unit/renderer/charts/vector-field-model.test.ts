import { describe, expect, it } from 'vitest';
import type { VectorField } from '../../../../src-shared/contract/types';
import {
  COLORS,
  equalAspect,
  fieldCaption,
  fieldChartOption,
  noiseLabel,
  planeCaption,
  PLOT_MARGIN,
  pointsCaption,
  pointsChartOption,
  toPlane,
} from '../../../../src-renderer/src/charts/vector-field-model';

/** A DAE's answer on 2-D data: three points, their noisy copies and outputs, a 2 × 2 grid. */
function daeField(over: Partial<VectorField> = {}): VectorField {
  return {
    family: 'dae',
    count: 3,
    dims: 2,
    clean: new Float32Array([0, 0, 1, 0, 0, 2]),
    reconstructed: new Float32Array([0.1, 0, 1, 0.1, 0, 1.9]),
    noisy: new Float32Array([0.5, -0.5, 1.5, 0.5, -1, 2]),
    denoised: new Float32Array([0.1, -0.1, 1.1, 0.1, -0.2, 2]),
    noise: { kind: 'gaussian', sigma: 0.5 },
    seed: 4,
    errors: { reconstructed: 0.0134, noisy: 0.8333, denoised: 0.04 },
    projection: null,
    grid: { side: 2, points: new Float32Array([-1, -1, 2, -1, -1, 3, 2, 3]), outputs: new Float32Array([0, 0, 1, 0, 0, 2, 1, 2]) },
    ...over,
  };
}

type Axis = { name: string; min: number; max: number };
type Option = { xAxis: Axis; yAxis: Axis; series: { type: string; name: string; data: unknown[]; itemStyle?: { color: string } }[] };

/** Data units per pixel along x and along y of an option drawn at `size`. */
function scales(option: Option, size: { width: number; height: number }) {
  const plotWidth = size.width - PLOT_MARGIN.left - PLOT_MARGIN.right;
  const plotHeight = size.height - PLOT_MARGIN.top - PLOT_MARGIN.bottom;
  return [(option.xAxis.max - option.xAxis.min) / plotWidth, (option.yAxis.max - option.yAxis.min) / plotHeight];
}

describe('equalAspect', () => {
  it('grows the short side so one unit spans as many pixels across as up, keeping the centre', () => {
    const box = equalAspect({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 400, 400);
    expect(box).toEqual({ xMin: 0, xMax: 4, yMin: -1, yMax: 3 });
    const wide = equalAspect({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 300, 100);
    expect(wide).toEqual({ xMin: -1, xMax: 2, yMin: 0, yMax: 1 });
  });

  it('leaves the box alone before the chart has a size', () => {
    const box = { xMin: 0, xMax: 4, yMin: 0, yMax: 2 };
    expect(equalAspect(box, 0, 0)).toEqual(box);
  });
});

describe('toPlane', () => {
  it('draws 2-D data as is', () => {
    const field = daeField();
    const plane = toPlane(field);
    expect(plane.clean).toBe(field.clean);
    expect(plane.noisy).toBe(field.noisy);
    expect(plane.grid?.points).toBe(field.grid?.points);
  });

  it('projects data of more dimensions onto the principal plane: (a₁·(x − m), a₂·(x − m))', () => {
    const field = daeField({
      dims: 3,
      count: 2,
      clean: new Float32Array([1, 2, 3, 4, 5, 6]),
      reconstructed: new Float32Array([1, 2, 3, 4, 5, 6]),
      noisy: null,
      denoised: null,
      grid: null,
      projection: { mean: [1, 1, 1], axes: [0, 0, 1, 1, 0, 0], explained: [0.6, 0.3] },
    });
    expect(Array.from(toPlane(field).clean)).toEqual([2, 0, 5, 3]);
    expect(toPlane(field).noisy).toBeNull();
  });
});

describe('chart options', () => {
  const size = { width: 440, height: 340 };

  it('draws data and reconstructions in two colours with a legend, at equal scale', () => {
    const field = daeField();
    const option = pointsChartOption(field, toPlane(field), size) as unknown as Option & { legend: object };
    expect(option.legend).toBeDefined();
    expect(option.series.map((s) => s.name)).toEqual(['data x', 'reconstruction f(x)']);
    expect(option.series.map((s) => s.itemStyle?.color)).toEqual([COLORS.data, COLORS.reconstruction]);
    expect(option.series[0].data).toEqual([[0, 0], [1, 0], [0, 2]]);
    const [x, y] = scales(option, size);
    expect(x).toBeCloseTo(y, 12);
    expect([option.xAxis.name, option.yAxis.name]).toEqual(['x₁', 'x₂']);
    // Every point is inside the axes.
    expect(option.xAxis.min).toBeLessThan(0);
    expect(option.yAxis.max).toBeGreaterThan(2);
  });

  it("draws a DAE's arrows from each noisy point to its denoised output, or from grid points to f(g)", () => {
    const field = daeField();
    const samples = fieldChartOption(field, toPlane(field), 'samples', size) as unknown as Option;
    expect(samples.series.map((s) => [s.type, s.name])).toEqual([
      ['scatter', 'data x'],
      ['scatter', 'noisy x̃'],
      ['lines', 'x̃ → f(x̃)'],
    ]);
    expect(samples.series[2].data).toEqual([
      { coords: [[0.5, -0.5], [0.10000000149011612, -0.10000000149011612]] },
      { coords: [[1.5, 0.5], [1.100000023841858, 0.10000000149011612]] },
      { coords: [[-1, 2], [-0.20000000298023224, 2]] },
    ]);
    const [x, y] = scales(samples, size);
    expect(x).toBeCloseTo(y, 12);

    const grid = fieldChartOption(field, toPlane(field), 'grid', size) as unknown as Option;
    expect(grid.series.map((s) => s.name)).toEqual(['data x', 'g → f(g)']);
    expect(grid.series[1].data).toHaveLength(4);
    expect(grid.series[1].data[3]).toEqual({ coords: [[2, 3], [1, 2]] });
    // The grid reaches (2, 3): the axes do too.
    expect(grid.yAxis.max).toBeGreaterThan(3);
  });

  it('names the axes PC1 and PC2 for projected data', () => {
    const field = daeField({ projection: { mean: [0, 0], axes: [1, 0, 0, 1], explained: [0.7, 0.3] } });
    const option = pointsChartOption(field, toPlane(field), size) as unknown as Option;
    expect([option.xAxis.name, option.yAxis.name]).toEqual(['PC1', 'PC2']);
  });
});

describe('captions', () => {
  it('say how the data is drawn', () => {
    expect(planeCaption(daeField())).toBe('2-d data drawn as is, one unit as long across as up.');
    const projected = daeField({ dims: 20, projection: { mean: [], axes: [], explained: [0.6412, 0.2901] } });
    expect(planeCaption(projected)).toMatch(/^20-d data projected onto the first two principal axes of the training split \(PC1 64\.1 %, PC2 29\.0 % of its variance\)/);
  });

  it('give the errors and the noise the run was trained with', () => {
    expect(pointsCaption(daeField())).toBe('3 validation points x and f(x), the decoder output at z = encoder(x). Mean ‖f(x) − x‖² = 0.0134.');
    expect(pointsCaption(daeField({ family: 'vae' }))).toMatch(/the decoder mean at z = μ\(x\), no sampling/);
    expect(fieldCaption(daeField(), 'samples')).toBe(
      "Arrows from the corrupted inputs x̃ (x̃ = x + ε, ε ~ N(0, σ²I), σ = 0.5; noise seed 4) to the DAE's outputs f(x̃). Mean ‖x̃ − x‖² = 0.833, mean ‖f(x̃) − x‖² = 0.0400.",
    );
    expect(fieldCaption(daeField(), 'grid')).toMatch(/^Arrows from 2 × 2 grid points g to f\(g\)/);
    expect(noiseLabel({ kind: 'masking', p: 0.2 })).toBe('masking: each value of x set to 0 with probability 0.2');
    expect(noiseLabel({ kind: 'salt-pepper', p: 0.1 })).toBe('salt and pepper: each value of x set to 0 or 1 with probability 0.1');
  });
});
