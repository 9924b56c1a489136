import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src-shared/datasets/rng';
import { BETA_VAE_BATCH, betaVaeFeature, betaVaeScore, type BetaVaePoint } from '../../../../src-shared/metrics/beta-vae-score';

const FACTORS = 5;

/**
 * BetaVAE points from hand-made codes: factors uniform in [0, 1]⁵; each point fixes one factor across its 64 pairs
 * (the rest drawn afresh) and encodes both sides with `code`.
 */
function points(count: number, seed: number, code: (factors: number[], random: () => number) => number[]): BetaVaePoint[] {
  const random = mulberry32(seed);
  const out: BetaVaePoint[] = [];
  for (let p = 0; p < count; p++) {
    const factor = Math.floor(random() * FACTORS);
    const first: number[] = [];
    const second: number[] = [];
    for (let b = 0; b < BETA_VAE_BATCH; b++) {
      const v1 = Array.from({ length: FACTORS }, () => random());
      const v2 = Array.from({ length: FACTORS }, () => random());
      v2[factor] = v1[factor];
      first.push(...code(v1, random));
      second.push(...code(v2, random));
    }
    out.push({ factor, feature: betaVaeFeature(first, second, BETA_VAE_BATCH, first.length / BETA_VAE_BATCH) });
  }
  return out;
}

const score = (code: (factors: number[], random: () => number) => number[]) => betaVaeScore(points(300, 1, code), points(200, 2, code), FACTORS);

describe('BetaVAE score (Higgins et al. 2017)', () => {
  it('takes the mean absolute difference of the pairs per dimension, in float64', () => {
    const feature = betaVaeFeature([1, 2, 3, 4], [0, 2, 5, 1], 2, 2);
    expect(Array.from(feature)).toEqual([(1 + 2) / 2, (0 + 3) / 2]);
    expect(() => betaVaeFeature([1, 2], [1], 1, 2)).toThrow(/expected 1 pairs of 2-d codes/);
  });

  it('is 1 for a perfectly disentangled code: the fixed factor is the dimension with no difference', () => {
    const result = score((v) => v);
    expect(result.score).toBe(1);
    expect(result.trainAccuracy).toBe(1);
    expect(result).toMatchObject({ trainPoints: 300, evalPoints: 200 });
  });

  it('is near chance (1/5) for a code independent of the factors', () => {
    const result = score((_, random) => Array.from({ length: 6 }, () => random()));
    expect(result.score).toBeGreaterThan(0.1);
    expect(result.score).toBeLessThan(0.32);
  });

  it('scores a permutation of the factors (rescaled) the same as the factors', () => {
    const order = [2, 4, 0, 1, 3];
    const plain = score((v) => v.map((x) => x));
    const permuted = score((v) => order.map((f) => 3 * v[f] - 1));
    expect(permuted.score).toBe(plain.score);
  });

  it('drops for a code that entangles factors by a rotation', () => {
    // Each code dimension a mix of all factors: no dimension goes quiet when one factor is fixed.
    const rotated = score((v) => v.map((_, j) => v.reduce((sum, x, f) => sum + Math.cos(1 + j * 1.7 + f * 2.3) * x, 0)));
    expect(rotated.score).toBeLessThan(0.9);
  });
});
