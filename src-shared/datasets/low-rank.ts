import { mulberry32 } from './rng';

export const LOW_RANK_DIM = 20;
export const LOW_RANK_RANK = 3;

/**
 * Gaussian data of known low rank: x = W z + ε with z ~ N(0, I_k), W a fixed D×k matrix with orthonormal columns
 * scaled by (3, 2, 1), ε ~ N(0, 0.05² I). PCA (and a linear autoencoder) should recover span(W).
 */
export function generateLowRank(count: number, seed: number): { data: Float32Array; basis: Float32Array } {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const d = LOW_RANK_DIM;
  const k = LOW_RANK_RANK;
  // Gram–Schmidt on random Gaussian columns gives an orthonormal basis.
  const basis = new Float32Array(d * k);
  for (let j = 0; j < k; j++) {
    const v = Array.from({ length: d }, normal);
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += v[i] * basis[i * k + p];
      for (let i = 0; i < d; i++) v[i] -= dot * basis[i * k + p];
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < d; i++) basis[i * k + j] = v[i] / norm;
  }
  const scales = [3, 2, 1];
  const data = new Float32Array(count * d);
  for (let n = 0; n < count; n++) {
    const z = scales.map((s) => s * normal());
    for (let i = 0; i < d; i++) {
      let x = 0.05 * normal();
      for (let j = 0; j < k; j++) x += basis[i * k + j] * z[j];
      data[n * d + i] = x;
    }
  }
  return { data, basis };
}
