import { z } from 'zod';

/**
 * The run config: everything that determines a training run. Strict objects, so a typo in a field name
 * is an error that names the field instead of a silently ignored setting.
 */
/**
 * Which dataset a run trains on. Whether the id exists is checked by the host, which knows the imported ones.
 * `size` and `validationSplit` apply to built-in generators; an imported dataset keeps the split it was imported with.
 */
export const datasetRefSchema = z.strictObject({
  id: z.string().min(1),
  size: z.int().min(64).max(200_000).optional(),
  validationSplit: z.number().gt(0).lt(0.5).optional(),
});

export const vaeModelSchema = z.strictObject({
  family: z.literal('vae'),
  /** Widths of the encoder's hidden layers; the decoder mirrors them. */
  hidden: z.array(z.int().min(1).max(8192)).max(8).default([256, 128]),
  activation: z.enum(['relu', 'elu', 'tanh']).default('relu'),
  latentDim: z.int().min(1).max(1024),
  /** Decoder likelihood p(x|z). Bernoulli: pixels in [0, 1] as success probabilities (Kingma & Welling 2013, App. C.1). */
  likelihood: z.enum(['bernoulli']).default('bernoulli'),
});

export const modelSchema = z.discriminatedUnion('family', [vaeModelSchema]);

export const objectiveSchema = z.strictObject({
  /** Weight on the KL term: loss = −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)) (Higgins et al. 2017). β = 1 is the ELBO. */
  beta: z.number().min(0).max(1000).default(1),
});

export const trainingSchema = z.strictObject({
  epochs: z.int().min(1).max(10_000).default(10),
  batchSize: z.int().min(1).max(65_536).default(64),
  learningRate: z.number().gt(0).max(10).default(1e-3),
  optimizer: z.enum(['adam']).default('adam'),
  seed: z.int().min(0).max(2 ** 31 - 1).default(42),
});

export const runConfigSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  dataset: datasetRefSchema,
  model: modelSchema,
  objective: objectiveSchema.default({ beta: 1 }),
  training: trainingSchema.default({ epochs: 10, batchSize: 64, learningRate: 1e-3, optimizer: 'adam', seed: 42 }),
});

/** A config as a user writes it (defaults may be left out). */
export type RunConfigInput = z.input<typeof runConfigSchema>;
/** A config with every default filled in: what a run stores and trains from. */
export type RunConfig = z.output<typeof runConfigSchema>;
export type VaeModelConfig = z.output<typeof vaeModelSchema>;
