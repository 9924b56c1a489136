/**
 * Cholesky factor of a small symmetric positive-definite matrix: A = L Lᵀ, L lower triangular (n×n, row-major).
 * Throws when A is not positive definite (numerically), naming the failing pivot.
 */
export function cholesky(a: ArrayLike<number>, n: number): number[] {
  const l = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error(`matrix is not positive definite (pivot ${i} is ${sum})`);
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/** Inverse of a lower-triangular n×n matrix by forward substitution. */
export function invertLower(l: ArrayLike<number>, n: number): number[] {
  const inv = new Array<number>(n * n).fill(0);
  for (let col = 0; col < n; col++) {
    for (let i = col; i < n; i++) {
      let sum = i === col ? 1 : 0;
      for (let k = col; k < i; k++) sum -= l[i * n + k] * inv[k * n + col];
      inv[i * n + col] = sum / l[i * n + i];
    }
  }
  return inv;
}
