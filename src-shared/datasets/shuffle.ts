import { mulberry32 } from './rng';

/** Fisher–Yates with a seeded generator: the same seed gives the same order on every machine. */
export function shuffledIndices(n: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx;
}
