import type { LinkPredictionReport, LinkPredictionScores } from '../../../src-shared/contract/types';
import { classColor, UNLABELLED_COLOR } from './graph-drawing-model';

/**
 * What the run view's link-prediction panel draws for a graph autoencoder (gae, vgae), as pure functions of the
 * run's report: the held-out scores beside the feature-cosine baseline, the ROC and precision–recall curves with
 * their chance lines, and the node embeddings μ on their principal plane coloured by class. No DOM, no Vue.
 */

const TEXT = '#9aa7b4';
const GRID_LINE = '#26313c';
export const TEST_COLOR = '#5fb3ff';
export const VALIDATION_COLOR = '#ffa94d';
export const CHANCE_COLOR = '#7d8b99';

/** The held-out pairs' scores: a graph autoencoder's report, or a GraphVAE's on one graph. */
export type HeldOutScores = Pick<LinkPredictionReport, 'test' | 'validation'>;

export interface ScoreRow {
  key: 'test' | 'validation' | 'baseline';
  label: string;
  auc: number;
  ap: number;
  /** "1,375 edges + 1,375 non-edges"; the baseline scores the test pairs. */
  pairs: string;
}

const count = (n: number) => n.toLocaleString('en-US');
const pairsOf = (s: LinkPredictionScores) => `${count(s.positives)} edges + ${count(s.negatives)} non-edges`;

/** The table's rows: test, validation, then the baseline on the test pairs (when the report has one). */
export function scoreRows(report: HeldOutScores & { baseline?: LinkPredictionReport['baseline'] }): ScoreRow[] {
  const rows: ScoreRow[] = [
    { key: 'test', label: 'Test', auc: report.test.auc, ap: report.test.ap, pairs: pairsOf(report.test) },
    { key: 'validation', label: 'Validation', auc: report.validation.auc, ap: report.validation.ap, pairs: pairsOf(report.validation) },
  ];
  if (report.baseline) rows.push({ key: 'baseline', label: `Baseline: ${report.baseline.name} (no training)`, auc: report.baseline.auc, ap: report.baseline.ap, pairs: `the test pairs` });
  return rows;
}

/** The share of positives among held-out pairs: the precision of a random ranking, and the PR curve's floor. */
export const positiveRate = (s: LinkPredictionScores): number => (s.positives + s.negatives > 0 ? s.positives / (s.positives + s.negatives) : 0);

const pairsAsPoints = (xs: readonly number[], ys: readonly number[]): [number, number][] => xs.map((x, i) => [x, ys[i]]);

function unitAxis(name: string, gap: number): Record<string, unknown> {
  return {
    type: 'value',
    min: 0,
    max: 1,
    interval: 0.2,
    name,
    nameLocation: 'middle',
    nameGap: gap,
    nameTextStyle: { color: TEXT },
    axisLabel: { color: TEXT },
    splitLine: { lineStyle: { color: GRID_LINE } },
  };
}

const tooltip = {
  trigger: 'item',
  confine: true,
  backgroundColor: '#1d2630',
  borderColor: '#2a3642',
  textStyle: { color: '#e6edf3', fontSize: 12 },
};

const legend = {
  top: 2,
  itemGap: 8,
  left: 8,
  right: 8,
  icon: 'roundRect',
  itemWidth: 14,
  itemHeight: 4,
  textStyle: { color: TEXT },
};

function curveSeries(name: string, points: [number, number][], color: string, z: number): Record<string, unknown> {
  return { name, type: 'line', data: points, showSymbol: false, lineStyle: { width: z > 2 ? 2 : 1.5, color }, itemStyle: { color }, emphasis: { disabled: true }, z };
}

