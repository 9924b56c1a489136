import { describe, expect, it } from 'vitest';
import { cholesky, invertLower } from '../../../../src-shared/math/cholesky';

describe('cholesky and invertLower', () => {
  const a = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];

  it('factors A = L Lᵀ', () => {
    const l = cholesky(a, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += l[i * 3 + k] * l[j * 3 + k];
        expect(sum).toBeCloseTo(a[i * 3 + j], 12);
      }
    }
    expect(l[1]).toBe(0); // lower triangular
  });

  it('inverts the factor: L · L⁻¹ = I', () => {
    const l = cholesky(a, 3);
    const inv = invertLower(l, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += l[i * 3 + k] * inv[k * 3 + j];
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => cholesky([1, 2, 2, 1], 2)).toThrow(/not positive definite \(pivot 1/);
  });
});
