import type { NoiseConfig } from '../../../src-shared/config/run-config';
import type { VectorField } from '../../../src-shared/contract/types';
import { boundingBox, type PlaneBox } from '../../../src-shared/math/plane-box';
import { projectOntoPlane } from '../../../src-shared/math/principal-plane';
import { formatSignificant } from '../format';

/**
 * What the vector-run panel draws, as pure functions of a `latent.vectorField` answer and the chart's size in
 * pixels: plane coordinates, axis ranges at equal scale, ECharts options and captions. No DOM and no Vue.
 */

/** A field's points as drawn: plane coordinates, count × 2 (the data itself for 2-D data, else its principal plane). */
export interface PlanePoints {
  clean: Float32Array;
  reconstructed: Float32Array;
  noisy: Float32Array | null;
  denoised: Float32Array | null;
  grid: { points: Float32Array; outputs: Float32Array } | null;
}

export function toPlane(field: VectorField): PlanePoints {
  const { projection } = field;
  const plane = (values: Float32Array, count = field.count) => (projection ? projectOntoPlane(values, count, projection) : values);
  const cells = field.grid ? field.grid.side * field.grid.side : 0;
  return {
    clean: plane(field.clean),
    reconstructed: plane(field.reconstructed),
    noisy: field.noisy && plane(field.noisy),
    denoised: field.denoised && plane(field.denoised),
    grid: field.grid && { points: plane(field.grid.points, cells), outputs: plane(field.grid.outputs, cells) },
  };
}

/** Room around the plot inside the chart, in pixels: axis labels left and below, the legend above. */
export const PLOT_MARGIN = { left: 46, right: 14, top: 34, bottom: 28 } as const;

/**
 * The box grown along one axis so that one data unit is as many pixels across as up, in a plot area of
 * `widthPx` × `heightPx`: a circle of the data is drawn round.
 */
export function equalAspect(box: PlaneBox, widthPx: number, heightPx: number): PlaneBox {
  const width = box.xMax - box.xMin;
  const height = box.yMax - box.yMin;
  if (widthPx <= 0 || heightPx <= 0 || width <= 0 || height <= 0) return box;
  const unitsPerPx = Math.max(width / widthPx, height / heightPx);
  const growX = (unitsPerPx * widthPx - width) / 2;
  const growY = (unitsPerPx * heightPx - height) / 2;
  return { xMin: box.xMin - growX, xMax: box.xMax + growX, yMin: box.yMin - growY, yMax: box.yMax + growY };
}

export const COLORS = { data: '#5fb3ff', reconstruction: '#f5b85c', noisy: '#ff6b6b', arrow: '#f5b85c', grid: '#c39bff' } as const;

const AXIS_TEXT = '#9aa7b4';
const SPLIT_LINE = '#26313c';

/** How a chart draws its field: arrows from corrupted points x̃ to f(x̃) (the seeds' figure), or from grid points g to f(g). */
export type FieldMode = 'samples' | 'grid';

interface ChartSize {
  width: number;
  height: number;
}

const pairs = (values: Float32Array): [number, number][] => Array.from({ length: values.length / 2 }, (_, i) => [values[2 * i], values[2 * i + 1]]);

const arrows = (from: Float32Array, to: Float32Array) => pairs(from).map((start, i) => ({ coords: [start, [to[2 * i], to[2 * i + 1]]] }));

function axes(field: VectorField, size: ChartSize, pointLists: Float32Array[]) {
  const plotWidth = size.width - PLOT_MARGIN.left - PLOT_MARGIN.right;
  const plotHeight = size.height - PLOT_MARGIN.top - PLOT_MARGIN.bottom;
  const box = equalAspect(boundingBox(pointLists, 0.04), plotWidth, plotHeight);
  const [xName, yName] = field.projection ? ['PC1', 'PC2'] : ['x₁', 'x₂'];
  const axis = (name: string, min: number, max: number) => ({
    type: 'value',
    name,
    nameGap: 4,
    nameTextStyle: { color: AXIS_TEXT },
    min,
    max,
    axisLabel: { color: AXIS_TEXT, showMinLabel: false, showMaxLabel: false },
    splitLine: { lineStyle: { color: SPLIT_LINE } },
  });
  return {
    grid: { ...PLOT_MARGIN },
    xAxis: axis(xName, box.xMin, box.xMax),
    yAxis: axis(yName, box.yMin, box.yMax),
  };
}

const legend = { top: 4, textStyle: { color: AXIS_TEXT }, itemWidth: 14, itemHeight: 8 };