/** ROC curves of the test and validation pairs (threshold +∞ first, so each runs from (0, 0) to (1, 1)) and the chance diagonal. */
export function rocOption(report: HeldOutScores): Record<string, unknown> {
  const { test, validation } = report;
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 44 },
    legend,
    tooltip: { ...tooltip, formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br>false-positive rate ${p.value[0].toFixed(3)}, true-positive rate ${p.value[1].toFixed(3)}` },
    xAxis: unitAxis('false-positive rate', 26),
    yAxis: unitAxis('true-positive rate', 38),
    series: [
      { ...curveSeries('chance', [[0, 0], [1, 1]], CHANCE_COLOR, 1), lineStyle: { width: 1, type: 'dashed', color: CHANCE_COLOR }, silent: true },
      curveSeries(`validation (AUC ${validation.auc.toFixed(3)})`, pairsAsPoints(validation.roc.falsePositiveRate, validation.roc.truePositiveRate), VALIDATION_COLOR, 2),
      curveSeries(`test (AUC ${test.auc.toFixed(3)})`, pairsAsPoints(test.roc.falsePositiveRate, test.roc.truePositiveRate), TEST_COLOR, 3),
    ],
  };
}

/**
 * Precision–recall curves of the test and validation pairs, and the positive rate of the test pairs: the
 * precision a random ranking has at every recall (0.5 when as many non-edges as edges are held out).
 */
export function precisionRecallOption(report: HeldOutScores): Record<string, unknown> {
  const { test, validation } = report;
  const rate = positiveRate(test);
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 44 },
    legend,
    tooltip: { ...tooltip, formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br>recall ${p.value[0].toFixed(3)}, precision ${p.value[1].toFixed(3)}` },
    xAxis: unitAxis('recall', 26),
    yAxis: unitAxis('precision', 38),
    series: [
      { ...curveSeries(`chance (${rate.toFixed(2)})`, [[0, rate], [1, rate]], CHANCE_COLOR, 1), lineStyle: { width: 1, type: 'dashed', color: CHANCE_COLOR }, silent: true },
      curveSeries(`validation (AP ${validation.ap.toFixed(3)})`, pairsAsPoints(validation.pr.recall, validation.pr.precision), VALIDATION_COLOR, 2),
      curveSeries(`test (AP ${test.ap.toFixed(3)})`, pairsAsPoints(test.pr.recall, test.pr.precision), TEST_COLOR, 3),
    ],
  };
}

/** The principal plane's axis name: "PC 1 (62% of the variance of μ)". */
const axisName = (k: number, explained: number) => `PC ${k} (${Math.round(explained * 100)}% of the variance of μ)`;

/**
 * The node embeddings μ on their principal plane: one scatter series per class, so the legend toggles a class,
 * and one for nodes without a class (all of them when the graph has no labels).
 */
export function embeddingOption(embedding: LinkPredictionReport['embedding']): Record<string, unknown> {
  const { count: n, plane, labels, classes, explained } = embedding;
  const groups = new Map<number, [number, number][]>();
  for (let i = 0; i < n; i++) {
    const raw = labels ? labels[i] : -1;
    const label = raw >= 0 && raw < classes.length ? raw : -1;
    let group = groups.get(label);
    if (!group) groups.set(label, (group = []));
    group.push([plane[2 * i], plane[2 * i + 1]]);
  }
  const order = [...classes.keys(), -1].filter((k) => groups.has(k));
  const nameOf = (k: number) => (k >= 0 ? classes[k] : classes.length > 0 ? 'no class' : 'node');
  const symbolSize = n > 3000 ? 3 : n > 800 ? 4 : 6;
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 34, bottom: 44 },
    legend: { ...legend, type: 'scroll', icon: 'circle', itemWidth: 10, itemHeight: 10, pageTextStyle: { color: TEXT }, pageIconColor: TEXT, data: order.map(nameOf) },
    tooltip: { ...tooltip, formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br>(${p.value[0].toFixed(3)}, ${p.value[1].toFixed(3)})` },
    xAxis: { type: 'value', scale: true, name: axisName(1, explained[0]), nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: TEXT }, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: GRID_LINE } } },
    yAxis: { type: 'value', scale: true, name: axisName(2, explained[1]), nameLocation: 'middle', nameGap: 38, nameTextStyle: { color: TEXT }, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: GRID_LINE } } },
    series: order.map((k) => ({
      name: nameOf(k),
      type: 'scatter',
      data: groups.get(k),
      symbolSize,
      itemStyle: { color: k >= 0 ? classColor(k) : UNLABELLED_COLOR, opacity: 0.8 },
      emphasis: { disabled: true },
      large: n > 2000,
    })),
  };
}
