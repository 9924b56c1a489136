/**
 * Seeded pseudo-random numbers, so a built-in dataset is the same on every machine.
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, good enough for data synthesis.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` independent N(0, 1) draws from a seeded mulberry32 stream (Box–Muller transform, Box & Muller 1958):
 * the same seed gives the same numbers everywhere, and a longer draw starts with a shorter one's numbers.
 */
export function standardNormal(seed: number, n: number): Float32Array {
  const uniform = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - uniform(); // in (0, 1]: log(u1) stays finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}
