import { describe, expect, it } from 'vitest';
import type { GraphDrawing, GraphVaeReport, MetricSeries, PermutationCheck } from '../../../../src-shared/contract/types';
import {
  drawingCaption,
  formatMmd,
  formatSpread,
  galleryDrawing,
  graphVaeCharts,
  graphVaeMode,
  isPermutationInvariant,
  mmdRows,
  permutationOption,
  permutationTolerance,
  permutationRange,
} from '../../../../src-renderer/src/charts/graph-vae-model';

const check = (over: Partial<PermutationCheck> = {}): PermutationCheck => ({
  decoder: 'inner-product',
  graphNodes: 14,
  samples: 4,
  identityElbo: -120,
  elbos: [-120.00001, -119.99999, -120, -120.00002],
  relativeSpread: 0.00003 / 120,
  bound: -120 + Math.log(4),
  ...over,
});

const series = (keys: string[]): MetricSeries => ({ index: [1], times: [0], values: Object.fromEntries(keys.map((k) => [k, [0]])) }) as unknown as MetricSeries;

describe('GraphVAE mode and curves', () => {
  it('takes the mode from the dataset: one graph predicts links, a set generates', () => {
    expect(graphVaeMode(1, undefined)).toBe('link-prediction');
    expect(graphVaeMode(100, series(['val_auc']))).toBe('generation');
  });

  it('falls back to the run’s own metrics when the dataset is gone', () => {
    expect(graphVaeMode(undefined, series(['train_elbo', 'val_auc']))).toBe('link-prediction');
    expect(graphVaeMode(undefined, series(['train_elbo', 'val_elbo']))).toBe('generation');
    expect(graphVaeMode(undefined, undefined)).toBe('generation');
  });

  it('charts the ELBO terms of the held-out graphs for a set, with KL on its own axis', () => {
    const charts = graphVaeCharts('generation');
    expect(charts.map((c) => c.id)).toEqual(['loss', 'elbo', 'terms']);
    expect(charts[0]).toMatchObject({ scope: 'step', metrics: [{ key: 'loss' }], yLabel: 'nats' });
    expect(charts[1].metrics.map((m) => m.key)).toEqual(['train_elbo', 'val_elbo']);
    expect(charts[2].metrics.map((m) => m.key)).toEqual(['val_recon_adj', 'val_recon_x', 'val_kl']);
    expect(charts[2].secondaryYLabel).toMatch(/KL/);
    expect(charts.some((c) => c.yRange)).toBe(false);
  });

  it('charts AUC and AP on 0–1 for one graph, beside the training ELBO', () => {
    const charts = graphVaeCharts('link-prediction');
    expect(charts.map((c) => c.id)).toEqual(['loss', 'elbo', 'ranking']);
    expect(charts[1].metrics.map((m) => m.key)).toEqual(['train_elbo']);
    expect(charts[2]).toMatchObject({ scope: 'epoch', yRange: [0, 1] });
    expect(charts[2].metrics.map((m) => m.key)).toEqual(['val_auc', 'val_ap']);
  });
});

describe('the generated-graph gallery and MMD table', () => {
  const drawing: GraphDrawing = { title: 'g', nodes: [{ id: 'a', label: 1, degree: 1 }, { id: 'b', label: -1, degree: 1 }, { id: 'c', label: 0, degree: 0 }], edges: [[0, 1]] };

  it('draws every node of a tile in its gallery’s one class, leaving the drawing itself unchanged', () => {
    const tile = galleryDrawing(drawing, 1);
    expect(tile.nodes.map((n) => n.label)).toEqual([1, 1, 1]);
    expect(tile.edges).toBe(drawing.edges);
    expect(drawing.nodes.map((n) => n.label)).toEqual([1, -1, 0]);
  });

  it('captions a tile with its node and edge counts', () => {
    expect(drawingCaption(drawing)).toBe('3 nodes, 1 edge');
    expect(drawingCaption({ title: 'one', nodes: [{ id: 'a', label: 0, degree: 0 }], edges: [] })).toBe('1 node, 0 edges');
  });

  it('lists degree and clustering MMD² beside the training graphs’ reference', () => {
    const generation: NonNullable<GraphVaeReport['generation']> = {
      generated: 16,
      mmd: { degree: 0.12, clustering: 0.3 },
      reference: { degree: 0.01, clustering: 0.02 },
      generatedDrawings: [],
      realDrawings: [],
    };
    expect(mmdRows(generation)).toEqual([
      { key: 'degree', label: 'Degree distribution', generated: 0.12, reference: 0.01 },
      { key: 'clustering', label: 'Clustering coefficients', generated: 0.3, reference: 0.02 },
    ]);
  });

  it('writes small MMD² in scientific notation, not as 0.000', () => {
    expect(formatMmd(0)).toBe('0');
    expect(formatMmd(0.1234)).toBe('0.123');
    expect(formatMmd(0.00042)).toBe('4.2e-4');
  });
});

