/**
 * Ranking metrics for binary labels: ROC AUC and average precision, as scikit-learn computes them
 * (`roc_auc_score`, `average_precision_score`), the link-prediction scores of Kipf & Welling 2016 (VGAE, table 1).
 * Both are built on the counts of true and false positives at each distinct score threshold, highest first
 * (sklearn's `_binary_clf_curve`), so tied scores move together: a tie between a positive and a negative counts half
 * in the AUC, and a block of tied scores is one step of the precision–recall curve. Sums are float64.
 */

/** The ROC curve at each distinct threshold, highest first, starting from (0, 0) at threshold +∞ (sklearn's `roc_curve`, drop_intermediate=False). */
export interface RocCurve {
  falsePositiveRate: Float64Array;
  truePositiveRate: Float64Array;
  /** Scores ≥ thresholds[k] are called positive at point k; thresholds[0] is +∞. */
  thresholds: Float64Array;
}

/**
 * The precision–recall curve at each distinct threshold, highest first, starting from sklearn's added point
 * (recall 0, precision 1) at threshold +∞. sklearn's `precision_recall_curve` returns the same points in the
 * reverse order, without a threshold for that added point.
 */
export interface PrecisionRecallCurve {
  precision: Float64Array;
  recall: Float64Array;
  /** Scores ≥ thresholds[k] are called positive at point k; thresholds[0] is +∞. */
  thresholds: Float64Array;
}

/** Cumulative true and false positives at each distinct score, highest score first. */
interface ThresholdCounts {
  truePositives: Float64Array;
  falsePositives: Float64Array;
  thresholds: Float64Array;
  positives: number;
  negatives: number;
}

/** sklearn's `_binary_clf_curve`: sort by score, descending, and count at the last index of each run of equal scores. */
function thresholdCounts(caller: string, scores: ArrayLike<number>, labels: ArrayLike<number>): ThresholdCounts {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`${caller}: ${n} scores against ${labels.length} labels; give one label per score`);
  if (n === 0) throw new RangeError(`${caller}: no scores; ranking metrics need at least one positive and one negative`);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const y = labels[i];
    if (!Number.isFinite(s)) throw new RangeError(`${caller}: score ${i} is ${s}; every score must be a finite number`);
    if (y !== 0 && y !== 1) throw new RangeError(`${caller}: label ${i} is ${y}; labels must be 0 (negative) or 1 (positive)`);
    positives += y;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError(
      `${caller}: only one class is present (all ${n} labels are ${positives === 0 ? 0 : 1}); the metric is not defined without both positives and negatives`,
    );
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const truePositives: number[] = [];
  const falsePositives: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    tp += labels[i];
    if (k === n - 1 || scores[order[k + 1]] !== scores[i]) {
      truePositives.push(tp);
      falsePositives.push(k + 1 - tp);
      thresholds.push(scores[i]);
    }
  }
  return {
    truePositives: Float64Array.from(truePositives),
    falsePositives: Float64Array.from(falsePositives),
    thresholds: Float64Array.from(thresholds),
    positives,
    negatives,
  };
}

/** The ROC curve's points (sklearn `roc_curve` with drop_intermediate=False). */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocCurve {
  const c = thresholdCounts('rocCurve', scores, labels);
  const m = c.thresholds.length;
  const curve: RocCurve = { falsePositiveRate: new Float64Array(m + 1), truePositiveRate: new Float64Array(m + 1), thresholds: new Float64Array(m + 1) };
  curve.thresholds[0] = Number.POSITIVE_INFINITY;
  for (let k = 0; k < m; k++) {
    curve.falsePositiveRate[k + 1] = c.falsePositives[k] / c.negatives;
    curve.truePositiveRate[k + 1] = c.truePositives[k] / c.positives;
    curve.thresholds[k + 1] = c.thresholds[k];
  }
  return curve;
}

/**
 * Area under the ROC curve by the trapezoidal rule over the points at distinct thresholds (sklearn `roc_auc_score`):
 * the probability that a random positive scores above a random negative, ties counting half. Summed in counts
 * (exact in float64) and divided once.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const c = thresholdCounts('rocAuc', scores, labels);
  let area = 0;
  let fpPrev = 0;
  let tpPrev = 0;
  for (let k = 0; k < c.thresholds.length; k++) {
    const fp = c.falsePositives[k];
    const tp = c.truePositives[k];
    area += ((fp - fpPrev) * (tp + tpPrev)) / 2;
    fpPrev = fp;
    tpPrev = tp;
  }
  return area / (c.positives * c.negatives);
}

/** The precision–recall curve's points (sklearn `precision_recall_curve`, reversed; see PrecisionRecallCurve). */
export function precisionRecallCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): PrecisionRecallCurve {
  const c = thresholdCounts('precisionRecallCurve', scores, labels);
  const m = c.thresholds.length;
  const curve: PrecisionRecallCurve = { precision: new Float64Array(m + 1), recall: new Float64Array(m + 1), thresholds: new Float64Array(m + 1) };
  curve.precision[0] = 1;
  curve.thresholds[0] = Number.POSITIVE_INFINITY;
  for (let k = 0; k < m; k++) {
    const tp = c.truePositives[k];
    curve.precision[k + 1] = tp / (tp + c.falsePositives[k]);
    curve.recall[k + 1] = tp / c.positives;
    curve.thresholds[k + 1] = c.thresholds[k];
  }
  return curve;
}

/**
 * Average precision, Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct thresholds, highest first, with R₀ = 0
 * (sklearn `average_precision_score`: a step sum, not the trapezoid, which would be optimistic).
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const c = thresholdCounts('averagePrecision', scores, labels);
  let sum = 0;
  let recallPrev = 0;
  for (let k = 0; k < c.thresholds.length; k++) {
    const tp = c.truePositives[k];
    const recall = tp / c.positives;
    sum += (recall - recallPrev) * (tp / (tp + c.falsePositives[k]));
    recallPrev = recall;
  }
  return sum;
}
