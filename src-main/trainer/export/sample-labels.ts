import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { materializeBuiltin } from '../../../src-shared/datasets/builtin';
import { LABELS_FILE } from '../../../src-shared/datasets/storage-format';
import type { DatasetSource } from '../../../src-shared/datasets/types';

/** What is known about each sample besides its pixels, in dataset order (train samples first, then validation). */
export type SampleLabels =
  | { kind: 'classes'; classes: string[]; labels: Int32Array }
  | { kind: 'factors'; factors: string[]; values: Float32Array }
  | { kind: 'none' };

/**
 * Class labels of an imported dataset (−1 where a sample has none) or the generative factors of a built-in one.
 * `names` are the dataset's class or factor names, as the host's catalogue has them; `generated`, a built-in's factor
 * values already drawn with its samples (DatasetSplits.factorValues).
 */
export function loadSampleLabels(source: DatasetSource, names: { classes: string[]; factors: string[] }, generated?: Float32Array): SampleLabels {
  if (source.kind === 'builtin') {
    if (names.factors.length === 0) return { kind: 'none' };
    // A generator's factors come with its samples when they are at hand; drawing them again costs as much.
    const factorValues = generated ?? materializeBuiltin(source.id, source.size).factorValues;
    return factorValues ? { kind: 'factors', factors: names.factors, values: factorValues } : { kind: 'none' };
  }
  if (source.kind === 'graph') throw new Error(`dataset '${source.id}' is a graph dataset: its labels are its nodes', not samples'`);
  const file = join(source.dir, LABELS_FILE);
  if (names.classes.length === 0 || !existsSync(file)) return { kind: 'none' };
  const bytes = readFileSync(file);
  if (bytes.byteLength !== source.count * 4) throw new Error(`${file} holds ${bytes.byteLength} bytes, expected ${source.count} labels: the dataset is damaged; import it again`);
  const labels = new Int32Array(source.count);
  new Uint8Array(labels.buffer).set(bytes);
  return { kind: 'classes', classes: names.classes, labels };
}
