import { describe, expect, it } from 'vitest';
import { liftFromPlane, principalPlane, projectOntoPlane } from '../../../../src-shared/math/principal-plane';
import { mulberry32 } from '../../../../src-shared/datasets/rng';

/**
 * Points x = m + 5·u·e₁ + 2·v·e₂ + 0.1·w·e₃ in 3-d, with (e₁, e₂, e₃) an orthonormal basis rotated away from the
 * coordinate axes and u, v, w of variance 1 each: the principal axes are ±e₁, ±e₂ with variances 25 : 4 : 0.01.
 */
function rotatedCloud(count: number) {
  const c = Math.cos(0.7);
  const s = Math.sin(0.7);
  const e1 = [c, s, 0];
  const e2 = [-s * Math.SQRT1_2, c * Math.SQRT1_2, Math.SQRT1_2];
  const e3 = [s * Math.SQRT1_2, -c * Math.SQRT1_2, Math.SQRT1_2];
  const m = [1, -2, 3];
  const random = mulberry32(5);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const values = new Float64Array(count * 3);
  for (let n = 0; n < count; n++) {
    const [u, v, w] = [5 * normal(), 2 * normal(), 0.1 * normal()];
    for (let i = 0; i < 3; i++) values[n * 3 + i] = m[i] + u * e1[i] + v * e2[i] + w * e3[i];
  }
  return { values, e1, e2 };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('principalPlane', () => {
  it('finds the two directions of largest variance, ordered, orthonormal, with their share of the variance', () => {
    const { values, e1, e2 } = rotatedCloud(4000);
    const plane = principalPlane(values, 4000, 3);
    const [a1, a2] = [plane.axes.slice(0, 3), plane.axes.slice(3)];
    expect(Math.abs(dot(a1, e1))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(a2, e2))).toBeGreaterThan(0.999);
    expect(dot(a1, a1)).toBeCloseTo(1, 12);
    expect(dot(a2, a2)).toBeCloseTo(1, 12);
    expect(dot(a1, a2)).toBeCloseTo(0, 12);
    // 25 : 4 : 0.01, up to sampling error.
    expect(plane.explained[0]).toBeCloseTo(25 / 29.01, 1);
    expect(plane.explained[1]).toBeCloseTo(4 / 29.01, 1);
    expect(plane.explained[0] + plane.explained[1]).toBeLessThanOrEqual(1);
  });

  it('computes the mean and variances exactly on a small cloud, in float64', () => {
    // Four points on a rectangle 4 wide (x) and 2 high (y), at z = 7; mean (1, 1, 7).
    const values = [-1, 0, 7, 3, 0, 7, -1, 2, 7, 3, 2, 7];
    const plane = principalPlane(values, 4, 3);
    expect(plane.mean).toEqual([1, 1, 7]);
    expect(plane.axes).toEqual([1, 0, 0, 0, 1, 0]);
    // Sample variances 16/3 and 4/3 of a total of 20/3.
    expect(plane.explained[0]).toBeCloseTo(0.8, 14);
    expect(plane.explained[1]).toBeCloseTo(0.2, 14);
  });

  it('signs each axis so that its largest entry is positive, whatever the order of the points', () => {
    const { values } = rotatedCloud(500);
    const reversed = new Float64Array(values.length);
    for (let n = 0; n < 500; n++) reversed.set(values.subarray(n * 3, n * 3 + 3), (499 - n) * 3);
    const a = principalPlane(values, 500, 3);
    const b = principalPlane(reversed, 500, 3);
    for (const plane of [a, b]) {
      for (const axis of [plane.axes.slice(0, 3), plane.axes.slice(3)]) {
        const largest = axis.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
        expect(largest).toBeGreaterThan(0);
      }
    }
    b.axes.forEach((v, i) => expect(v).toBeCloseTo(a.axes[i], 10));
  });

  it('refuses what has no plane', () => {
    expect(() => principalPlane([1, 2, 3], 3, 1)).toThrow(/at least 2 dimensions; these have 1/);
    expect(() => principalPlane([1, 2, 3], 1, 3)).toThrow(/at least 2 points; got 1/);
  });
});

describe('projectOntoPlane and liftFromPlane', () => {
  it('project to (a₁·(x − m), a₂·(x − m)) and lift back onto the plane', () => {
    const { values } = rotatedCloud(200);
    const plane = principalPlane(values, 200, 3);
    const uv = projectOntoPlane(values, 200, plane);
    expect(uv).toHaveLength(400);
    const x0 = Array.from(values.subarray(0, 3), (v, i) => v - plane.mean[i]);
    expect(uv[0]).toBeCloseTo(dot(x0, plane.axes.slice(0, 3)), 5);
    expect(uv[1]).toBeCloseTo(dot(x0, plane.axes.slice(3)), 5);
    // A point lifted from the plane projects to where it came from.
    const grid = new Float32Array([0, 0, 1.5, -2, -3, 4]);
    const lifted = liftFromPlane(grid, 3, plane);
    expect(lifted).toHaveLength(9);
    Array.from(projectOntoPlane(lifted, 3, plane)).forEach((v, i) => expect(v).toBeCloseTo(grid[i], 5));
    Array.from(lifted.subarray(0, 3)).forEach((v, i) => expect(v).toBeCloseTo(plane.mean[i], 5));
  });
});
