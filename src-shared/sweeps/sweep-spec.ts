import { z } from 'zod';

/** A value a swept field can take: the run config's fields are numbers, strings (enums) or booleans. */
export const sweepValueSchema = z.union([z.number(), z.string(), z.boolean()]);
export type SweepValue = z.output<typeof sweepValueSchema>;

/**
 * The values of one swept field: an explicit list, or a range. A grid needs a range's `steps` (evenly spaced
 * in the value, or in its logarithm for `scale: 'log'`, both ends included). Random search draws uniformly from a
 * list, from a range's grid points when it has `steps`, else from the range itself (log-uniform for `log`).
 * Integer fields get whole numbers either way. Expanded by src-shared/sweeps/expand-sweep.ts.
 */
export const sweepParameterSchema = z.union([
  z.strictObject({ values: z.array(sweepValueSchema).min(1).max(10_000) }),
  z.strictObject({
    min: z.number(),
    max: z.number(),
    steps: z.int().min(1).max(10_000).optional(),
    scale: z.enum(['linear', 'log']).default('linear'),
  }),
]);
export type SweepParameter = z.output<typeof sweepParameterSchema>;

/**
 * A sweep is data: a base run config and the values of each swept field (a dotted path into the run config,
 * e.g. `objective.beta`, `model.latentDim`). Expanded in src-shared/sweeps into ordinary run configs.
 */
export const sweepSpecSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  /** A run config as a user writes it; each expanded config is validated in full before anything is queued. */
  base: z.record(z.string(), z.unknown()),
  method: z.enum(['grid', 'random']).default('grid'),
  /** Random search: how many runs to draw. */
  samples: z.int().min(1).max(100_000).optional(),
  /** Random search: the seed of the draws (same seed, same runs); 0 when not given. */
  seed: z.int().min(0).max(2 ** 31 - 1).optional(),
  /** Swept fields in order (the first varies slowest in a grid). */
  parameters: z.record(z.string(), sweepParameterSchema),
});
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;
export type SweepSpec = z.output<typeof sweepSpecSchema>;

/** Sweeps of more runs than this must be confirmed (`confirm: true`, CLI `--yes`). */
export const SWEEP_CONFIRM_ABOVE = 1000;
