import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { builtinSplits } from '../../src-shared/datasets/builtin';
import { IMAGES_FILE } from '../../src-shared/datasets/storage-format';
import type { DatasetSource, DatasetSplits } from '../../src-shared/datasets/types';

/** Reorders one block of samples from [C, H, W] to [H, W, C] (the layout tfjs convolutions use). */
function toChannelsLast(data: Float32Array, count: number, [c, h, w]: number[]): Float32Array {
  if (c === 1) return data;
  const out = new Float32Array(data.length);
  const plane = h * w;
  for (let n = 0; n < count; n++) {
    const base = n * c * plane;
    for (let ch = 0; ch < c; ch++) for (let p = 0; p < plane; p++) out[base + p * c + ch] = data[base + ch * plane + p];
  }
  return out;
}

/** Splits with images in channels-last order, as the models see them (sampleShape stays [C, H, W]). */
export function loadSplits(source: DatasetSource): DatasetSplits {
  const splits = loadStoredOrGenerated(source);
  if (splits.sampleShape.length !== 3) return splits;
  return {
    ...splits,
    train: toChannelsLast(splits.train, splits.trainCount, splits.sampleShape),
    validation: toChannelsLast(splits.validation, splits.validationCount, splits.sampleShape),
  };
}

/** Built-in datasets generated lately: a sweep's runs use the same one again and again (nobody writes into them). */
const generated = new Map<string, DatasetSplits>();
const GENERATED_KEPT = 2;

function generate(source: Extract<DatasetSource, { kind: 'builtin' }>): DatasetSplits {
  const key = `${source.id}|${source.size}|${source.validationSplit}`;
  const hit = generated.get(key);
  if (hit) {
    generated.delete(key);
    generated.set(key, hit);
    return hit;
  }
  const splits = builtinSplits(source.id, source.size, source.validationSplit);
  generated.set(key, splits);
  while (generated.size > GENERATED_KEPT) generated.delete(generated.keys().next().value as string);
  return splits;
}

/** An imported dataset's bytes as values in [0, 1], checked against its size. */
function storedValues(source: Extract<DatasetSource, { kind: 'stored' }>): { data: Float32Array; sampleSize: number } {
  const sampleSize = source.sampleShape.reduce((a, b) => a * b, 1);
  const file = join(source.dir, IMAGES_FILE);
  const bytes = readFileSync(file);
  if (bytes.byteLength !== source.count * sampleSize) {
    throw new Error(`${file} holds ${bytes.byteLength} bytes, expected ${source.count} samples × ${sampleSize}: the dataset is damaged; import it again`);
  }
  // Pixels are stored as bytes; the models see them in [0, 1].
  const data = new Float32Array(bytes.byteLength);
  for (let i = 0; i < bytes.byteLength; i++) data[i] = bytes[i] / 255;
  return { data, sampleSize };
}

/** Train and validation samples; an imported dataset's test split (stored after them) is left out. */
function loadStoredOrGenerated(source: DatasetSource): DatasetSplits {
  if (source.kind === 'builtin') return generate(source);
  if (source.kind === 'graph') throw new Error(`dataset '${source.id}' is a graph dataset: it trains the graph families (gae, vgae), not batches of samples`);
  const { data, sampleSize } = storedValues(source);
  const validationEnd = source.count - source.testCount;
  return {
    sampleShape: source.sampleShape,
    sampleSize,
    train: data.subarray(0, source.trainCount * sampleSize),
    validation: data.subarray(source.trainCount * sampleSize, validationEnd * sampleSize),
    trainCount: source.trainCount,
    validationCount: validationEnd - source.trainCount,
  };
}

/**
 * The fixed test split of an imported dataset, channels-last as the models see it, or null when it has none.
 * Read only to score a finished model: training and validation never see it.
 */
export function loadTestSplit(source: DatasetSource): { data: Float32Array; count: number; sampleShape: number[] } | null {
  if (source.kind !== 'stored' || source.testCount === 0) return null;
  const sampleSize = source.sampleShape.reduce((a, b) => a * b, 1);
  const file = join(source.dir, IMAGES_FILE);
  // Only the test split's bytes (the last ones), not the whole dataset.
  const bytes = Buffer.alloc(source.testCount * sampleSize);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, bytes, 0, bytes.byteLength, (source.count - source.testCount) * sampleSize);
    if (read !== bytes.byteLength) throw new Error(`${file} ends before its test split: the dataset is damaged; import it again`);
  } finally {
    closeSync(fd);
  }
  const test = new Float32Array(bytes.byteLength);
  for (let i = 0; i < bytes.byteLength; i++) test[i] = bytes[i] / 255;
  return { data: source.sampleShape.length === 3 ? toChannelsLast(test, source.testCount, source.sampleShape) : test, count: source.testCount, sampleShape: source.sampleShape };
}
