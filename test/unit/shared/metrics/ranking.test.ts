import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import { averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from '../../../../src-shared/metrics/ranking';

/** AUC by its definition: over all (positive, negative) pairs, P(score₊ > score₋) + ½ P(score₊ = score₋). */
function bruteAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

/** AP by a naive loop: for each distinct threshold t, descending, count precision and recall of "score ≥ t" afresh. */
function bruteAp(scores: number[], labels: number[]): number {
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  const positives = labels.filter((y) => y === 1).length;
  let ap = 0;
  let recallPrev = 0;
  for (const t of thresholds) {
    let tp = 0;
    let called = 0;
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] >= t) {
        called++;
        tp += labels[i];
      }
    }
    const recall = tp / positives;
    ap += (recall - recallPrev) * (tp / called);
    recallPrev = recall;
  }
  return ap;
}

/** Scores on a coarse grid (many ties) with labels that lean towards higher scores. */
function tiedSample(n: number, seed: number, levels: number): { scores: number[]; labels: number[] } {
  const random = mulberry32(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = Math.floor(random() * levels) / levels;
    scores.push(s);
    labels.push(random() < 0.2 + 0.6 * s ? 1 : 0);
  }
  return { scores, labels };
}

describe('ROC AUC and average precision', () => {
  it("match scikit-learn's documented example", () => {
    // sklearn: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75; average_precision_score = 0.8333…
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 14);
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(5 / 6, 14);
  });

  it.each([
    [2, 300, 2],
    [3, 300, 5],
    [4, 500, 50],
    [5, 200, 1e9],
  ])('agree with the brute-force definitions on tied scores (seed %i, %i samples, %i levels)', (seed, n, levels) => {
    const { scores, labels } = tiedSample(n, seed, levels);
    expect(rocAuc(scores, labels)).toBeCloseTo(bruteAuc(scores, labels), 12);
    expect(averagePrecision(scores, labels)).toBeCloseTo(bruteAp(scores, labels), 12);
  });

  it('read float32 scores as given', () => {
    const { scores, labels } = tiedSample(200, 9, 7);
    const f32 = Float32Array.from(scores);
    expect(rocAuc(f32, Int32Array.from(labels))).toBeCloseTo(bruteAuc(Array.from(f32), labels), 12);
    expect(averagePrecision(f32, labels)).toBeCloseTo(bruteAp(Array.from(f32), labels), 12);
  });

  it('give ½ AUC and the positive share as AP when every score is equal', () => {
    const labels = [1, 0, 0, 1, 0, 0, 0, 1];
    const scores = labels.map(() => 0.3);
    expect(rocAuc(scores, labels)).toBe(0.5);
    expect(averagePrecision(scores, labels)).toBeCloseTo(3 / 8, 15);
  });

  it('give 1 for a perfect ranking and the reversed ranking its brute-force values', () => {
    const labels = [1, 1, 1, 0, 0, 0, 0];
    const perfect = [0.9, 0.8, 0.7, 0.4, 0.3, 0.2, 0.1];
    expect(rocAuc(perfect, labels)).toBe(1);
    expect(averagePrecision(perfect, labels)).toBe(1);
    const reversed = perfect.map((s) => -s);
    expect(rocAuc(reversed, labels)).toBe(0);
    // Positives last: precision 1/5, 2/6, 3/7 at recalls ⅓, ⅔, 1.
    expect(averagePrecision(reversed, labels)).toBeCloseTo((1 / 5 + 2 / 6 + 3 / 7) / 3, 14);
    expect(averagePrecision(reversed, labels)).toBeCloseTo(bruteAp(reversed, labels), 14);
  });

  it('return curves with one point per distinct threshold, from +∞ down', () => {
    const scores = [0.8, 0.4, 0.4, 0.35, 0.1];
    const labels = [1, 0, 1, 1, 0];
    const roc = rocCurve(scores, labels);
    expect(Array.from(roc.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(Array.from(roc.falsePositiveRate)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(roc.truePositiveRate)).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
    const pr = precisionRecallCurve(scores, labels);
    expect(Array.from(pr.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(Array.from(pr.recall)).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
    expect(Array.from(pr.precision)).toEqual([1, 1, 2 / 3, 3 / 4, 3 / 5]);
    // The areas follow from the points: trapezoids under ROC, steps under PR.
    let trapezoids = 0;
    let steps = 0;
    for (let k = 1; k < roc.thresholds.length; k++) {
      trapezoids += ((roc.falsePositiveRate[k] - roc.falsePositiveRate[k - 1]) * (roc.truePositiveRate[k] + roc.truePositiveRate[k - 1])) / 2;
      steps += (pr.recall[k] - pr.recall[k - 1]) * pr.precision[k];
    }
    expect(rocAuc(scores, labels)).toBeCloseTo(trapezoids, 15);
    expect(averagePrecision(scores, labels)).toBeCloseTo(steps, 15);
  });

  const bad: [string, ArrayLike<number>, ArrayLike<number>, RegExp][] = [
    ['only positives', [0.1, 0.5, 0.9], [1, 1, 1], /only one class is present \(all 3 labels are 1\)/],
    ['only negatives', [0.1, 0.5], [0, 0], /only one class is present \(all 2 labels are 0\)/],
    ['no scores', [], [], /no scores/],
    ['lengths differ', [0.1, 0.2], [0, 1, 1], /2 scores against 3 labels/],
    ['a label that is not 0 or 1', [0.1, 0.2, 0.3], [0, 1, 2], /label 2 is 2; labels must be 0 \(negative\) or 1 \(positive\)/],
    ['a NaN score', [0.1, NaN], [0, 1], /score 1 is NaN/],
    ['an infinite score', [Infinity, 0.2], [0, 1], /score 0 is Infinity/],
  ];
  it.each(bad)('refuse %s, naming the function', (_, scores, labels, message) => {
    expect(() => rocAuc(scores, labels)).toThrow(message);
    expect(() => averagePrecision(scores, labels)).toThrow(/^averagePrecision: /);
    expect(() => rocCurve(scores, labels)).toThrow(/^rocCurve: /);
    expect(() => precisionRecallCurve(scores, labels)).toThrow(message);
  });
});
