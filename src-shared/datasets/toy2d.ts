import { mulberry32 } from './rng';

/** A 2-D toy: `count` points (x, y) interleaved, with a factor per point (arm, moon, ring or roll position). */
export interface Toy2d {
  points: Float32Array;
  factor: Float32Array;
}

function gaussian(random: () => number): number {
  // Box–Muller; 1 − u keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

type Sampler = (random: () => number) => [number, number, number];

/** Two interleaved spiral arms, r = t, angle = t·3π/2 ± π (the seeds' denoising vector-field demo). */
const spiral: Sampler = (random) => {
  const arm = random() < 0.5 ? 0 : 1;
  const t = 0.25 + random() * 2.75;
  const angle = t * 1.5 * Math.PI + arm * Math.PI;
  return [t * Math.cos(angle), t * Math.sin(angle), arm];
};

/** Two half circles offset into each other (scikit-learn's make_moons). */
const moons: Sampler = (random) => {
  const moon = random() < 0.5 ? 0 : 1;
  const a = random() * Math.PI;
  return moon === 0 ? [Math.cos(a), Math.sin(a), 0] : [1 - Math.cos(a), 0.5 - Math.sin(a), 1];
};

/** Two concentric circles, radii 1 and 0.5. */
const circles: Sampler = (random) => {
  const ring = random() < 0.5 ? 0 : 1;
  const a = random() * 2 * Math.PI;
  const r = ring === 0 ? 1 : 0.5;
  return [r * Math.cos(a), r * Math.sin(a), ring];
};

/** The swiss roll seen from its axis: (t cos t, t sin t) / 10 for t ∈ [1.5π, 4.5π]; factor t. */
const swissRoll: Sampler = (random) => {
  const t = 1.5 * Math.PI * (1 + 2 * random());
  return [(t * Math.cos(t)) / 10, (t * Math.sin(t)) / 10, t];
};

export const TOY_2D = { spiral, moons, circles, 'swiss-roll': swissRoll } as const;
export type Toy2dName = keyof typeof TOY_2D;

/** Samples a toy with isotropic Gaussian noise of standard deviation `noise` added to every point. */
export function generateToy2d(name: Toy2dName, count: number, seed: number, noise = 0.05): Toy2d {
  const random = mulberry32(seed);
  const points = new Float32Array(count * 2);
  const factor = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const [x, y, f] = TOY_2D[name](random);
    points[2 * i] = x + noise * gaussian(random);
    points[2 * i + 1] = y + noise * gaussian(random);
    factor[i] = f;
  }
  return { points, factor };
}
