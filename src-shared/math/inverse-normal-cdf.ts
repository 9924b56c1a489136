/**
 * The standard normal quantile Φ⁻¹(p) in float64: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3),
 * 1988), three minimax rational approximations (the centre |p − ½| ≤ 0.425, the tails r = √(−log min(p, 1 − p)) ≤ 5
 * and beyond), accurate to about 1 part in 10¹⁶ over the whole double range, so no Newton refinement is needed.
 */

// Central region: Φ⁻¹(½ + q) = q·A(r)/B(r), r = 0.180625 − q².
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
// Intermediate tail, r = √(−log p) − 1.6 for r ≤ 5.
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
  0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
// Far tail, r = √(−log p) − 5.
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
  2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/** Σ c_i x^i by Horner's rule. */
function polynomial(c: readonly number[], x: number): number {
  let sum = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) sum = sum * x + c[i];
  return sum;
}

/** Φ⁻¹(p) for p in (0, 1); −∞ at 0, +∞ at 1; a p outside [0, 1] (or NaN) is a caller's bug and throws. */
export function inverseNormalCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverseNormalCdf: p must lie in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(A, r)) / polynomial(B, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const tail = r <= 5 ? polynomial(C, r - 1.6) / polynomial(D, r - 1.6) : polynomial(E, r - 5) / polynomial(F, r - 5);
  return q < 0 ? -tail : tail;
}

/**
 * The k Gaussian quantiles Φ⁻¹((i + ½)/k), i = 0 … k − 1, in increasing order: the coordinates of a k × k manifold
 * grid over the prior (Kingma & Welling 2013, Fig. 4: "linearly spaced coordinates on the unit square were
 * transformed through the inverse CDF of the Gaussian"). The midpoints keep the ends finite.
 */
export function gaussianQuantiles(k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`gaussianQuantiles: k must be a positive integer, got ${k}`);
  return Array.from({ length: k }, (_, i) => inverseNormalCdf((i + 0.5) / k));
}
