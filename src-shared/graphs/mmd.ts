import type { Graph } from './graph';
import { clusteringHistogram, degreeHistogram } from './graph-stats';

/**
 * Maximum mean discrepancy between two sets of graphs on per-graph histograms (degree, clustering coefficient), as
 * GraphRNN evaluates generated graphs (You et al. 2018, §4.2; their eval/mmd.py and eval/stats.py):
 *   - each histogram is normalized to sum 1 (compute_mmd with is_hist=True);
 *   - two histograms are padded with zeros to equal length, and compared by the earth mover's distance with ground
 *     distance |i − j| / distanceScaling between bins i and j (pyemd.emd over a Toeplitz distance matrix);
 *   - the kernel is k(x, y) = exp(−EMD(x, y)² / (2σ²)) (gaussian_emd);
 *   - MMD² = mean k(X, X) + mean k(Y, Y) − 2 mean k(X, Y), each mean over all ordered pairs, self-pairs included
 *     (disc), i.e. the biased V-statistic estimate of Gretton et al. (2012, eq. 5).
 * Degree: nx.degree_histogram, σ = 1, distanceScaling = 1. Clustering: np.histogram of the local coefficients with 100
 * bins over [0, 1], σ = 0.1, distanceScaling = 100 (the number of bins, so the ground distance is in coefficient
 * units). Everything is accumulated in float64.
 */

/** Bins of a histogram, as plain numbers (counts or masses). */
export type Histogram = ArrayLike<number>;

/**
 * The earth mover's distance between two 1-D histograms of equal total mass on bins 0, 1, 2, … with ground distance
 * |i − j| / distanceScaling. In one dimension the optimal plan moves mass monotonically, so the EMD is
 * Σ_k |F_x(k) − F_y(k)| / distanceScaling with F the cumulative sums (Vallender 1974); the shorter histogram is padded
 * with zeros, as GraphRNN's emd does before calling pyemd.
 */
export function emd1d(x: Histogram, y: Histogram, distanceScaling = 1): number {
  const size = Math.max(x.length, y.length);
  let cumulative = 0;
  let total = 0;
  for (let k = 0; k < size; k++) {
    cumulative += (k < x.length ? x[k] : 0) - (k < y.length ? y[k] : 0);
    total += Math.abs(cumulative);
  }
  return total / distanceScaling;
}

/** GraphRNN's gaussian_emd: exp(−EMD² / (2σ²)). */
export function gaussianEmdKernel(x: Histogram, y: Histogram, sigma: number, distanceScaling = 1): number {
  const d = emd1d(x, y, distanceScaling);
  return Math.exp((-d * d) / (2 * sigma * sigma));
}

/** The histogram scaled to sum 1 (compute_mmd's is_hist normalization), in float64. */
export function normalizeHistogram(h: Histogram, what: string): Float64Array {
  let sum = 0;
  for (let k = 0; k < h.length; k++) sum += h[k];
  if (!(sum > 0)) throw new RangeError(`${what} has no mass to normalize (a graph without nodes?); leave empty graphs out of the sets`);
  const out = new Float64Array(h.length);
  for (let k = 0; k < h.length; k++) out[k] = h[k] / sum;
  return out;
}

/** mean over all ordered pairs of k(a, b), as GraphRNN's disc. */
function meanKernel(a: Histogram[], b: Histogram[], kernel: (x: Histogram, y: Histogram) => number): number {
  let sum = 0;
  for (const x of a) for (const y of b) sum += kernel(x, y);
  return sum / (a.length * b.length);
}

/** MMD² = E k(X, X′) + E k(Y, Y′) − 2 E k(X, Y) over already-normalized samples (GraphRNN's compute_mmd). */
export function mmdSquared(a: Histogram[], b: Histogram[], kernel: (x: Histogram, y: Histogram) => number): number {
  if (a.length === 0 || b.length === 0) throw new RangeError(`MMD needs two non-empty sets; got ${a.length} and ${b.length} samples`);
  return meanKernel(a, a, kernel) + meanKernel(b, b, kernel) - 2 * meanKernel(a, b, kernel);
}

const normalizedAll = (graphs: Graph[], set: string, histogram: (g: Graph) => number[]): Float64Array[] =>
  graphs.map((g, i) => normalizeHistogram(histogram(g), `graph ${i} of the ${set} set`));

/** MMD² between the degree distributions of two sets of graphs (GraphRNN's degree_stats: σ = 1, ground distance in degrees). */
export function degreeMmd(a: Graph[], b: Graph[], options: { sigma?: number } = {}): number {
  const { sigma = 1 } = options;
  return mmdSquared(normalizedAll(a, 'first', degreeHistogram), normalizedAll(b, 'second', degreeHistogram), (x, y) => gaussianEmdKernel(x, y, sigma));
}

/**
 * MMD² between the local clustering-coefficient distributions of two sets (GraphRNN's clustering_stats: 100 bins over
 * [0, 1], σ = 0.1, ground distance |i − j| / bins).
 */
export function clusteringMmd(a: Graph[], b: Graph[], options: { bins?: number; sigma?: number } = {}): number {
  const { bins = 100, sigma = 0.1 } = options;
  const histogram = (g: Graph) => clusteringHistogram(g, bins);
  return mmdSquared(normalizedAll(a, 'first', histogram), normalizedAll(b, 'second', histogram), (x, y) => gaussianEmdKernel(x, y, sigma, bins));
}
