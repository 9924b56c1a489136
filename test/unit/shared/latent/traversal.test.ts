import { describe, expect, it } from 'vitest';
import { codeStatistics, priorFrame, spreadFrame } from '../../../../src-shared/latent/code-frame';
import { traversalCodes, traversalRows, traversalValues } from '../../../../src-shared/latent/traversal';

describe('traversal rows', () => {
  it('sorts dimensions by their KL, largest first, and marks those under 0.01 nats inactive', () => {
    const rows = traversalRows([0.2, 3.1, 0.004, 1.5], [0.3, 0.9, 0.5, 0.8]);
    expect(rows.map((r) => r.dim)).toEqual([1, 3, 0, 2]);
    expect(rows.map((r) => r.active)).toEqual([true, true, true, false]);
    expect(rows[0]).toEqual({ dim: 1, kl: 3.1, activity: 0.9, active: true });
  });

  it("also marks a dimension inactive by the active-unit criterion, Cov_x(μ_j) ≤ 0.01 (Burda et al. 2016)", () => {
    const rows = traversalRows([0.5, 0.4], [0.005, 0.2]);
    expect(rows.map((r) => [r.dim, r.active])).toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it('without KL (deterministic codes) sorts by activity; ties keep dimension order', () => {
    expect(traversalRows(null, [1, 4, 4, 0.001]).map((r) => [r.dim, r.kl, r.active])).toEqual([
      [1, null, true],
      [2, null, true],
      [0, null, true],
      [3, null, false],
    ]);
  });

  it('refuses KL for another number of dimensions', () => {
    expect(() => traversalRows([1, 2], [1, 2, 3])).toThrow(/2 KL values for 3 dimensions/);
  });
});

describe('traversal values and codes', () => {
  it('steps evenly from −r to +r, both ends included', () => {
    expect(traversalValues(3, 7)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(traversalValues(1.5, 2)).toEqual([-1.5, 1.5]);
    expect(() => traversalValues(0, 5)).toThrow(/range > 0/);
    expect(() => traversalValues(3, 1)).toThrow(/at least 2 steps/);
  });

  it('holds the anchor code and sets one dimension per row (prior frame: z_j = value)', () => {
    const anchor = [0.5, -1, 2];
    const codes = traversalCodes(anchor, [2, 0], [-1, 0, 1], priorFrame(3));
    expect(codes).toHaveLength(2 * 3 * 3);
    const row = (r: number, s: number) => Array.from(codes.subarray((r * 3 + s) * 3, (r * 3 + s + 1) * 3));
    expect(row(0, 0)).toEqual([0.5, -1, -1]);
    expect(row(0, 2)).toEqual([0.5, -1, 1]);
    expect(row(1, 1)).toEqual([0, -1, 2]);
  });

  it("places values in the codes' own spread when there is no prior: mean + value·sd", () => {
    const stats = codeStatistics([1, 10, 3, 10, 5, 10], 3, 2);
    expect(Array.from(stats.mean)).toEqual([3, 10]);
    expect(stats.variance[0]).toBeCloseTo(8 / 3, 14);
    expect(stats.variance[1]).toBe(0);
    const frame = spreadFrame(stats);
    expect(frame).toMatchObject({ basis: 'codes', centre: [3, 10] });
    // A dimension that never varies keeps unit scale rather than collapsing the row to one value.
    expect(frame.scale[1]).toBe(1);
    const codes = traversalCodes([4, 10], [0], [-1, 1], frame);
    expect(codes[0]).toBeCloseTo(3 - Math.sqrt(8 / 3), 6);
    expect(codes[2]).toBeCloseTo(3 + Math.sqrt(8 / 3), 6);
    expect(codes[1]).toBe(10);
  });
});
