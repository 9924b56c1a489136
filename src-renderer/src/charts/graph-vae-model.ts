import type { GraphDrawing, GraphVaeReport, MetricSeries, PermutationCheck } from '../../../src-shared/contract/types';

/**
 * What the run view draws of a GraphVAE run (family graph-vae), as pure functions: which curves each chart holds in
 * either mode (a set of graphs: generation; one graph: link prediction), the generated-versus-real gallery and its
 * MMD² table, and the permutation check of the notes' argument. No DOM, no Vue.
 */

const TEXT = '#9aa7b4';
const GRID_LINE = '#26313c';
export const IDENTITY_COLOR = '#ffa94d';
export const PERMUTED_COLOR = '#5fb3ff';
/** Gallery colours: generated graphs in the first class colour, real ones in the second (graph-drawing-model.ts). */
export const GENERATED_CLASS = 0;
export const REAL_CLASS = 1;
export const GALLERY_CLASSES = ['generated', 'held-out'];

export type GraphVaeMode = GraphVaeReport['mode'];

/**
 * A run's mode before its report exists: one graph predicts links, a set generates. The dataset's graph count
 * decides; without it (the dataset was deleted), the run's own epoch metrics do (only link prediction has val_auc).
 */
export function graphVaeMode(graphCount: number | undefined, epochs: MetricSeries | undefined): GraphVaeMode {
  if (graphCount !== undefined) return graphCount === 1 ? 'link-prediction' : 'generation';
  return epochs?.values.val_auc !== undefined ? 'link-prediction' : 'generation';
}

export interface CurveSpec {
  key: string;
  label: string;
  color: string;
}

export interface GraphVaeChart {
  id: 'loss' | 'elbo' | 'terms' | 'ranking';
  title: string;
  scope: 'step' | 'epoch';
  metrics: CurveSpec[];
  yLabel?: string;
  secondaryYLabel?: string;
  yRange?: [number, number];
}

/**
 * The curves of a GraphVAE run: its training loss (−ELBO of one graph per step), the ELBO per epoch, and either the
 * held-out graphs' ELBO terms (generation) or the validation AUC and AP on 0–1 (link prediction).
 */
export function graphVaeCharts(mode: GraphVaeMode): GraphVaeChart[] {
  const loss: GraphVaeChart = { id: 'loss', title: 'Training loss −ELBO, per step (one graph each)', scope: 'step', metrics: [{ key: 'loss', label: 'loss', color: '#5fb3ff' }], yLabel: 'nats' };
  if (mode === 'link-prediction') {
    return [
      loss,
      { id: 'elbo', title: 'Training ELBO, per epoch', scope: 'epoch', metrics: [{ key: 'train_elbo', label: 'train ELBO', color: '#a98bff' }], yLabel: 'nats' },
      {
        id: 'ranking',
        title: 'Validation AUC and AP, per epoch',
        scope: 'epoch',
        metrics: [
          { key: 'val_auc', label: 'val AUC', color: '#5fb3ff' },
          { key: 'val_ap', label: 'val AP', color: '#ffa94d' },
        ],
        yRange: [0, 1],
      },
    ];
  }
  return [
    loss,
    {
      id: 'elbo',
      title: 'ELBO per graph, training and held-out, per epoch',
      scope: 'epoch',
      metrics: [
        { key: 'train_elbo', label: 'train ELBO', color: '#a98bff' },
        { key: 'val_elbo', label: 'held-out ELBO', color: '#5fb3ff' },
      ],
      yLabel: 'nats',
    },
    {
      id: 'terms',
      title: 'Held-out ELBO terms, per epoch',
      scope: 'epoch',
      metrics: [
        { key: 'val_recon_adj', label: 'E log p(A|Z)', color: '#7ee0a1' },
        { key: 'val_recon_x', label: 'E log p(X|A,Z)', color: '#ff8fd1' },
        { key: 'val_kl', label: 'KL', color: '#f5b85c' },
      ],
      yLabel: 'nats',
      secondaryYLabel: 'KL (nats)',
    },
  ];
}

export interface MmdRow {
  key: 'degree' | 'clustering';
  label: string;
  /** MMD² of the generated graphs against the held-out ones. */
  generated: number;
  /** MMD² of the training graphs against the held-out ones: what a generator as good as the data would score. */
  reference: number;
}

/** The MMD² table: one row per graph statistic. */
export function mmdRows(generation: NonNullable<GraphVaeReport['generation']>): MmdRow[] {
  return [
    { key: 'degree', label: 'Degree distribution', generated: generation.mmd.degree, reference: generation.reference.degree },
    { key: 'clustering', label: 'Clustering coefficients', generated: generation.mmd.clustering, reference: generation.reference.clustering },
  ];
}

/** An MMD² for the table: small values in scientific notation rather than as 0.000. */
export function formatMmd(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return Math.abs(value) < 0.001 ? value.toExponential(1) : value.toFixed(3);
}

/**
 * A gallery tile's drawing: every node in one class (generated or held-out), so the two grids differ by colour
 * only and a real graph's node classes, which generated ones cannot have, do not tell them apart.
 */
export function galleryDrawing(drawing: GraphDrawing, cls: number): GraphDrawing {
  return { ...drawing, nodes: drawing.nodes.map((n) => ({ ...n, label: cls })) };
}

