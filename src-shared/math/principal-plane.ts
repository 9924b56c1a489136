import { jacobiEigen } from './jacobi-eigen';

/**
 * The plane spanned by the first two principal axes of a point cloud, for drawing points of more than two
 * dimensions: a point x is drawn at (a₁·(x − m), a₂·(x − m)). Plain number arrays: the fit is float64 and stays so.
 */
export interface PlaneProjection {
  /** m: the mean of the points the axes were fitted to, one value per dimension. */
  mean: number[];
  /** a₁ then a₂ (2 × dims, row-major): orthonormal, each signed so that its entry of largest magnitude is positive. */
  axes: number[];
  /** Fraction of the points' total variance along a₁ and along a₂. */
  explained: [number, number];
}

/**
 * The first two principal axes of `count` points of `dims` values each (row-major): the top two eigenvectors of
 * the sample covariance, accumulated and diagonalized in float64 (Jolliffe, Principal Component Analysis, §1.1).
 */
export function principalPlane(values: ArrayLike<number>, count: number, dims: number): PlaneProjection {
  if (dims < 2) throw new Error(`a principal plane needs points of at least 2 dimensions; these have ${dims}`);
  if (count < 2) throw new Error(`a principal plane needs at least 2 points; got ${count}`);
  const mean = new Array<number>(dims).fill(0);
  for (let n = 0; n < count; n++) for (let i = 0; i < dims; i++) mean[i] += values[n * dims + i];
  for (let i = 0; i < dims; i++) mean[i] /= count;
  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < dims; i++) centred[i] = values[n * dims + i] - mean[i];
    for (let i = 0; i < dims; i++) {
      const ci = centred[i];
      for (let j = i; j < dims; j++) covariance[i * dims + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      covariance[i * dims + j] /= count - 1;
      covariance[j * dims + i] = covariance[i * dims + j];
    }
  }
  const { values: variances, vectors } = jacobiEigen(covariance, dims);
  const total = variances.reduce((sum, v) => sum + Math.max(v, 0), 0);
  const axes: number[] = [];
  for (const column of [0, 1]) {
    const axis = Array.from({ length: dims }, (_, i) => vectors[i * dims + column]);
    const largest = axis.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
    axes.push(...axis.map((v) => (largest < 0 ? -v : v)));
  }
  const fraction = (v: number) => (total > 0 ? Math.max(v, 0) / total : 0);
  return { mean, axes, explained: [fraction(variances[0]), fraction(variances[1])] };
}

/** Plane coordinates (count × 2) of points of `projection.mean.length` values each. */
export function projectOntoPlane(values: ArrayLike<number>, count: number, projection: PlaneProjection): Float32Array {
  const { mean, axes } = projection;
  const dims = mean.length;
  const out = new Float32Array(count * 2);
  for (let n = 0; n < count; n++) {
    let u = 0;
    let v = 0;
    for (let i = 0; i < dims; i++) {
      const centred = values[n * dims + i] - mean[i];
      u += axes[i] * centred;
      v += axes[dims + i] * centred;
    }
    out[2 * n] = u;
    out[2 * n + 1] = v;
  }
  return out;
}

/** The points m + u·a₁ + v·a₂ of the data space (count × dims) at plane coordinates (u, v) (count × 2). */
export function liftFromPlane(plane: ArrayLike<number>, count: number, projection: PlaneProjection): Float32Array {
  const { mean, axes } = projection;
  const dims = mean.length;
  const out = new Float32Array(count * dims);
  for (let n = 0; n < count; n++) {
    const u = plane[2 * n];
    const v = plane[2 * n + 1];
    for (let i = 0; i < dims; i++) out[n * dims + i] = mean[i] + u * axes[i] + v * axes[dims + i];
  }
  return out;
}
