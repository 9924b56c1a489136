/**
 * The Mutual Information Gap (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs", eq. 3), estimated
 * as google-research/disentanglement_lib's `mig.py` does: each code dimension of the mean codes is cut into 20
 * equal-width bins over its range (np.histogram + np.digitize), its discrete mutual information with each factor is
 * taken from the contingency table (natural log, as sklearn's mutual_info_score), and for each factor the gap
 * between the two most informative code dimensions is divided by the factor's entropy; MIG is the mean over factors.
 * Sums are float64.
 */

/** Bins per code dimension (and per continuous factor), as disentanglement_lib's `num_bins`. */
export const MIG_BINS = 20;

/** A known factor of variation: its value for each sample, and whether it takes a few unordered values (a shape) or a continuum. */
export interface FactorValues {
  name: string;
  values: ArrayLike<number>;
  discrete: boolean;
}

export interface MigFactor {
  factor: string;
  /** H(v_k) in nats, of the factor as discretized. */
  entropy: number;
  /** I(z_j; v_k) in nats for each code dimension j. */
  mutualInformation: number[];
  /** The code dimensions with the most and the second most information about the factor (0-based); second is null for a 1-d code. */
  top: number;
  second: number | null;
  /** (I(z_top; v_k) − I(z_second; v_k)) / H(v_k). */
  normalizedGap: number;
}

export interface MigResult {
  mig: number;
  factors: MigFactor[];
}

/**
 * Bin of each value among `bins` equal-width bins over [min, max], 0 … bins − 1: np.digitize(x, edges[:-1]) − 1
 * with edges = np.histogram(x, bins)[1], so a value on an inner edge goes to the bin above it and the maximum to the
 * last bin. A constant column falls in one bin (np.histogram widens an empty range by ±½).
 */
export function histogramDiscretize(values: ArrayLike<number>, bins = MIG_BINS): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new RangeError(`histogramDiscretize: value ${i} is ${v}; codes and factors must be finite`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0 || min === max) return out;
  // Edges as np.linspace computes them: min + i·step, the last one exactly max.
  const step = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * step));
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = Math.min(bins - 1, Math.max(0, Math.floor((v - min) / step)));
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    while (b > 0 && v < edges[b]) b--;
    out[i] = b;
  }
  return out;
}

/** Labels 0 … K − 1 for the distinct values of a discrete factor (in order of first appearance). */
export function categoricalLabels(values: ArrayLike<number>): Int32Array {
  const ids = new Map<number, number>();
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let id = ids.get(values[i]);
    if (id === undefined) ids.set(values[i], (id = ids.size));
    out[i] = id;
  }
  return out;
}

function countsOf(labels: Int32Array): Float64Array {
  let size = 0;
  for (const l of labels) size = Math.max(size, l + 1);
  const counts = new Float64Array(size);
  for (const l of labels) counts[l]++;
  return counts;
}

/** H(a) = −Σ p log p in nats, from label counts. */
export function discreteEntropy(labels: Int32Array): number {
  const n = labels.length;
  let h = 0;
  for (const c of countsOf(labels)) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** I(a; b) = Σ p(a, b) log(p(a, b) / (p(a) p(b))) in nats, from the contingency table of two labelings of the same samples. */
export function discreteMutualInformation(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) throw new RangeError(`discreteMutualInformation: ${a.length} labels against ${b.length}`);
  const n = a.length;
  const ca = countsOf(a);
  const cb = countsOf(b);
  const joint = new Float64Array(ca.length * cb.length);
  for (let i = 0; i < n; i++) joint[a[i] * cb.length + b[i]]++;
  let mi = 0;
  for (let i = 0; i < ca.length; i++) {
    for (let j = 0; j < cb.length; j++) {
      const c = joint[i * cb.length + j];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (ca[i] * cb[j]));
    }
  }
  // Rounding can leave −1e-17 for independent labelings; MI is never negative.
  return Math.max(0, mi);
}

/**
 * MIG of `n` codes of `k` dimensions (row-major, codes[i·k + j]) against the known factors of the same samples.
 * A factor that never varies (zero entropy) carries no information to capture and is left out of the mean; a
 * 1-d code has no second dimension, so its gap is measured against 0.
 */
export function mutualInformationGap(codes: ArrayLike<number>, n: number, k: number, factors: FactorValues[], bins = MIG_BINS): MigResult {
  if (codes.length !== n * k) throw new RangeError(`mutualInformationGap: ${codes.length} code values are not ${n} codes × ${k} dimensions`);
  const column = new Float64Array(n);
  const binned = Array.from({ length: k }, (_, j) => {
    for (let i = 0; i < n; i++) column[i] = codes[i * k + j];
    return histogramDiscretize(column, bins);
  });
  const scored: MigFactor[] = [];
  for (const factor of factors) {
    if (factor.values.length !== n) throw new RangeError(`mutualInformationGap: factor '${factor.name}' has ${factor.values.length} values for ${n} codes`);
    const labels = factor.discrete ? categoricalLabels(factor.values) : histogramDiscretize(factor.values, bins);
    const entropy = discreteEntropy(labels);
    if (entropy === 0) continue;
    const mutualInformation = binned.map((z) => discreteMutualInformation(z, labels));
    const order = mutualInformation.map((_, j) => j).sort((p, q) => mutualInformation[q] - mutualInformation[p] || p - q);
    const [top, second = null] = order;
    const gap = mutualInformation[top] - (second === null ? 0 : mutualInformation[second]);
    scored.push({ factor: factor.name, entropy, mutualInformation, top, second, normalizedGap: gap / entropy });
  }
  if (scored.length === 0) throw new RangeError('mutualInformationGap: every factor is constant over these samples; MIG needs at least one that varies');
  return { mig: scored.reduce((sum, f) => sum + f.normalizedGap, 0) / scored.length, factors: scored };
}
