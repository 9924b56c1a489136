import { checkConfigAgainstDataset } from '../../../src-shared/config/check-against-dataset';
import type { FieldIssue } from '../../../src-shared/config/issues';
import { parseRunConfig } from '../../../src-shared/config/parse-run-config';
import type { Preset } from '../../../src-shared/config/presets';
import type { RunConfigInput } from '../../../src-shared/config/run-config';
import type { DatasetInfo } from '../../../src-shared/datasets/types';

/** Why a config cannot train on a dataset (kind, shape, likelihood), in the host's own words; [] when it can. */
export function datasetCompatibility(config: RunConfigInput | Record<string, unknown>, dataset: DatasetInfo): FieldIssue[] {
  const result = parseRunConfig({ ...config, dataset: { id: dataset.id } });
  return result.ok ? checkConfigAgainstDataset(result.config, dataset) : [];
}

/**
 * Whether choosing `preset` keeps the chosen dataset rather than switching to the preset's own: yes whenever the
 * preset's model can train on it (PCA or a linear AE on the low-rank Gaussian, an MLP autoencoder on a 2-D toy, an
 * image preset on imported images). The one exception: a preset made for a 2-D toy (its own dataset holds vectors)
 * moves from images to its toy, since its small MLP and noise level are sized for points in the plane.
 */
export function presetKeepsDataset(preset: Preset, chosen: DatasetInfo | undefined, datasets: DatasetInfo[]): boolean {
  if (!chosen) return false;
  const own = datasets.find((d) => d.id === preset.config.dataset.id);
  if (own?.kind === 'vector' && chosen.kind !== 'vector') return false;
  return datasetCompatibility(preset.config, chosen).length === 0;
}
