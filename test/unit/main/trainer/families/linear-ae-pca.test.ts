import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPca, principalAngles } from '../../../../../src-main/trainer/linalg';
import { generateLowRank, LOW_RANK_DIM, LOW_RANK_RANK } from '../../../../../src-shared/datasets/low-rank';
import { tempDir } from '../../../../helpers/temp-dir';
import { trainInProcess, useWasm } from '../../../../helpers/train-in-process';

/** Low-rank Gaussian data (20-d, rank 3): PCA's top-3 subspace is span(W); a linear AE must find the same subspace. */
const dir = tempDir();
beforeAll(useWasm);
afterAll(() => dir.remove());

describe('linear autoencoder and PCA (Baldi & Hornik 1989)', () => {
  it('PCA in closed form explains nearly all variance of rank-3 data with k = 3', async () => {
    const run = await trainInProcess({ dataset: { id: 'builtin:low-rank', size: 2048 }, model: { family: 'pca', latentDim: 3 } }, dir.path);
    expect(run.status).toBe('completed');
    expect(run.final.explained_variance).toBeGreaterThan(0.99);
  });

  it('measures principal angles of a constructed pair of subspaces exactly (25° and 60°), whatever basis spans them', async () => {
    // span(e1, e2) against span(cos 25° e1 + sin 25° e3, cos 60° e2 + sin 60° e4), the second given by a mixed basis.
    const d = 6;
    const a = new Float32Array(d * 2);
    a[0 * 2 + 0] = 1;
    a[1 * 2 + 1] = 1;
    const [t1, t2] = [(25 * Math.PI) / 180, (60 * Math.PI) / 180];
    const u = [Math.cos(t1), 0, Math.sin(t1), 0, 0, 0];
    const v = [0, Math.cos(t2), 0, Math.sin(t2), 0, 0];
    const b = new Float32Array(d * 2);
    for (let i = 0; i < d; i++) {
      b[i * 2 + 0] = 2 * u[i] + v[i];
      b[i * 2 + 1] = u[i] - 3 * v[i];
    }
    const angles = await principalAngles(tf.tensor2d(a, [d, 2]), tf.tensor2d(b, [d, 2]));
    expect(angles[0]).toBeCloseTo(25, 3);
    expect(angles[1]).toBeCloseTo(60, 3);
  });

  it('PCA finds the generator’s own subspace span(W) (principal angles < 1°)', async () => {
    const { data, basis } = generateLowRank(2048, 9);
    const fit = await fitPca(tf.tensor2d(data, [2048, LOW_RANK_DIM]), LOW_RANK_RANK, 1);
    const angles = await principalAngles(fit.components, tf.tensor2d(basis, [LOW_RANK_DIM, LOW_RANK_RANK]));
    expect(Math.max(...angles)).toBeLessThan(1);
    // Variances along the components are the squared scales 9, 4, 1 plus the noise 0.05².
    expect(fit.variances.map((v) => Math.round(v))).toEqual([9, 4, 1]);
  });

  it('a linear AE trained by squared error recovers the PCA subspace (small principal angles)', async () => {
    const run = await trainInProcess(
      {
        dataset: { id: 'builtin:low-rank', size: 2048 },
        model: { family: 'linear-ae', latentDim: 3 },
        training: { epochs: 40, batchSize: 64, learningRate: 0.01, seed: 3 },
      },
      dir.path,
    );
    expect(run.status, run.error ?? '').toBe('completed');
    const first = run.epochs[0].values.principal_angle_max_deg;
    expect(run.final.principal_angle_max_deg).toBeLessThan(5);
    expect(run.final.principal_angle_max_deg).toBeLessThan(first);
    // The encoder's row space is reported too, and converges as well on this easy problem.
    expect(run.final.encoder_principal_angle_max_deg).toBeGreaterThanOrEqual(0);
    expect(run.final.encoder_principal_angle_max_deg).toBeLessThan(run.epochs[0].values.encoder_principal_angle_max_deg);
    expect(run.final.encoder_principal_angle_mean_deg).toBeLessThanOrEqual(run.final.encoder_principal_angle_max_deg);
    expect(run.final.explained_variance).toBeGreaterThan(0.98);
  }, 120_000);

  it('a linear AE with k = 1 finds the first principal direction, not just any line', async () => {
    const run = await trainInProcess(
      { dataset: { id: 'builtin:low-rank', size: 2048 }, model: { family: 'linear-ae', latentDim: 1 }, training: { epochs: 8, learningRate: 0.01, seed: 4 } },
      dir.path,
    );
    expect(run.final.principal_angle_max_deg).toBeLessThan(5);
    // Scales 3, 2, 1 on the three directions: the first explains 9 / (9 + 4 + 1 + noise) ≈ 64 %.
    expect(run.final.explained_variance).toBeGreaterThan(0.6);
    expect(run.final.explained_variance).toBeLessThan(0.68);
  }, 120_000);
});