describe('the permutation check', () => {
  it('calls an ELBO invariant within float tolerance and not beyond it', () => {
    expect(isPermutationInvariant(check())).toBe(true);
    expect(isPermutationInvariant(check({ relativeSpread: 1e-4 }))).toBe(true);
    expect(isPermutationInvariant(check({ relativeSpread: 2e-4 }))).toBe(false);
    expect(isPermutationInvariant(check({ decoder: 'mlp', relativeSpread: 0.05 }))).toBe(false);
  });

  it('widens the tolerance with the pairs a large graph sums in float32: (n − 1)·2⁻²⁴ relative', () => {
    expect(permutationTolerance(14)).toBe(1e-4);
    // 1,000 nodes: 499,500 pairs.
    expect(permutationTolerance(1000)).toBeCloseTo(499_499 / 2 ** 24, 12);
    expect(isPermutationInvariant(check({ graphNodes: 1000, relativeSpread: 2.4e-4 }))).toBe(true);
    expect(isPermutationInvariant(check({ graphNodes: 1000, relativeSpread: 0.2 }))).toBe(false);
  });

  it('writes a tiny spread in scientific notation and a large one as a percentage', () => {
    expect(formatSpread(0)).toBe('0');
    expect(formatSpread(2.5e-7)).toBe('2.5e-7');
    expect(formatSpread(0.0123)).toBe('1.23%');
    expect(formatSpread(0.25)).toBe('25.0%');
  });

  it('keeps equal ELBOs a flat row: the range never narrows below 1% of the identity ELBO', () => {
    const [lo, hi] = permutationRange(check());
    expect(hi - lo).toBeGreaterThanOrEqual(2 * 1.2);
    expect(lo).toBeLessThan(-120.00002);
    expect(hi).toBeGreaterThan(-119.99999);
  });

  it('fits a wide spread with a margin on both sides', () => {
    const c = check({ decoder: 'mlp', elbos: [-150, -110, -135], relativeSpread: 40 / 120 });
    const [lo, hi] = permutationRange(c);
    expect(lo).toBeCloseTo(-150 - 6);
    expect(hi).toBeCloseTo(-110 + 6);
  });

  it('plots the identity first with its line across, then one dot per sampled ordering', () => {
    const c = check({ decoder: 'mlp', elbos: [-150, -110, -135], relativeSpread: 40 / 120, samples: 3 });
    const option = permutationOption(c) as {
      xAxis: { data: string[]; name: string };
      yAxis: { min: number; max: number };
      series: { name: string; type: string; data: [number, number][] }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.xAxis.data).toEqual(['identity', 'P1', 'P2', 'P3']);
    expect(option.xAxis.name).toMatch(/\|S\| = 3/);
    expect(option.series[0]).toMatchObject({ type: 'line', data: [[0, -120], [3, -120]] });
    expect(option.series[1].data).toEqual([[0, -120]]);
    expect(option.series[2].data).toEqual([[1, -150], [2, -110], [3, -135]]);
    expect([option.yAxis.min, option.yAxis.max]).toEqual(permutationRange(c));
    expect(option.tooltip.formatter({ seriesName: 'a random ordering P', value: [2, -110], dataIndex: 1 })).toBe('P2: ELBO -110.0000 nats (+10.0 from the identity)');
  });
});
