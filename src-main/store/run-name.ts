import type { RunConfig } from '../../src-shared/config/run-config';

/** Families by the names researchers write them with. */
const FAMILY_NAMES: Record<RunConfig['model']['family'], string> = {
  vae: 'VAE',
  ae: 'AE',
  dae: 'DAE',
  'linear-ae': 'Linear AE',
  pca: 'PCA',
  gae: 'GAE',
  vgae: 'VGAE',
  'graph-vae': 'GraphVAE',
};

/**
 * The name a run gets when its config gives none: the family, the latent size and what weighs the KL term —
 * "VAE z=8 β=4", "VAE z=8 C→5 γ=50" under capacity annealing (which replaces β), "PCA k=8", "VGAE z=16"
 * ("VGAE z=16 β=0.5" when β is not 1).
 */
export function defaultRunName(config: RunConfig): string {
  const { model, objective } = config;
  const family = FAMILY_NAMES[model.family];
  if (model.family === 'pca') return `${family} k=${model.latentDim}`;
  const base = `${family} z=${model.latentDim}`;
  if (model.family === 'vae') {
    const { capacity } = objective;
    return capacity ? `${base} C→${capacity.cMax} γ=${capacity.gamma}` : `${base} β=${objective.beta}`;
  }
  if (model.family === 'vgae' && objective.beta !== 1) return `${base} β=${objective.beta}`;
  return base;
}
