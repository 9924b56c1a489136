import * as tf from '@tensorflow/tfjs';
import { readAll } from '../read-values';
import type { DatasetSplits } from '../../../src-shared/datasets/types';
import { encodeNpy } from '../../../src-shared/export/npy';
import type { Autoencoder } from '../models';
import { yieldToEvents } from '../yield-to-events';
import type { SampleLabels } from './sample-labels';

const BATCH = 512;

/** Every sample's code: μ and σ of q(z|x) for a VAE, z for the others; float32, [count, latentDim] each. */
export interface Latents {
  /** Position of each sample in the dataset (train samples first, then validation). */
  index: Int32Array;
  /** 0: train, 1: validation. */
  split: Uint8Array;
  mu: Float32Array;
  /** σ = exp(½ log σ²), VAE only. */
  sigma: Float32Array | null;
  count: number;
  latentDim: number;
}

export interface Progress {
  report(phase: string, done: number, total: number): void;
  /** Throws when the user cancelled. */
  check(): void;
}

/** Encodes the chosen split(s) in batches, reporting progress and giving way to messages (a cancel) between them. */
export async function encodeDataset(model: Autoencoder, splits: DatasetSplits, inputShape: number[], which: 'train' | 'validation' | 'both', progress: Progress): Promise<Latents> {
  const parts = [
    { name: 'train', data: splits.train, count: splits.trainCount, offset: 0, code: 0 },
    { name: 'validation', data: splits.validation, count: splits.validationCount, offset: splits.trainCount, code: 1 },
  ].filter((p) => which === 'both' || p.name === which);
  const count = parts.reduce((n, p) => n + p.count, 0);
  const k = model.latentDim;
  const gaussian = model.latentKind === 'gaussian';
  const latents: Latents = { index: new Int32Array(count), split: new Uint8Array(count), mu: new Float32Array(count * k), sigma: gaussian ? new Float32Array(count * k) : null, count, latentDim: k };
  let row = 0;
  for (const part of parts) {
    for (let start = 0; start < part.count; start += BATCH) {
      progress.check();
      const n = Math.min(BATCH, part.count - start);
      const read = await readAll(
        tf.tidy(() => {
          const x = tf.tensor(part.data.subarray(start * splits.sampleSize, (start + n) * splits.sampleSize), [n, ...inputShape]);
          const code = model.encode(x);
          const out: Record<string, tf.Tensor> = { mu: code.mu };
          if (code.logVar) out.sigma = tf.exp(tf.mul(0.5, code.logVar));
          return out;
        }),
      );
      const mu = read.mu;
      const sigma: Float32Array | null = read.sigma ?? null;
      latents.mu.set(mu, row * k);
      if (sigma !== null && latents.sigma) latents.sigma.set(sigma, row * k);
      for (let i = 0; i < n; i++) {
        latents.index[row + i] = part.offset + start + i;
        latents.split[row + i] = part.code;
      }
      row += n;
      progress.report(`encoding ${part.name} samples`, row, count);
      await yieldToEvents();
    }
  }
  return latents;
}

/** The shortest text that reads back as the same float32. */
const f32 = (v: number) => String(Number(v.toPrecision(9)));

/** One row per sample: index, split, its label (class or factors), then μ and σ (VAE) or z. */
export function latentsCsv(latents: Latents, labels: SampleLabels, gaussian: boolean): string {
  const k = latents.latentDim;
  const code = gaussian ? [...Array.from({ length: k }, (_, j) => `mu_${j + 1}`), ...Array.from({ length: k }, (_, j) => `sigma_${j + 1}`)] : Array.from({ length: k }, (_, j) => `z_${j + 1}`);
  const labelColumns = labels.kind === 'classes' ? ['label', 'class'] : labels.kind === 'factors' ? labels.factors.map((f) => `factor_${f}`) : [];
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['index', 'split', ...labelColumns, ...code].join(',')];
  for (let r = 0; r < latents.count; r++) {
    const index = latents.index[r];
    const cells: string[] = [String(index), latents.split[r] === 0 ? 'train' : 'validation'];
    if (labels.kind === 'classes') {
      const label = labels.labels[index];
      cells.push(String(label), label >= 0 ? quote(labels.classes[label] ?? '') : '');
    } else if (labels.kind === 'factors') {
      const f = labels.factors.length;
      for (let j = 0; j < f; j++) cells.push(f32(labels.values[index * f + j]));
    }
    for (let j = 0; j < k; j++) cells.push(f32(latents.mu[r * k + j]));
    if (gaussian && latents.sigma) for (let j = 0; j < k; j++) cells.push(f32(latents.sigma[r * k + j]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The .npy files of the latents (name → bytes) and a description of what each holds. */
export function latentsNpy(latents: Latents, labels: SampleLabels, gaussian: boolean): { files: Record<string, Uint8Array>; description: Record<string, string> } {
  const { count, latentDim: k } = latents;
  const files: Record<string, Uint8Array> = {
    'index.npy': encodeNpy(latents.index, [count]),
    'split.npy': encodeNpy(latents.split, [count]),
  };
  const description: Record<string, string> = {
    'index.npy': 'int32 [N]: position of each sample in the dataset (train samples first, then validation)',
    'split.npy': 'uint8 [N]: 0 = train, 1 = validation',
  };
  if (gaussian) {
    files['mu.npy'] = encodeNpy(latents.mu, [count, k]);
    files['sigma.npy'] = encodeNpy(latents.sigma!, [count, k]);
    description['mu.npy'] = 'float32 [N, k]: mean of q(z|x)';
    description['sigma.npy'] = 'float32 [N, k]: standard deviation of q(z|x), exp(log_var / 2)';
  } else {
    files['z.npy'] = encodeNpy(latents.mu, [count, k]);
    description['z.npy'] = 'float32 [N, k]: the code z(x)';
  }
  if (labels.kind === 'classes') {
    files['labels.npy'] = encodeNpy(Int32Array.from(latents.index, (i) => labels.labels[i]), [count]);
    description['labels.npy'] = `int32 [N]: class index (−1: none) into ${JSON.stringify(labels.classes)}`;
  } else if (labels.kind === 'factors') {
    const f = labels.factors.length;
    const values = new Float32Array(count * f);
    latents.index.forEach((i, r) => values.set(labels.values.subarray(i * f, (i + 1) * f), r * f));
    files['factors.npy'] = encodeNpy(values, [count, f]);
    description['factors.npy'] = `float32 [N, ${f}]: generative factors ${JSON.stringify(labels.factors)}`;
  }
  return { files, description };
}
