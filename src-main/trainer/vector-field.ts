import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src-shared/config/run-config';
import type { VectorField } from '../../src-shared/contract/types';
import type { DatasetSplits } from '../../src-shared/datasets/types';
import { boundingBox, regularGrid } from '../../src-shared/math/plane-box';
import { liftFromPlane, projectOntoPlane, type PlaneProjection } from '../../src-shared/math/principal-plane';
import type { Autoencoder } from './models';
import { corrupt } from './noise';
import { expectedOutput, reconstructionKindOf } from './objectives/reconstruction';
import { readValues } from './read-values';

/** How far the grid reaches past the drawn points, as a fraction of their extent on each side. */
const GRID_PADDING = 0.1;

export interface VectorFieldRequest {
  count: number;
  /** Seed of a DAE's corruption (≥ 1: tfjs draws unseeded Gaussian noise for seed 0). */
  seed: number;
  /** Grid points per side; 0 for no grid. */
  grid: number;
}

/**
 * A vector run's map f(x) = E[x | z = μ(x)] at its first `count` validation points; for a DAE also at corrupted
 * points x̃ = noise(x), drawn exactly as in training (noise.ts), so f(x̃) − x̃ is the field the seeds draw as arrows
 * pointing back to the data (Alain & Bengio 2014: for small Gaussian noise it approximates σ²∇log p(x)).
 * `projection` is the training split's principal plane for data of more than 2 dimensions, else null.
 */
export async function computeVectorField(
  model: Autoencoder,
  config: RunConfig,
  splits: DatasetSplits,
  projection: PlaneProjection | null,
  request: VectorFieldRequest,
): Promise<VectorField> {
  const dims = splits.sampleSize;
  const count = Math.min(request.count, splits.validationCount);
  const kind = reconstructionKindOf(config.model);
  const map = (x: Float32Array, n: number) => readValues(() => expectedOutput(kind, model.decode(model.encode(tf.tensor2d(x, [n, dims])).mu)));

  // A copy: a subarray would carry the whole dataset's buffer through the process channel.
  const clean = splits.validation.slice(0, count * dims);
  const reconstructed = await map(clean, count);
  const noise = config.model.family === 'dae' ? config.model.noise : null;
  const noisy = noise ? await readValues(() => corrupt(tf.tensor2d(clean, [count, dims]), noise, request.seed)) : null;
  const denoised = noisy ? await map(noisy, count) : null;

  let grid: VectorField['grid'] = null;
  if (request.grid > 0) {
    const inPlane = (values: Float32Array) => (projection ? projectOntoPlane(values, count, projection) : values);
    const box = boundingBox(noisy ? [inPlane(clean), inPlane(noisy)] : [inPlane(clean)], GRID_PADDING);
    const cells = request.grid * request.grid;
    const planePoints = regularGrid(box, request.grid);
    const points = projection ? liftFromPlane(planePoints, cells, projection) : planePoints;
    grid = { side: request.grid, points, outputs: await map(points, cells) };
  }
  const errors = {
    reconstructed: meanSquaredDistance(reconstructed, clean, count),
    noisy: noisy ? meanSquaredDistance(noisy, clean, count) : null,
    denoised: denoised ? meanSquaredDistance(denoised, clean, count) : null,
  };
  return { family: config.model.family, count, dims, clean, reconstructed, noisy, denoised, noise, seed: request.seed, errors, projection, grid };
}

/** (1/N) Σₙ ‖aₙ − bₙ‖² over N points stored row-major, accumulated in float64. */
function meanSquaredDistance(a: Float32Array, b: Float32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum / count;
}
