import { describe, expect, it } from 'vitest';
import type { LinkPredictionReport, LinkPredictionScores } from '../../../../src-shared/contract/types';
import { CLASS_COLORS, UNLABELLED_COLOR } from '../../../../src-renderer/src/charts/graph-drawing-model';
import { embeddingOption, positiveRate, precisionRecallOption, rocOption, scoreRows } from '../../../../src-renderer/src/charts/link-prediction-model';

const scores = (auc: number, ap: number, positives: number, negatives: number): LinkPredictionScores => ({
  auc,
  ap,
  positives,
  negatives,
  roc: { falsePositiveRate: [0, 0, 0.5, 1], truePositiveRate: [0, 0.5, 1, 1] },
  pr: { recall: [0, 0.5, 1], precision: [1, 1, 0.667] },
});

function report(over: Partial<LinkPredictionReport> = {}): LinkPredictionReport {
  return {
    epoch: 20,
    decoderLoss: { mode: 'exact', sampledPairs: 0 },
    validation: scores(0.8, 0.75, 137, 137),
    test: scores(0.9125, 0.9, 275, 275),
    baseline: { name: 'feature cosine', auc: 0.7, ap: 0.68 },
    embedding: { count: 4, latentDim: 16, plane: [0, 1, 2, 3, 4, 5, 6, 7], explained: [0.625, 0.2], labels: [1, 0, -1, 1], classes: ['c0', 'c1'] },
    ...over,
  };
}

type Line = { name: string; data: [number, number][]; lineStyle: { type?: string } };

describe('link-prediction scores', () => {
  it('lists test, validation and the baseline on the test pairs, with the pairs counted', () => {
    const rows = scoreRows(report());
    expect(rows.map((r) => [r.key, r.auc, r.ap])).toEqual([
      ['test', 0.9125, 0.9],
      ['validation', 0.8, 0.75],
      ['baseline', 0.7, 0.68],
    ]);
    expect(rows[0].pairs).toBe('275 edges + 275 non-edges');
    expect(rows[2].label).toMatch(/feature cosine/);
    expect(scoreRows(report({ baseline: null })).map((r) => r.key)).toEqual(['test', 'validation']);
  });

  it('takes the positive rate from the held-out pairs (0.5 when as many non-edges as edges)', () => {
    expect(positiveRate(scores(0.5, 0.5, 10, 10))).toBe(0.5);
    expect(positiveRate(scores(0.5, 0.5, 10, 30))).toBe(0.25);
    expect(positiveRate(scores(0.5, 0.5, 0, 0))).toBe(0);
  });
});

describe('ROC and precision–recall curves', () => {
  it('draws the chance diagonal and both curves as (FPR, TPR) points on unit axes, naming their AUC', () => {
    const option = rocOption(report());
    const [chance, validation, test] = option.series as Line[];
    expect(chance.data).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(chance.lineStyle.type).toBe('dashed');
    expect(test.data).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(test.name).toBe('test (AUC 0.912)');
    expect(validation.name).toBe('validation (AUC 0.800)');
    expect(option.xAxis).toMatchObject({ min: 0, max: 1 });
    expect(option.yAxis).toMatchObject({ min: 0, max: 1 });
  });

  it('draws precision against recall with the positive rate as the chance line', () => {
    const option = precisionRecallOption(report({ test: scores(0.9, 0.9, 100, 300) }));
    const [chance, , test] = option.series as Line[];
    expect(chance.data).toEqual([
      [0, 0.25],
      [1, 0.25],
    ]);
    expect(chance.name).toBe('chance (0.25)');
    expect(test.data).toEqual([
      [0, 1],
      [0.5, 1],
      [1, 0.667],
    ]);
    expect(test.name).toBe('test (AP 0.900)');
  });
});

describe('embedding scatter', () => {
  type Scatter = { name: string; data: [number, number][]; itemStyle: { color: string } };

  it('puts each class in its own series (the legend toggles it), nodes without a class last', () => {
    const option = embeddingOption(report().embedding);
    const series = option.series as Scatter[];
    expect(series.map((s) => s.name)).toEqual(['c0', 'c1', 'no class']);
    expect(series[0].data).toEqual([[2, 3]]);
    expect(series[1].data).toEqual([
      [0, 1],
      [6, 7],
    ]);
    expect(series[2].data).toEqual([[4, 5]]);
    expect(series.map((s) => s.itemStyle.color)).toEqual([CLASS_COLORS[0], CLASS_COLORS[1], UNLABELLED_COLOR]);
    expect((option.legend as { data: string[] }).data).toEqual(['c0', 'c1', 'no class']);
    expect((option.xAxis as { name: string }).name).toBe('PC 1 (63% of the variance of μ)');
    expect((option.yAxis as { name: string }).name).toBe('PC 2 (20% of the variance of μ)');
  });

  it('draws every node as "node" when the graph has no classes', () => {
    const option = embeddingOption({ ...report().embedding, labels: null, classes: [] });
    const series = option.series as Scatter[];
    expect(series.map((s) => s.name)).toEqual(['node']);
    expect(series[0].data).toHaveLength(4);
  });
});
