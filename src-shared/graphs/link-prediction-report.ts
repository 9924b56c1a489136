import type { LinkPredictionScores } from '../contract/types';
import { averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from '../metrics/ranking';

/** The file a finished link-prediction run leaves in its run folder (a LinkPredictionReport as JSON). */
export const LINK_PREDICTION_REPORT_FILE = 'link-prediction.json';

/** Curves keep at most this many points (evenly strided, first and last kept): enough to draw, small to send. */
export const CURVE_POINTS = 2000;

function thin(values: Float64Array, keep: number[]): number[] {
  return keep.map((k) => values[k]);
}

function strided(length: number): number[] {
  if (length <= CURVE_POINTS) return Array.from({ length }, (_, k) => k);
  const step = (length - 1) / (CURVE_POINTS - 1);
  return Array.from({ length: CURVE_POINTS }, (_, k) => Math.round(k * step));
}

/** AUC, AP and their curves for held-out pairs (labels 1 for edges, 0 for non-edges); AUC and AP use every point. */
export function linkPredictionScores(scores: ArrayLike<number>, labels: ArrayLike<number>): LinkPredictionScores {
  const roc = rocCurve(scores, labels);
  const pr = precisionRecallCurve(scores, labels);
  const rocKeep = strided(roc.falsePositiveRate.length);
  const prKeep = strided(pr.recall.length);
  let positives = 0;
  for (let k = 0; k < labels.length; k++) positives += labels[k] === 1 ? 1 : 0;
  return {
    auc: rocAuc(scores, labels),
    ap: averagePrecision(scores, labels),
    positives,
    negatives: labels.length - positives,
    roc: { falsePositiveRate: thin(roc.falsePositiveRate, rocKeep), truePositiveRate: thin(roc.truePositiveRate, rocKeep) },
    pr: { recall: thin(pr.recall, prKeep), precision: thin(pr.precision, prKeep) },
  };
}
