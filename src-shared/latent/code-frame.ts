/**
 * Where a grid in code space is laid. A VAE's codes have a prior, N(0, I): grids span it directly (centre 0, unit
 * scale). Other families' codes have none, so grids span each dimension's own spread over validation images
 * (centre its mean, scale its standard deviation), as the PNG export's traversals do.
 */
export interface CodeFrame {
  basis: 'prior' | 'codes';
  centre: number[];
  scale: number[];
}

/** Validation images whose codes give a run's code statistics (mean, spread, activity): enough for stable moments, cheap to encode. */
export const CODE_STATISTICS_SAMPLES = 2000;

/** Mean and (population) variance of each dimension of `n` codes of `k` dimensions (row-major), two-pass in float64. */
export function codeStatistics(codes: ArrayLike<number>, n: number, k: number): { mean: Float64Array; variance: Float64Array } {
  if (codes.length !== n * k) throw new RangeError(`codeStatistics: ${codes.length} values are not ${n} codes × ${k} dimensions`);
  const mean = new Float64Array(k);
  const variance = new Float64Array(k);
  if (n === 0) return { mean, variance };
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j] += codes[i * k + j];
  for (let j = 0; j < k; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) variance[j] += (codes[i * k + j] - mean[j]) ** 2;
  for (let j = 0; j < k; j++) variance[j] /= n;
  return { mean, variance };
}

/** A VAE's frame: its prior N(0, I), centre 0 and unit scale in each of `k` dimensions. */
export function priorFrame(k: number): CodeFrame {
  return { basis: 'prior', centre: new Array<number>(k).fill(0), scale: new Array<number>(k).fill(1) };
}

/** The frame of codes without a prior: each dimension's mean and standard deviation (a dimension that never varies keeps unit scale). */
export function spreadFrame(stats: { mean: ArrayLike<number>; variance: ArrayLike<number> }): CodeFrame {
  return {
    basis: 'codes',
    centre: Array.from(stats.mean),
    scale: Array.from(stats.variance, (v) => (v > 0 ? Math.sqrt(v) : 1)),
  };
}
