/** How z(t) goes from z_A to z_B: along the straight line, or along the great circle (slerp). */
export const INTERPOLATION_PATHS = ['linear', 'slerp'] as const;
export type InterpolationPath = (typeof INTERPOLATION_PATHS)[number];

/**
 * z(t) between two codes, in float64. `linear`: (1 − t)·a + t·b. `slerp` (Shoemake 1985, used for latent spaces by
 * White 2016, "Sampling Generative Networks"): sin((1 − t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b with
 * cos Ω = a·b / (|a||b|), which keeps z at the norms a sample from a high-dimensional Gaussian prior has, where the
 * straight line's midpoint falls toward the origin. Nearly parallel (or zero) codes fall back to the line, where
 * the two agree.
 */
export function interpolateCodes(a: ArrayLike<number>, b: ArrayLike<number>, t: number, path: InterpolationPath): Float32Array {
  if (a.length !== b.length) throw new Error(`codes of different sizes: ${a.length} and ${b.length}`);
  const out = new Float32Array(a.length);
  let wa = 1 - t;
  let wb = t;
  if (path === 'slerp') {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    const norms = Math.sqrt(na * nb);
    if (norms > 0) {
      const omega = Math.acos(Math.min(1, Math.max(-1, dot / norms)));
      const sin = Math.sin(omega);
      if (sin > 1e-6) {
        wa = Math.sin((1 - t) * omega) / sin;
        wb = Math.sin(t * omega) / sin;
      }
    }
  }
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i] + wb * b[i];
  return out;
}
