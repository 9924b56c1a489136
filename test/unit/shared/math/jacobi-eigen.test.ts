import { describe, expect, it } from 'vitest';
import { jacobiEigen } from '../../../../src-shared/math/jacobi-eigen';

describe('jacobiEigen', () => {
  it('diagonalizes a symmetric matrix: A v = λ v, eigenvalues descending, vectors orthonormal', () => {
    const a = [4, 1, 2, 1, 3, 0.5, 2, 0.5, 5];
    const { values, vectors } = jacobiEigen(a, 3);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
    expect(values[1]).toBeGreaterThanOrEqual(values[2]);
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(12, 10); // trace
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 3; i++) {
        const av = a[i * 3] * vectors[j] + a[i * 3 + 1] * vectors[3 + j] + a[i * 3 + 2] * vectors[6 + j];
        expect(av).toBeCloseTo(values[j] * vectors[i * 3 + j], 10);
      }
      for (let k = 0; k < 3; k++) {
        const dot = vectors[j] * vectors[k] + vectors[3 + j] * vectors[3 + k] + vectors[6 + j] * vectors[6 + k];
        expect(dot).toBeCloseTo(j === k ? 1 : 0, 10);
      }
    }
  });

  it('handles a diagonal matrix and repeated eigenvalues', () => {
    expect(jacobiEigen([2, 0, 0, 2], 2).values).toEqual([2, 2]);
    expect(jacobiEigen([1, 0, 0, 3], 2).values).toEqual([3, 1]);
  });
});