/** "14 nodes, 23 edges" under a tile. */
export function drawingCaption(drawing: GraphDrawing): string {
  const n = drawing.nodes.length;
  const m = drawing.edges.length;
  return `${n} node${n === 1 ? '' : 's'}, ${m} edge${m === 1 ? '' : 's'}`;
}

/** The unit roundoff of float32, 2⁻²⁴: the trainer computes the ELBO in float32. */
const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;

/**
 * The relative spread (max − min of the ELBOs over |identity|) within which the ELBO counts as the same under every
 * ordering. Renumbering the nodes reorders the float32 sum over the graph's N(N − 1)/2 pairs, and a sum of n terms of
 * one sign is exact to a relative (n − 1)·u (Higham 2002, Accuracy and Stability of Numerical Algorithms, eq. 4.4):
 * that bound, and never less than 10⁻⁴. A decoder that reads the node order differs by whole nats.
 */
export function permutationTolerance(graphNodes: number): number {
  const pairs = (graphNodes * (graphNodes - 1)) / 2;
  return Math.max(1e-4, Math.max(0, pairs - 1) * FLOAT32_UNIT_ROUNDOFF);
}

export const isPermutationInvariant = (check: PermutationCheck): boolean => check.relativeSpread <= permutationTolerance(check.graphNodes);

/** A relative spread for a sentence: "3.2 × 10⁻⁸" style for tiny ones, a percentage otherwise. */
export function formatSpread(spread: number): string {
  if (!Number.isFinite(spread)) return String(spread);
  if (spread === 0) return '0';
  if (spread < 1e-3) return spread.toExponential(1);
  return `${(spread * 100).toFixed(spread < 0.1 ? 2 : 1)}%`;
}

/** The y-range of the permutation chart: the ELBOs with a margin that never shrinks below 1% of |identity| (a flat row of equal ELBOs stays a flat row, not noise blown up). */
export function permutationRange(check: PermutationCheck): [number, number] {
  const all = [check.identityElbo, ...check.elbos];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = Math.max((hi - lo) * 0.15, Math.abs(check.identityElbo) * 0.01, 0.05);
  return [lo - pad, hi + pad];
}

/** Digits that tell the ELBOs on the axis apart: fewer for a wide range, more for a narrow one. */
const axisDigits = (range: [number, number]): number => {
  const span = range[1] - range[0];
  return span >= 20 ? 0 : span >= 2 ? 1 : span >= 0.2 ? 2 : 3;
};

/**
 * The permutation check as a dot plot: the ELBO of the held-out graph under each sampled ordering P₁…P_|S| beside
 * the identity's, with the identity's ELBO as a dashed line across. Equal dots on the line: invariant.
 */
export function permutationOption(check: PermutationCheck): Record<string, unknown> {
  const range = permutationRange(check);
  const digits = axisDigits(range);
  const categories = ['identity', ...check.elbos.map((_, k) => `P${k + 1}`)];
  return {
    animation: false,
    grid: { left: 70, right: 16, top: 30, bottom: 44 },
    legend: {
      top: 2,
      left: 8,
      icon: 'circle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: TEXT },
      data: ['identity ordering', 'a random ordering P'],
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      backgroundColor: '#1d2630',
      borderColor: '#2a3642',
      textStyle: { color: '#e6edf3', fontSize: 12 },
      formatter: (p: { dataIndex: number; seriesName: string; value: [number, number] }) => {
        const elbo = p.value[1];
        const delta = elbo - check.identityElbo;
        const name = categories[p.value[0]] ?? '';
        return p.seriesName === 'identity ordering'
          ? `identity: ELBO ${elbo.toFixed(4)} nats`
          : `${name}: ELBO ${elbo.toFixed(4)} nats (${delta >= 0 ? '+' : '−'}${Math.abs(delta).toPrecision(3)} from the identity)`;
      },
    },
    xAxis: {
      type: 'category',
      data: categories,
      name: `node ordering (|S| = ${check.samples})`,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: TEXT },
      axisLabel: { color: TEXT, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      min: range[0],
      max: range[1],
      name: 'ELBO (nats)',
      nameLocation: 'middle',
      nameGap: 54,
      nameTextStyle: { color: TEXT },
      // The range's ends are not round numbers: only the ticks between them are labelled.
      axisLabel: { color: TEXT, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => v.toFixed(digits) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        // The identity's ELBO across the plot, for the eye to compare each ordering with.
        name: 'identity ELBO',
        type: 'line',
        data: [
          [0, check.identityElbo],
          [check.elbos.length, check.identityElbo],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { color: IDENTITY_COLOR, type: 'dashed', width: 1, opacity: 0.7 },
        z: 1,
      },
      {
        name: 'identity ordering',
        type: 'scatter',
        data: [[0, check.identityElbo]],
        symbolSize: 10,
        itemStyle: { color: IDENTITY_COLOR },
        z: 3,
      },
      {
        name: 'a random ordering P',
        type: 'scatter',
        data: check.elbos.map((elbo, k) => [k + 1, elbo]),
        symbolSize: 8,
        itemStyle: { color: PERMUTED_COLOR, opacity: 0.9 },
        z: 2,
      },
    ],
  };
}
