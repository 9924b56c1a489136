import { generateSprites, SPRITE_FACTOR_NAMES, SPRITE_SIZE } from './sprites';
import type { DatasetInfo, DatasetTensor } from './types';

interface BuiltinDataset {
  info: DatasetInfo;
  generate(size: number, seed: number): Float32Array;
}

const sprites: BuiltinDataset = {
  info: {
    id: 'builtin:sprites',
    name: 'Sprites 28×28',
    kind: 'image',
    description: 'Procedural sprites: 4 shapes with random scale, rotation and position (known factors).',
    sampleShape: [1, SPRITE_SIZE, SPRITE_SIZE],
    defaultSize: 4096,
    factors: [...SPRITE_FACTOR_NAMES],
    builtin: true,
  },
  generate: (size, seed) => generateSprites(size, seed).pixels,
};

/** The registry of built-in datasets: one entry per generator. */
const BUILTIN_DATASETS: Record<string, BuiltinDataset> = {
  [sprites.info.id]: sprites,
};

export const builtinDatasetIds = (): string[] => Object.keys(BUILTIN_DATASETS);

export function builtinDatasetInfo(id: string): DatasetInfo | undefined {
  return BUILTIN_DATASETS[id]?.info;
}

export function listBuiltinDatasets(): DatasetInfo[] {
  return Object.values(BUILTIN_DATASETS).map((d) => d.info);
}

/** Generates a built-in dataset deterministically from (size, seed). */
export function materializeBuiltin(id: string, size: number, seed: number): DatasetTensor {
  const entry = BUILTIN_DATASETS[id];
  if (!entry) throw new Error(`Unknown built-in dataset '${id}'. Known: ${builtinDatasetIds().join(', ')}`);
  return { info: entry.info, count: size, data: entry.generate(size, seed) };
}

/** Samples [0, trainCount) train, [trainCount, count) validation: the generators draw i.i.d., so a tail split is unbiased. */
export function splitCounts(count: number, validationSplit: number): { train: number; validation: number } {
  const validation = Math.max(1, Math.round(count * validationSplit));
  return { train: count - validation, validation };
}

/**
 * Built-in datasets are drawn with one fixed seed, independent of the training seed, so every run on
 * "sprites, 4096" sees the same images and runs stay comparable.
 */
export const BUILTIN_DATASET_SEED = 20131220;

export interface DatasetSplits {
  info: DatasetInfo;
  sampleSize: number;
  train: Float32Array;
  validation: Float32Array;
  trainCount: number;
  validationCount: number;
}

export function builtinSplits(id: string, size: number, validationSplit: number): DatasetSplits {
  const tensor = materializeBuiltin(id, size, BUILTIN_DATASET_SEED);
  const sampleSize = tensor.info.sampleShape.reduce((a, b) => a * b, 1);
  const counts = splitCounts(size, validationSplit);
  return {
    info: tensor.info,
    sampleSize,
    train: tensor.data.subarray(0, counts.train * sampleSize),
    validation: tensor.data.subarray(counts.train * sampleSize),
    trainCount: counts.train,
    validationCount: counts.validation,
  };
}
