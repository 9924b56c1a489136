import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import type { DatasetSplits } from '../../../src-shared/datasets/types';
import { standardNormal } from '../../../src-shared/datasets/rng';
import type { FigureKind } from '../../../src-shared/export/export-options';
import { composeGrid, type RgbImage } from '../../../src-shared/export/image-grid';
import { CODE_STATISTICS_SAMPLES, codeStatistics, priorFrame, spreadFrame } from '../../../src-shared/latent/code-frame';
import { traversalCodes, traversalValues } from '../../../src-shared/latent/traversal';
import type { Autoencoder } from '../models';
import { readValues } from '../read-values';
import { expectedOutput, type ReconstructionKind } from '../objectives/reconstruction';

export interface FigureOptions {
  scale: number;
  count: number;
  from: number;
  to: number;
  steps: number;
  seed: number;
}

/** Traversals span the prior's ±3 σ for a VAE; other codes have no prior, so ±3 standard deviations of the validation codes (code-frame.ts). */
const TRAVERSAL_SIGMAS = 3;
/** A traversal draws one row per latent dimension, at most this many. */
const TRAVERSAL_ROWS_MAX = 32;

const GAP = 2;
const BACKGROUND = 255;

export function pngOf(image: RgbImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(image.rgb.buffer, image.rgb.byteOffset, image.rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/**
 * The figures of a paper from a trained model, each a grid of E[x | z] images: reconstructions (validation
 * inputs above their reconstructions E[x | μ(x)]), samples from the prior N(0, I) (VAE), an interpolation strip
 * between two validation images' codes, and traversals (one row per latent dimension, that dimension swept).
 */
export class Figures {
  constructor(
    private readonly model: Autoencoder,
    private readonly splits: DatasetSplits,
    private readonly inputShape: number[],
    private readonly kind: ReconstructionKind,
    private readonly options: FigureOptions,
  ) {}

  /** Which figures the model has: samples need a prior (a VAE). */
  static available(model: Autoencoder): FigureKind[] {
    return model.family === 'vae' ? ['reconstructions', 'samples', 'interpolation', 'traversal'] : ['reconstructions', 'interpolation', 'traversal'];
  }

  draw(figure: FigureKind): Promise<RgbImage> {
    switch (figure) {
      case 'reconstructions':
        return this.reconstructions();
      case 'samples':
        return this.samples();
      case 'interpolation':
        return this.interpolation();
      case 'traversal':
        return this.traversal();
    }
  }

  private grid(images: Float32Array, count: number, columns: number): RgbImage {
    return composeGrid(images, count, this.inputShape, { columns, scale: this.options.scale, gap: GAP, background: BACKGROUND });
  }

  private validation(index: number): Float32Array {
    const { validationCount, sampleSize, validation } = this.splits;
    if (index >= validationCount) throw new Error(`validation image ${index} does not exist: the validation split has ${validationCount} images`);
    return validation.subarray(index * sampleSize, (index + 1) * sampleSize);
  }

  private decode(z: Float32Array, count: number): Promise<Float32Array> {
    return readValues(() => expectedOutput(this.kind, this.model.decode(tf.tensor2d(z, [count, this.model.latentDim]))));
  }

  private codes(x: Float32Array, count: number): Promise<Float32Array> {
    return readValues(() => this.model.encode(tf.tensor(x, [count, ...this.inputShape])).mu);
  }

  private async reconstructions(): Promise<RgbImage> {
    const n = Math.min(this.options.count, this.splits.validationCount);
    const x = this.splits.validation.subarray(0, n * this.splits.sampleSize);
    const out = await this.decode(await this.codes(x, n), n);
    const both = new Float32Array(2 * x.length);
    both.set(x, 0);
    both.set(out, x.length);
    return this.grid(both, 2 * n, n);
  }

  private async samples(): Promise<RgbImage> {
    if (this.model.family !== 'vae') throw new Error(`a ${this.model.family} has no prior p(z) to sample from: only VAEs do`);
    const n = this.options.count * this.options.count;
    return this.grid(await this.decode(standardNormal(this.options.seed, n * this.model.latentDim), n), n, this.options.count);
  }

  private async interpolation(): Promise<RgbImage> {
    const { from, to, steps } = this.options;
    const k = this.model.latentDim;
    const za = await this.codes(this.validation(from), 1);
    const zb = await this.codes(this.validation(to), 1);
    const z = new Float32Array(steps * k);
    for (let s = 0; s < steps; s++) {
      const t = s / (steps - 1);
      for (let j = 0; j < k; j++) z[s * k + j] = (1 - t) * za[j] + t * zb[j];
    }
    return this.grid(await this.decode(z, steps), steps, steps);
  }

  private async traversal(): Promise<RgbImage> {
    const { steps, from } = this.options;
    const k = this.model.latentDim;
    const rows = Math.min(k, TRAVERSAL_ROWS_MAX);
    const base = await this.codes(this.validation(from), 1);
    const n = Math.min(CODE_STATISTICS_SAMPLES, this.splits.validationCount);
    const frame =
      this.model.family === 'vae' ? priorFrame(k) : spreadFrame(codeStatistics(await this.codes(this.splits.validation.subarray(0, n * this.splits.sampleSize), n), n, k));
    const dims = Array.from({ length: rows }, (_, d) => d);
    const z = traversalCodes(base, dims, traversalValues(TRAVERSAL_SIGMAS, steps), frame);
    return this.grid(await this.decode(z, rows * steps), rows * steps, steps);
  }
}
