import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinSplits } from '../../src-shared/datasets/builtin';
import { IMAGES_FILE } from '../../src-shared/datasets/storage-format';
import type { DatasetSource, DatasetSplits } from '../../src-shared/datasets/types';

/** Loads a dataset for training or decoding: generated for built-ins, read from its folder for imported ones. */
export function loadSplits(source: DatasetSource): DatasetSplits {
  if (source.kind === 'builtin') return builtinSplits(source.id, source.size, source.validationSplit);
  const sampleSize = source.sampleShape.reduce((a, b) => a * b, 1);
  const file = join(source.dir, IMAGES_FILE);
  const bytes = readFileSync(file);
  if (bytes.byteLength !== source.count * sampleSize) {
    throw new Error(`${file} holds ${bytes.byteLength} bytes, expected ${source.count} samples × ${sampleSize}: the dataset is damaged; import it again`);
  }
  // Pixels are stored as bytes; the models see them in [0, 1].
  const data = new Float32Array(bytes.byteLength);
  for (let i = 0; i < bytes.byteLength; i++) data[i] = bytes[i] / 255;
  return {
    sampleShape: source.sampleShape,
    sampleSize,
    train: data.subarray(0, source.trainCount * sampleSize),
    validation: data.subarray(source.trainCount * sampleSize),
    trainCount: source.trainCount,
    validationCount: source.count - source.trainCount,
  };
}