const scatter = (name: string, values: Float32Array, color: string, symbolSize: number, opacity: number) => ({
  type: 'scatter',
  name,
  data: pairs(values),
  symbolSize,
  itemStyle: { color, opacity },
  emphasis: { disabled: true },
  z: 2,
});

const arrowSeries = (name: string, from: Float32Array, to: Float32Array, color: string) => ({
  type: 'lines',
  name,
  coordinateSystem: 'cartesian2d',
  data: arrows(from, to),
  symbol: ['none', 'arrow'],
  symbolSize: 5,
  lineStyle: { color, width: 1, opacity: 0.75 },
  emphasis: { disabled: true },
  silent: true,
  z: 3,
});

/** Validation points x and their reconstructions f(x), in two colours. */
export function pointsChartOption(field: VectorField, plane: PlanePoints, size: ChartSize) {
  return {
    animation: false,
    legend,
    ...axes(field, size, [plane.clean, plane.reconstructed]),
    series: [scatter('data x', plane.clean, COLORS.data, 4, 0.8), scatter('reconstruction f(x)', plane.reconstructed, COLORS.reconstruction, 4, 0.8)],
  };
}

/** A DAE's field over faint data points: arrows from x̃ to f(x̃), or from grid points g to f(g). */
export function fieldChartOption(field: VectorField, plane: PlanePoints, mode: FieldMode, size: ChartSize) {
  const background = scatter('data x', plane.clean, COLORS.data, 3, 0.5);
  if (mode === 'grid' && plane.grid) {
    return {
      animation: false,
      legend,
      ...axes(field, size, [plane.clean, plane.grid.points, plane.grid.outputs]),
      series: [background, arrowSeries('g → f(g)', plane.grid.points, plane.grid.outputs, COLORS.grid)],
    };
  }
  if (!plane.noisy || !plane.denoised) throw new Error('a field of corrupted points needs a DAE run');
  return {
    animation: false,
    legend,
    ...axes(field, size, [plane.clean, plane.noisy, plane.denoised]),
    series: [background, scatter('noisy x̃', plane.noisy, COLORS.noisy, 3, 0.8), arrowSeries('x̃ → f(x̃)', plane.noisy, plane.denoised, COLORS.arrow)],
  };
}

/** The corruption in the notation of run configs. */
export function noiseLabel(noise: NoiseConfig): string {
  switch (noise.kind) {
    case 'gaussian':
      return `x̃ = x + ε, ε ~ N(0, σ²I), σ = ${noise.sigma}`;
    case 'masking':
      return `masking: each value of x set to 0 with probability ${noise.p}`;
    case 'salt-pepper':
      return `salt and pepper: each value of x set to 0 or 1 with probability ${noise.p}`;
  }
}

/** How the plane of the charts relates to the data. */
export function planeCaption(field: VectorField): string {
  if (!field.projection) return `${field.dims}-d data drawn as is, one unit as long across as up.`;
  const [pc1, pc2] = field.projection.explained.map((f) => `${(100 * f).toFixed(1)} %`);
  return (
    `${field.dims}-d data projected onto the first two principal axes of the training split (PC1 ${pc1}, PC2 ${pc2} of its variance); ` +
    'every point drawn is projected the same way, so distances are those within this plane.'
  );
}

/** What the data chart shows, with the mean reconstruction error. */
export function pointsCaption(field: VectorField): string {
  const mean = field.family === 'vae' ? 'the decoder mean at z = μ(x), no sampling' : 'the decoder output at z = encoder(x)';
  return `${field.count} validation points x and f(x), ${mean}. Mean ‖f(x) − x‖² = ${formatSignificant(field.errors.reconstructed, 3)}.`;
}

/** What the field chart shows, with how much of the noise the DAE removes. */
export function fieldCaption(field: VectorField, mode: FieldMode): string {
  if (mode === 'grid' && field.grid) {
    return (
      `Arrows from ${field.grid.side} × ${field.grid.side} grid points g to f(g): where the DAE moves a point. ` +
      'For small Gaussian noise f(g) − g approximates σ²∇log p(g) (Alain & Bengio 2014).'
    );
  }
  const { noisy, denoised } = field.errors;
  const noise = field.noise ? noiseLabel(field.noise) : '';
  return (
    `Arrows from the corrupted inputs x̃ (${noise}; noise seed ${field.seed}) to the DAE's outputs f(x̃). ` +
    `Mean ‖x̃ − x‖² = ${formatSignificant(noisy, 3)}, mean ‖f(x̃) − x‖² = ${formatSignificant(denoised, 3)}.`
  );
}
