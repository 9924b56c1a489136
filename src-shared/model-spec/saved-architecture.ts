import { z } from 'zod';
import { layerSpecSchema, type LayerSpec } from './layers';

/**
 * An encoder and a decoder as layer specs, without the latent head: the family adds it (μ and log σ² for a VAE,
 * a deterministic z otherwise), so one architecture serves every family that takes explicit layers.
 */
export const architectureSpecSchema = z.strictObject({
  encoder: z.array(layerSpecSchema).min(1).max(32),
  decoder: z.array(layerSpecSchema).min(1).max(32),
});
export type ArchitectureSpec = z.output<typeof architectureSpecSchema>;

export const architectureNameSchema = z.string().trim().min(1).max(80);

/** An architecture saved by name in the history (the builder's library), to pick on the train form. */
export interface SavedArchitecture {
  id: number;
  name: string;
  encoder: LayerSpec[];
  decoder: LayerSpec[];
  createdAt: string;
  updatedAt: string;
}
