import { quoteInput } from '../contract/quote-input';
import { builtinGraphDatasetInfo, isBuiltinGraphDataset, listBuiltinGraphDatasets } from '../graphs/builtin-graphs';
import { generateLowRank, LOW_RANK_DIM, LOW_RANK_RANK } from './low-rank';
import { generateSprites, SPRITE_FACTOR_NAMES, SPRITE_SIZE, spriteFactorVector } from './sprites';
import { generateToy2d, type Toy2dName } from './toy2d';
import type { DatasetInfo, DatasetSplits, DatasetTensor } from './types';

interface BuiltinDataset {
  info: Omit<DatasetInfo, 'trainCount' | 'validationCount' | 'testCount'>;
  generate(size: number, seed: number): { data: Float32Array; factorValues?: Float32Array };
}

/**
 * Built-in datasets are drawn with one fixed seed, independent of the training seed, so every run on
 * "sprites, 4096" sees the same images and runs stay comparable.
 */
export const BUILTIN_DATASET_SEED = 20131220;
export const DEFAULT_VALIDATION_SPLIT = 0.1;

const common = { builtin: true, source: 'builtin' as const, classes: [] as string[], classCounts: [] as number[], createdAt: null };

const sprites: BuiltinDataset = {
  info: {
    ...common,
    id: 'builtin:sprites',
    name: 'Sprites 28×28',
    kind: 'image',
    description: 'Procedural sprites: 4 shapes with random scale, rotation and position (known factors).',
    sampleShape: [1, SPRITE_SIZE, SPRITE_SIZE],
    count: 4096,
    factors: [...SPRITE_FACTOR_NAMES],
  },
  generate(size, seed) {
    const set = generateSprites(size, seed);
    const factorValues = new Float32Array(size * SPRITE_FACTOR_NAMES.length);
    set.factors.forEach((f, i) => factorValues.set(spriteFactorVector(f), i * SPRITE_FACTOR_NAMES.length));
    return { data: set.pixels, factorValues };
  },
};

const toy = (name: Toy2dName, label: string, description: string, factor: string): BuiltinDataset => ({
  info: { ...common, id: `builtin:${name}`, name: label, kind: 'vector', description, sampleShape: [2], count: 2048, factors: [factor] },
  generate(size, seed) {
    const t = generateToy2d(name, size, seed);
    return { data: t.points, factorValues: t.factor };
  },
});

const lowRank: BuiltinDataset = {
  info: {
    ...common,
    id: 'builtin:low-rank',
    name: `Low-rank Gaussian (${LOW_RANK_DIM}-d, rank ${LOW_RANK_RANK})`,
    kind: 'vector',
    description: `x = Wz + ε in ${LOW_RANK_DIM} dimensions with a rank-${LOW_RANK_RANK} W: PCA and linear AEs should recover span(W).`,
    sampleShape: [LOW_RANK_DIM],
    count: 2048,
    factors: [],
  },
  generate: (size, seed) => ({ data: generateLowRank(size, seed).data }),
};

/**
 * The registry of built-in datasets: one entry per generator. A Map, not an object, because ids come from
 * clients: `constructor` or `__proto__` must be unknown ids, not Object.prototype's members.
 */
const BUILTIN_DATASETS = new Map<string, BuiltinDataset>(
  [
    sprites,
    toy('spiral', '2-D spiral', 'Two noisy spiral arms in the plane: for denoising vector fields.', 'arm'),
    toy('moons', '2-D two moons', 'Two interleaved half circles with noise.', 'moon'),
    toy('circles', '2-D circles', 'Two concentric noisy circles.', 'ring'),
    toy('swiss-roll', '2-D swiss roll', 'A noisy swiss roll seen along its axis; factor t is the position along the roll.', 't'),
    lowRank,
  ].map((d): [string, BuiltinDataset] => [d.info.id, d]),
);

export const isBuiltinDataset = (id: string): boolean => BUILTIN_DATASETS.has(id) || isBuiltinGraphDataset(id);

/** Samples [0, trainCount) train, [trainCount, count) validation: the generators draw i.i.d., so a tail split is unbiased. */
export function splitCounts(count: number, validationSplit: number): { train: number; validation: number } {
  const validation = Math.max(1, Math.round(count * validationSplit));
  return { train: count - validation, validation };
}

export function builtinDatasetInfo(id: string, size?: number, validationSplit = DEFAULT_VALIDATION_SPLIT): DatasetInfo | undefined {
  const entry = BUILTIN_DATASETS.get(id);
  if (!entry) return builtinGraphDatasetInfo(id);
  const count = size ?? entry.info.count;
  const counts = splitCounts(count, validationSplit);
  return { ...entry.info, count, trainCount: counts.train, validationCount: counts.validation, testCount: 0 };
}

export function listBuiltinDatasets(): DatasetInfo[] {
  return [...[...BUILTIN_DATASETS.keys()].map((id) => builtinDatasetInfo(id) as DatasetInfo), ...listBuiltinGraphDatasets()];
}

/** Generates a built-in dataset deterministically from (size, seed). */
export function materializeBuiltin(id: string, size: number, seed = BUILTIN_DATASET_SEED): DatasetTensor {
  const entry = BUILTIN_DATASETS.get(id);
  if (!entry) throw new Error(`unknown built-in dataset ${quoteInput(id)} (known: ${[...BUILTIN_DATASETS.keys()].join(', ')})`);
  const { data, factorValues } = entry.generate(size, seed);
  return { info: builtinDatasetInfo(id, size) as DatasetInfo, count: size, data, factorValues };
}

export function builtinSplits(id: string, size: number, validationSplit: number): DatasetSplits {
  const tensor = materializeBuiltin(id, size);
  const sampleShape = tensor.info.sampleShape;
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const counts = splitCounts(size, validationSplit);
  return {
    sampleShape,
    sampleSize,
    train: tensor.data.subarray(0, counts.train * sampleSize),
    validation: tensor.data.subarray(counts.train * sampleSize),
    trainCount: counts.train,
    validationCount: counts.validation,
    ...(tensor.factorValues ? { factorValues: tensor.factorValues } : {}),
  };
}
