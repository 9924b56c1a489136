import { describe, expect, it } from 'vitest';
import { priorFrame, spreadFrame } from '../../../../src-shared/latent/code-frame';
import { manifoldCodes } from '../../../../src-shared/latent/manifold';
import { inverseNormalCdf } from '../../../../src-shared/math/inverse-normal-cdf';

describe('manifold grid (Kingma & Welling 2013, Fig. 4)', () => {
  it('lays K × K codes at the Gaussian quantiles: z₁ left to right, z₂ bottom to top', () => {
    const grid = manifoldCodes(3, priorFrame(2));
    const q = inverseNormalCdf(5 / 6);
    expect(grid.quantiles).toEqual([-q, 0, q].map((v) => expect.closeTo(v, 14)));
    expect(grid.z1).toEqual(grid.quantiles);
    expect(grid.z2).toEqual([...grid.quantiles].reverse());
    const at = (row: number, col: number) => Array.from(grid.codes.subarray((row * 3 + col) * 2, (row * 3 + col) * 2 + 2));
    // Top-left: smallest z₁, largest z₂; bottom-right: largest z₁, smallest z₂ (float32 codes).
    expect(at(0, 0)).toEqual([Math.fround(-q), Math.fround(q)]);
    expect(at(2, 2)).toEqual([Math.fround(q), Math.fround(-q)]);
    expect(at(1, 1)).toEqual([0, 0]);
    expect(grid.codes).toHaveLength(18);
  });

  it('places the quantiles in the codes own spread for codes without a prior', () => {
    const grid = manifoldCodes(2, spreadFrame({ mean: [1, -2], variance: [4, 0.25] }));
    const q = inverseNormalCdf(0.75);
    expect(grid.z1).toEqual([1 - 2 * q, 1 + 2 * q].map((v) => expect.closeTo(v, 14)));
    expect(grid.z2).toEqual([-2 + 0.5 * q, -2 - 0.5 * q].map((v) => expect.closeTo(v, 14)));
  });

  it('needs a 2-d latent space', () => {
    expect(() => manifoldCodes(5, priorFrame(3))).toThrow(/needs a 2-d latent space, this one has 3 dimensions/);
  });
});
