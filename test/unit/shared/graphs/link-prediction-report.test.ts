import { describe, expect, it } from 'vitest';
import { CURVE_POINTS, linkPredictionScores } from '../../../../src-shared/graphs/link-prediction-report';
import { averagePrecision, rocAuc } from '../../../../src-shared/metrics/ranking';

describe('link-prediction scores', () => {
  it('gives AUC and AP over every pair and curves thinned to at most CURVE_POINTS, ends kept', () => {
    const n = 6000;
    const labels = Uint8Array.from({ length: n }, (_, k) => (k % 3 === 0 ? 1 : 0));
    const scores = Float64Array.from({ length: n }, (_, k) => Math.sin(k * 12.9898) * 0.5 + (labels[k] ? 0.3 : 0));
    const out = linkPredictionScores(scores, labels);
    expect(out.auc).toBe(rocAuc(scores, labels));
    expect(out.ap).toBe(averagePrecision(scores, labels));
    expect(out).toMatchObject({ positives: 2000, negatives: 4000 });
    expect(out.roc.falsePositiveRate).toHaveLength(CURVE_POINTS);
    expect([out.roc.falsePositiveRate[0], out.roc.truePositiveRate[0]]).toEqual([0, 0]);
    expect([out.roc.falsePositiveRate.at(-1), out.roc.truePositiveRate.at(-1)]).toEqual([1, 1]);
    expect(out.pr.recall.at(-1)).toBe(1);
  });
});
