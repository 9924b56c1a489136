import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bernoulliNll } from '../../../../src-main/trainer/objectives/bernoulli-nll';
import { negativeElbo } from '../../../../src-main/trainer/objectives/elbo';
import { gaussianKl, klPerDim } from '../../../../src-main/trainer/objectives/gaussian-kl';
import { reparameterize } from '../../../../src-main/trainer/objectives/reparameterize';
import { mulberry32 } from '../../../../src-shared/datasets/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Box–Muller standard normals from a seeded uniform generator, independent of tfjs. */
function normals(n: number, seed: number): Float64Array {
  const u = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const th = 2 * Math.PI * u();
    out[i] = r * Math.cos(th);
    if (i + 1 < n) out[i + 1] = r * Math.sin(th);
  }
  return out;
}

const logNormal = (x: number, mu: number, variance: number) => -0.5 * (Math.log(2 * Math.PI * variance) + ((x - mu) ** 2) / variance);

describe('closed-form Gaussian KL', () => {
  const mu = [0.7, -1.2, 0.0];
  const logVar = [-0.5, 0.3, 0.0];

  it('matches a Monte-Carlo estimate of E_q[log q(z) − log p(z)]', () => {
    const analytic = tf.tidy(() => gaussianKl(tf.tensor2d([mu]), tf.tensor2d([logVar])).dataSync()[0]);
    const n = 200_000;
    const eps = normals(n * 3, 11);
    let sum = 0;
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < 3; j++) {
        const variance = Math.exp(logVar[j]);
        const z = mu[j] + Math.sqrt(variance) * eps[s * 3 + j];
        sum += logNormal(z, mu[j], variance) - logNormal(z, 0, 1);
      }
    }
    const monteCarlo = sum / n;
    expect(analytic).toBeCloseTo(monteCarlo, 2);
  });

  it('is zero exactly at the prior and positive elsewhere, per dimension', () => {
    const perDim = tf.tidy(() => klPerDim(tf.tensor2d([[0, 1]]), tf.tensor2d([[0, 0]])).arraySync()[0]);
    expect(perDim[0]).toBe(0);
    expect(perDim[1]).toBeCloseTo(0.5, 6); // ½ μ² for σ = 1
  });
});

describe('Bernoulli negative log-likelihood', () => {
  it('equals −Σ [x log σ(l) + (1 − x) log(1 − σ(l))] computed directly', () => {
    const logits = [-3, -0.2, 0, 1.5, 8];
    const x = [0, 0.3, 1, 0.9, 1];
    const direct = logits.reduce((acc, l, i) => {
      const p = 1 / (1 + Math.exp(-l));
      return acc - (x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p));
    }, 0);
    const stable = tf.tidy(() => bernoulliNll(tf.tensor2d([logits]), tf.tensor2d([x])).dataSync()[0]);
    expect(stable).toBeCloseTo(direct, 4);
  });

  it('stays finite for saturated logits where the direct formula overflows', () => {
    const value = tf.tidy(() => bernoulliNll(tf.tensor2d([[200, -200]]), tf.tensor2d([[0, 1]])).dataSync()[0]);
    expect(value).toBeCloseTo(400, 3);
  });
});

describe('negative ELBO', () => {
  const logits = tf.tensor2d([[0.5, -1, 2], [0, 0, 0]]);
  const x = tf.tensor2d([[1, 0, 1], [0.5, 0.5, 0.5]]);
  const mu = tf.tensor2d([[0.3, -0.4], [1, 0]]);
  const logVar = tf.tensor2d([[0.1, -0.2], [0, 0.5]]);

  it('is the batch mean of recon + β·KL', () => {
    const terms = negativeElbo(logits, x, mu, logVar, 4);
    const recon = tf.mean(bernoulliNll(logits, x)).dataSync()[0];
    const kl = tf.mean(gaussianKl(mu, logVar)).dataSync()[0];
    expect(terms.recon.dataSync()[0]).toBeCloseTo(recon, 5);
    expect(terms.kl.dataSync()[0]).toBeCloseTo(kl, 5);
    expect(terms.loss.dataSync()[0]).toBeCloseTo(recon + 4 * kl, 4);
  });

  it('with β = 0 is the reconstruction loss alone, as an autoencoder', () => {
    const terms = negativeElbo(logits, x, mu, logVar, 0);
    expect(terms.loss.dataSync()[0]).toBeCloseTo(terms.recon.dataSync()[0], 6);
  });
});

describe('reparameterize', () => {
  it('draws z with mean μ and standard deviation exp(½ log σ²), differentiable in μ and log σ²', () => {
    const n = 20_000;
    const mu = tf.fill([n, 1], 2) as tf.Tensor2D;
    const logVar = tf.fill([n, 1], Math.log(0.25)) as tf.Tensor2D;
    const z = Array.from(reparameterize(mu, logVar, 3).dataSync());
    const mean = z.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(0.5, 1);
    const grads = tf.grads((m: tf.Tensor, lv: tf.Tensor) => tf.sum(reparameterize(m as tf.Tensor2D, lv as tf.Tensor2D, 3)))([mu, logVar]);
    expect(grads[0].dataSync()[0]).toBe(1); // ∂z/∂μ = 1
    expect(Math.abs(Array.from(grads[1].dataSync()).reduce((a, b) => a + b, 0))).toBeGreaterThan(0);
  });
});
