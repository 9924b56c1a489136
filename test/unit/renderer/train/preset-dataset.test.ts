import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../src-shared/config/presets';
import { builtinDatasetInfo, listBuiltinDatasets } from '../../../../src-shared/datasets/builtin';
import type { DatasetInfo } from '../../../../src-shared/datasets/types';
import { datasetCompatibility, presetKeepsDataset } from '../../../../src-renderer/src/train/preset-dataset';

const datasets = listBuiltinDatasets();
const preset = (id: string) => PRESETS.find((p) => p.id === id)!;
const dataset = (id: string) => builtinDatasetInfo(id)!;
/** An imported image folder of 28×28 grey images. */
const imported: DatasetInfo = { ...dataset('builtin:sprites'), id: 'ds_faces', name: 'faces', builtin: false };

describe('which dataset a preset trains on when it is chosen', () => {
  it('keeps the low-rank Gaussian for PCA and the linear autoencoder, which can train on it', () => {
    expect(presetKeepsDataset(preset('pca'), dataset('builtin:low-rank'), datasets)).toBe(true);
    expect(presetKeepsDataset(preset('linear-ae'), dataset('builtin:low-rank'), datasets)).toBe(true);
  });

  it("moves to the preset's own dataset when its model cannot train on the chosen one", () => {
    // A Bernoulli decoder on real-valued vectors, a 28×28 conv stack on 20-d vectors.
    expect(presetKeepsDataset(preset('vae'), dataset('builtin:low-rank'), datasets)).toBe(false);
    expect(presetKeepsDataset(preset('conv-vae'), dataset('builtin:moons'), datasets)).toBe(false);
    expect(datasetCompatibility(preset('vae').config, dataset('builtin:low-rank'))).not.toEqual([]);
  });

  it('keeps imported images for an image preset, and another 2-D toy for a toy preset', () => {
    expect(presetKeepsDataset(preset('conv-ae'), imported, [...datasets, imported])).toBe(true);
    expect(presetKeepsDataset(preset('dae-2d'), dataset('builtin:spiral'), datasets)).toBe(true);
  });

  it('moves a preset made for a 2-D toy from images to its toy, though its MLP could train on them', () => {
    expect(datasetCompatibility(preset('dae-2d').config, dataset('builtin:sprites'))).toEqual([]);
    expect(presetKeepsDataset(preset('dae-2d'), dataset('builtin:sprites'), datasets)).toBe(false);
  });

  it('moves when nothing is chosen yet', () => {
    expect(presetKeepsDataset(preset('pca'), undefined, datasets)).toBe(false);
  });
});
