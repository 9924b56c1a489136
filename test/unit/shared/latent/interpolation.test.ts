import { describe, expect, it } from 'vitest';
import { interpolateCodes } from '../../../../src-shared/latent/interpolation';

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));

describe('interpolateCodes', () => {
  it('draws the straight line for linear', () => {
    expect(Array.from(interpolateCodes([0, 2], [4, 6], 0.25, 'linear'))).toEqual([1, 3]);
  });

  it('meets both ends and, between unit codes, stays on the unit circle (slerp)', () => {
    const a = [1, 0];
    const b = [0, 1];
    expect(Array.from(interpolateCodes(a, b, 0, 'slerp'))).toEqual([1, 0]);
    const end = interpolateCodes(a, b, 1, 'slerp');
    expect(end[0]).toBeCloseTo(0, 7);
    expect(end[1]).toBeCloseTo(1, 7);
    const mid = interpolateCodes(a, b, 0.5, 'slerp');
    expect(mid[0]).toBeCloseTo(Math.SQRT1_2, 7);
    expect(mid[1]).toBeCloseTo(Math.SQRT1_2, 7);
    for (const t of [0.1, 0.3, 0.7, 0.9]) expect(norm(interpolateCodes(a, b, t, 'slerp'))).toBeCloseTo(1, 6);
    // The line's midpoint falls inside the circle: |(a + b)/2| = 1/√2.
    expect(norm(interpolateCodes(a, b, 0.5, 'linear'))).toBeCloseTo(Math.SQRT1_2, 7);
  });

  it('turns by equal angles in equal steps of t', () => {
    const a = [3, 0, 0];
    const b = [0, 0, 3];
    const angle = (v: ArrayLike<number>) => Math.atan2(v[2], v[0]);
    const steps = [0, 0.25, 0.5, 0.75, 1].map((t) => angle(interpolateCodes(a, b, t, 'slerp')));
    steps.slice(1).forEach((s, i) => expect(s - steps[i]).toBeCloseTo(Math.PI / 8, 6));
  });

  it('falls back to the line for parallel or zero codes, and refuses codes of different sizes', () => {
    expect(Array.from(interpolateCodes([1, 1], [2, 2], 0.5, 'slerp'))).toEqual([1.5, 1.5]);
    expect(Array.from(interpolateCodes([0, 0], [2, 2], 0.5, 'slerp'))).toEqual([1, 1]);
    expect(() => interpolateCodes([1], [1, 2], 0.5, 'slerp')).toThrow(/different sizes/);
  });
});
