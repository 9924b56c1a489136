import * as tf from '@tensorflow/tfjs';
import { cholesky, invertLower } from '../../src-shared/math/cholesky';
import { jacobiEigen } from '../../src-shared/math/jacobi-eigen';
import { readValues } from './read-values';
import { tfSeed } from './tf-seed';

/** One Cholesky-QR pass: Q = A R⁻¹ with RᵀR = AᵀA; the k×k factorization is done in JavaScript. */
async function choleskyQrPass(a: tf.Tensor2D): Promise<tf.Tensor2D> {
  const k = a.shape[1];
  const gram = await readValues(() => tf.matMul(a, a, true, false));
  const lower = cholesky(gram, k);
  // R = Lᵀ, so R⁻¹ = (L⁻¹)ᵀ.
  return tf.tidy(() => tf.matMul(a, tf.transpose(tf.tensor2d(invertLower(lower, k), [k, k]))) as tf.Tensor2D);
}

/**
 * An orthonormal basis of the column space of a (D×k, k ≤ D, full column rank) by CholeskyQR2 (Fukaya et al. 2014):
 * two passes of Q = A R⁻¹ with RᵀR = AᵀA. Two matmuls per pass instead of tfjs' op-by-op Householder QR,
 * which is what makes PCA fast here.
 */
export async function orthonormalBasis(a: tf.Tensor2D): Promise<tf.Tensor2D> {
  const once = await choleskyQrPass(a);
  try {
    return await choleskyQrPass(once);
  } finally {
    once.dispose();
  }
}

/**
 * Principal angles (degrees, smallest first) between span(A) and span(B), both D×k: the arccos of the singular
 * values of Q_Aᵀ Q_B (Björck & Golub 1973). 0° everywhere means the same subspace.
 */
export async function principalAngles(a: tf.Tensor2D, b: tf.Tensor2D): Promise<number[]> {
  const k = a.shape[1];
  const [qa, qb] = [await orthonormalBasis(a), await orthonormalBasis(b)];
  const gram = await readValues(() => {
    const m = tf.matMul(qa, qb, true, false);
    return tf.matMul(m, m, true, false);
  });
  tf.dispose([qa, qb]);
  const { values } = jacobiEigen(gram, k);
  return values.map((s2) => (Math.acos(Math.min(1, Math.sqrt(Math.max(0, s2)))) * 180) / Math.PI).sort((x, y) => x - y);
}

export interface PcaFit {
  mean: tf.Tensor1D;
  /** D×k, orthonormal columns, by decreasing variance. */
  components: tf.Tensor2D;
  /** Variance along each component. */
  variances: number[];
  /** Total variance of the data (trace of the covariance). */
  totalVariance: number;
}

/**
 * PCA of x (N×D) by orthogonal iteration on the covariance, then a Rayleigh–Ritz step to order and rotate the
 * k directions (Golub & Van Loan, §8.2.4). Deterministic for a seed.
 */
export async function fitPca(x: tf.Tensor2D, k: number, seed: number, iterations = 150): Promise<PcaFit> {
  const [n, d] = x.shape;
  if (k > d) throw new Error(`PCA: latentDim ${k} exceeds the data dimension ${d}`);
  const mean = tf.mean(x, 0) as tf.Tensor1D;
  const cov = tf.tidy(() => {
    const xc = tf.sub(x, mean);
    return tf.div(tf.matMul(xc, xc, true, false), Math.max(1, n - 1)) as tf.Tensor2D;
  });
  const start = tf.randomNormal([d, k], 0, 1, 'float32', tfSeed(seed)) as tf.Tensor2D;
  let q = await orthonormalBasis(start);
  start.dispose();
  for (let i = 0; i < iterations; i++) {
    const product = tf.matMul(cov, q) as tf.Tensor2D;
    const next = await orthonormalBasis(product);
    tf.dispose([product, q]);
    q = next;
  }
  const small = await readValues(() => tf.matMul(tf.matMul(q, cov, true, false), q));
  const { values, vectors } = jacobiEigen(small, k);
  const components = tf.tidy(() => tf.matMul(q, tf.tensor2d(vectors, [k, k])) as tf.Tensor2D);
  const totalVariance = (await readValues(() => tf.sum(tf.mul(tf.eye(d), cov))))[0];
  tf.dispose([q, cov]);
  return { mean, components, variances: values, totalVariance };
}
