import { z } from 'zod';
import { layerNameIssues } from '../model-spec/layer-names';
import { activationSchema, layerSpecSchema, type LayerSpec } from '../model-spec/layers';

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

const latentDim = z.int().min(1).max(1024);

/**
 * Encoder and decoder: either the MLP shorthand (`hidden` widths, mirrored in the decoder) or explicit layer
 * specs (`encoder` and `decoder`), never both. Neither means the MLP [256, 128].
 */
const architectureFields = {
  hidden: z.array(z.int().min(1).max(8192)).max(8).optional(),
  activation: activationSchema.default('relu'),
  /**
   * The MLP shorthand's output layer activation (e.g. sigmoid for pixels in [0, 1] under squared error, as Hinton &
   * Salakhutdinov's deep autoencoder). Default linear: the means of a Gaussian or squared-error decoder, the logits
   * of a Bernoulli one (whose mean, their sigmoid, is taken for you).
   */
  outputActivation: activationSchema.optional(),
  encoder: z.array(layerSpecSchema).min(1).max(32).optional(),
  decoder: z.array(layerSpecSchema).min(1).max(32).optional(),
};

/** How a reconstruction is scored for deterministic autoencoders: squared error (the seeds' ‖x̃ − x‖²) or Bernoulli. */
const reconstruction = z.enum(['mse', 'bernoulli']).default('mse');

/** Corruptions for denoising autoencoders (Vincent et al. 2008): the model sees x̃ = noise(x) and must output x. */
export const noiseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('gaussian'), sigma: z.number().gt(0).max(10) }),
  z.strictObject({ kind: z.literal('masking'), p: z.number().gt(0).lt(1) }),
  z.strictObject({ kind: z.literal('salt-pepper'), p: z.number().gt(0).lt(1) }),
]);
export type NoiseConfig = z.output<typeof noiseSchema>;

export const vaeModelSchema = z.strictObject({
  family: z.literal('vae'),
  latentDim,
  ...architectureFields,
  /**
   * Decoder likelihood p(x|z): Bernoulli on pixels in [0, 1] (Kingma & Welling 2013, App. C.1); Gaussian with a
   * fixed σ; or Gaussian with one learned σ shared by all outputs.
   */
  likelihood: z.enum(['bernoulli', 'gaussian', 'gaussian-learned']).default('bernoulli'),
  /** σ of the fixed-σ Gaussian likelihood (and the starting σ of the learned one). */
  sigma: z.number().gt(0).max(10).default(0.1),
});
export const aeModelSchema = z.strictObject({ family: z.literal('ae'), latentDim, ...architectureFields, reconstruction });
export const daeModelSchema = z.strictObject({
  family: z.literal('dae'),
  latentDim,
  ...architectureFields,
  reconstruction,
  noise: noiseSchema.default({ kind: 'gaussian', sigma: 0.3 }),
});
/** x̃ = UVx + b, trained by squared error: learns the PCA subspace (Baldi & Hornik 1989). */
export const linearAeModelSchema = z.strictObject({ family: z.literal('linear-ae'), latentDim });
/** Closed-form PCA on the training split: the baseline a linear autoencoder should match. */
export const pcaModelSchema = z.strictObject({ family: z.literal('pca'), latentDim });

/**
 * Link prediction's edge split (Kipf & Welling 2016): shares of the graph's edges held out for validation and test,
 * each with as many sampled non-edges; the rest train. Drawn from training.seed.
 */
export const edgeSplitSchema = z.strictObject({
  validation: z.number().gt(0).lt(0.5).default(0.05),
  test: z.number().gt(0).lt(0.5).default(0.1),
});
export const EDGE_SPLIT_DEFAULTS = { validation: 0.05, test: 0.1 } as const;

/**
 * Graph autoencoders for link prediction (Kipf & Welling 2016), as their reference code: GCN layers over
 * Â = D^−½(A + I)D^−½ (`hidden` widths, ReLU, default one of 32), a linear GCN head to z (16), the inner-product
 * decoder σ(z_iᵀz_j), trained full batch on one graph. GAE encodes z; VGAE encodes μ and log σ and samples z.
 */
const graphAutoencoderFields = {
  latentDim: latentDim.default(16),
  hidden: z.array(z.int().min(1).max(4096)).min(1).max(4).default([32]),
  edgeSplit: edgeSplitSchema.default({ ...EDGE_SPLIT_DEFAULTS }),
};
export const gaeModelSchema = z.strictObject({ family: z.literal('gae'), ...graphAutoencoderFields });
export const vgaeModelSchema = z.strictObject({ family: z.literal('vgae'), ...graphAutoencoderFields });

/**
 * The GraphVAE of the lecture notes (Simonovsky & Komodakis 2018): q(Z|X, A) = ∏ N(Z_i | μ_i, σ_i² I) from a GCN,
 * p(A|Z) = ∏_{i<j} σ(H_iᵀH_j + b) with H = MLP(Z), p(X|A, Z) = ∏ N(X_i | μ̃_i, σ̃_i² I) read out by a GCN over (Z, A).
 * On a set of small graphs it learns to generate (held-out graphs score the ELBO; generated ones are compared by MMD);
 * on one graph it predicts held-out edges. `adjacencyDecoder: 'mlp'` reads Z in a fixed node order instead (the
 * non-equivariant variant of the notes' permutation argument).
 */
export const graphVaeModelSchema = z.strictObject({
  family: z.literal('graph-vae'),
  latentDim: latentDim.default(16),
  encoderHidden: z.int().min(1).max(1024).default(32),
  decoderHidden: z.int().min(1).max(1024).default(32),
  /** Width of H = MLP(Z), whose inner products are the edge logits. */
  embeddingDim: z.int().min(1).max(1024).default(16),
  adjacencyDecoder: z.enum(['inner-product', 'mlp']).default('inner-product'),
  /** A learned scalar b in σ(H_iᵀH_j + b): without it sparse graphs cannot push most pair logits below 0. */
  adjacencyBias: z.boolean().default(true),
  /** |S|: random node orderings for the permutation check and the permutation-sampled bound. */
  permutationSamples: z.int().min(1).max(1000).default(16),
  /** Generation (a set of graphs): share of the graphs held out for the ELBO and MMD (seeded). */
  heldOutGraphs: z.number().gt(0).lt(0.9).default(0.2),
  /** Generation: graphs sampled from the prior at the end, sizes drawn from the held-out graphs'. */
  generatedGraphs: z.int().min(1).max(2000).default(64),
  /** One graph: the edges held out for link prediction. */
  edgeSplit: edgeSplitSchema.default({ ...EDGE_SPLIT_DEFAULTS }),
});
export const GRAPH_VAE_SET_ONLY = { heldOutGraphs: 0.2, generatedGraphs: 64 } as const;
/** The MLP decoder has an output per node pair (decoderHidden × N(N − 1)/2 weights): it is for small graphs. */
export const GRAPH_VAE_MLP_MAX_NODES = 300;

/** Families that train on a graph dataset (graph/train-graph-run.ts, graph/train-graph-vae-run.ts). */
export const GRAPH_FAMILIES = ['gae', 'vgae', 'graph-vae'] as const;
export type GraphFamily = (typeof GRAPH_FAMILIES)[number];
export const isGraphFamily = (family: string): family is GraphFamily => (GRAPH_FAMILIES as readonly string[]).includes(family);

/**
 * Training defaults a family brings instead of the schema's: the graph autoencoders train Kipf's setup (Adam, learning
 * rate 0.01, 200 epochs) when the config leaves these out. Filled in before the schema's own defaults.
 */
export const FAMILY_TRAINING_DEFAULTS: Partial<Record<string, { learningRate: number; epochs: number }>> = {
  gae: { learningRate: 0.01, epochs: 200 },
  vgae: { learningRate: 0.01, epochs: 200 },
  'graph-vae': { learningRate: 0.005, epochs: 60 },
};

/** The config with its family's training defaults filled in where it leaves them out (input form, before parsing). */
export function withFamilyDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const raw = input as { model?: { family?: unknown }; training?: unknown };
  const family = typeof raw.model?.family === 'string' ? raw.model.family : undefined;
  const defaults = family ? FAMILY_TRAINING_DEFAULTS[family] : undefined;
  if (!defaults) return input;
  if (raw.training !== undefined && (typeof raw.training !== 'object' || raw.training === null)) return input;
  const training = (raw.training ?? {}) as Record<string, unknown>;
  return { ...raw, training: { ...defaults, ...training } };
}

/** The training defaults of a family: the schema's, with the family's own over them. */
export const trainingDefaultsOf = (family: string): Record<string, unknown> => ({ ...TRAINING_DEFAULTS, ...(FAMILY_TRAINING_DEFAULTS[family] ?? {}) });

type ArchitectureFields = { hidden?: number[]; encoder?: LayerSpec[]; decoder?: LayerSpec[]; outputActivation?: string; likelihood?: string; reconstruction?: string };

function checkArchitecture(model: ArchitectureFields, ctx: z.RefinementCtx): void {
  if (model.outputActivation !== undefined && model.decoder) {
    ctx.addIssue({
      code: 'custom',
      path: ['outputActivation'],
      message: "outputActivation is the MLP shorthand's output layer; with an explicit decoder, set the activation of its last layer instead",
    });
  }
  const bernoulli = model.likelihood === 'bernoulli' || model.reconstruction === 'bernoulli';
  if (bernoulli && model.outputActivation !== undefined && model.outputActivation !== 'linear') {
    ctx.addIssue({
      code: 'custom',
      path: ['outputActivation'],
      message: `a Bernoulli decoder outputs logits and its mean is their sigmoid, taken for you: a '${model.outputActivation}' output would be applied before it; leave outputActivation out (or use squared error with a sigmoid output)`,
    });
  }
  if (model.hidden && (model.encoder || model.decoder)) {
    ctx.addIssue({ code: 'custom', path: ['hidden'], message: 'give either hidden (the MLP shorthand) or encoder and decoder, not both' });
  }
  if (Boolean(model.encoder) !== Boolean(model.decoder)) {
    const [given, missing] = model.encoder ? ['encoder', 'decoder'] : ['decoder', 'encoder'];
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: `missing: an explicit ${given} needs an explicit ${missing} too (give both, or neither and use hidden for the MLP shorthand)`,
    });
  }
  for (const issue of layerNameIssues(model, 'model.')) ctx.addIssue({ code: 'custom', ...issue });
}

export const modelSchema = z
  .discriminatedUnion('family', [vaeModelSchema, aeModelSchema, daeModelSchema, linearAeModelSchema, pcaModelSchema, gaeModelSchema, vgaeModelSchema, graphVaeModelSchema])
  .superRefine((model, ctx) => {
    // Linear AE and PCA have a fixed architecture: their strict schemas already refuse layer fields; graph
    // autoencoders are GCN widths, not layer specs.
    if (model.family === 'linear-ae' || model.family === 'pca' || model.family === 'gae' || model.family === 'vgae' || model.family === 'graph-vae') return;
    checkArchitecture(model, ctx);
  });

/** Capacity annealing (Burgess et al. 2018): loss = recon + γ·|KL − C|, with C rising linearly to cMax over `steps`. */
export const capacitySchema = z.strictObject({
  gamma: z.number().gt(0).max(10_000).default(1000),
  cMax: z.number().min(0).max(1000),
  steps: z.int().min(1).max(10_000_000),
});

export const objectiveSchema = z.strictObject({
  /** Weight on the KL term: loss = −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)) (Higgins et al. 2017). β = 1 is the ELBO. */
  beta: z.number().min(0).max(1000).default(1),
  /** KL warm-up: the KL weight ramps linearly from 0 to β over this many steps (Bowman et al. 2016). 0: off. */
  warmupSteps: z.int().min(0).max(10_000_000).default(0),
  capacity: capacitySchema.optional(),
  /** Free bits: a floor λ (nats) on each latent dimension's batch-mean KL (Kingma et al. 2016). 0: off. */
  freeBits: z.number().min(0).max(100).default(0),
  /** Samples for the importance-weighted log-likelihood estimate reported each epoch (Burda et al. 2016). */
  iwaeSamples: z.int().min(1).max(5000).default(64),
});

export const trainingSchema = z.strictObject({
  epochs: z.int().min(1).max(10_000).default(10),
  batchSize: z.int().min(1).max(65_536).default(64),
  learningRate: z.number().gt(0).max(10).default(1e-3),
  optimizer: z.enum(['adam', 'sgd', 'rmsprop']).default('adam'),
  /** Momentum of SGD (heavy ball) and RMSprop. */
  momentum: z.number().min(0).lt(1).default(0.9),
  /** Stop when the validation loss has not improved for this many epochs. */
  earlyStoppingPatience: z.int().min(1).max(10_000).optional(),
  seed: z.int().min(0).max(2 ** 31 - 1).default(42),
});

/** The objective and training settings as the schema fills them in: a value other than these was written by someone. */
export const OBJECTIVE_DEFAULTS = { beta: 1, warmupSteps: 0, freeBits: 0, iwaeSamples: 64 } as const;
export const TRAINING_DEFAULTS = { epochs: 10, batchSize: 64, learningRate: 1e-3, optimizer: 'adam', momentum: 0.9, seed: 42 } as const;
/** Training settings PCA never reads: it is solved in closed form in one pass (its seed still orders the data). */
const PCA_UNUSED_TRAINING = ['epochs', 'batchSize', 'learningRate', 'optimizer', 'momentum', 'earlyStoppingPatience'] as const;

/** The run config's fields, each checked on its own and with defaults filled in, before the cross-field rules below. */
export const runConfigFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  dataset: datasetRefSchema,
  model: modelSchema,
  objective: objectiveSchema.default({ ...OBJECTIVE_DEFAULTS }),
  training: trainingSchema.default({ ...TRAINING_DEFAULTS }),
});

/**
 * Settings the run would not read, given the rest of its config: refused rather than ignored. A value equal to the
 * schema's default counts as left out (the schema fills it in either way).
 */
export function ineffectiveSettings(config: z.output<typeof runConfigFieldsSchema>): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const { model, objective, training } = config;
  const { family } = model;
  if (family === 'graph-vae') {
    // The ELBO of the notes has no weight on its KL, and no schedule.
    for (const [key, fallback] of Object.entries(OBJECTIVE_DEFAULTS)) {
      if (objective[key as keyof typeof OBJECTIVE_DEFAULTS] !== fallback) {
        out.push({ path: ['objective', key], message: `the graph-vae family maximizes the plain ELBO (no β, schedule or bound settings), so objective.${key} would change nothing: leave it out` });
      }
    }
    if (objective.capacity) out.push({ path: ['objective', 'capacity'], message: 'the graph-vae family maximizes the plain ELBO: capacity annealing would change nothing; leave it out' });
    if (model.family === 'graph-vae' && model.adjacencyDecoder === 'mlp') {
      if (model.embeddingDim !== 16) out.push({ path: ['model', 'embeddingDim'], message: "the MLP decoder outputs pair logits directly, with no embedding H: leave embeddingDim out, or use the 'inner-product' decoder" });
      if (model.adjacencyBias !== true) out.push({ path: ['model', 'adjacencyBias'], message: "the MLP decoder has a bias per pair already: adjacencyBias applies to the 'inner-product' decoder; leave it out" });
    }
  } else if (family === 'vgae') {
    // VGAE's objective is the recon + β·KL of the reference code; the image VAE's schedules and bounds are not built for it.
    for (const key of ['warmupSteps', 'freeBits', 'iwaeSamples'] as const) {
      if (objective[key] !== OBJECTIVE_DEFAULTS[key]) {
        out.push({ path: ['objective', key], message: `the vgae family weighs its KL by β only: objective.${key} is not built for graphs and would change nothing: leave it out` });
      }
    }
    if (objective.capacity) out.push({ path: ['objective', 'capacity'], message: 'the vgae family weighs its KL by β only: capacity annealing is not built for graphs; leave it out' });
  } else if (family !== 'vae') {
    for (const [key, fallback] of Object.entries(OBJECTIVE_DEFAULTS)) {
      if (objective[key as keyof typeof OBJECTIVE_DEFAULTS] !== fallback) {
        out.push({ path: ['objective', key], message: `the ${family} family has no KL term, so objective.${key} would change nothing: leave it out` });
      }
    }
    if (objective.capacity) out.push({ path: ['objective', 'capacity'], message: `the ${family} family has no KL term, so capacity annealing would change nothing: leave it out` });
  } else if (objective.capacity) {
    // Capacity annealing's weight is γ and its schedule C's ramp (kl-schedule.ts).
    if (objective.beta !== OBJECTIVE_DEFAULTS.beta) {
      out.push({ path: ['objective', 'beta'], message: 'capacity annealing weighs the KL by γ instead of β: leave β at 1, or turn capacity off' });
    }
    if (objective.warmupSteps !== OBJECTIVE_DEFAULTS.warmupSteps) {
      out.push({ path: ['objective', 'warmupSteps'], message: 'capacity annealing ramps C instead of warming β up: leave warmupSteps at 0, or turn capacity off' });
    }
  }
  if (isGraphFamily(family)) {
    // One gradient step per epoch over the whole graph.
    if (training.batchSize !== TRAINING_DEFAULTS.batchSize) {
      const why = family === 'graph-vae' ? 'takes one graph per step' : 'trains on the whole graph at once (one step per epoch)';
      out.push({ path: ['training', 'batchSize'], message: `the ${family} family ${why}, so training.batchSize would change nothing: leave it out` });
    }
    if (training.earlyStoppingPatience !== undefined) {
      out.push({ path: ['training', 'earlyStoppingPatience'], message: `early stopping watches val_loss, which the ${family} family does not compute (it reports val_auc and val_ap): leave earlyStoppingPatience out` });
    }
  }
  if (family === 'pca') {
    for (const key of PCA_UNUSED_TRAINING) {
      if (training[key] !== (TRAINING_DEFAULTS as Record<string, unknown>)[key]) {
        out.push({ path: ['training', key], message: `PCA is solved in closed form in one pass, so training.${key} would change nothing: leave it out` });
      }
    }
  } else if (training.optimizer === 'adam' && training.momentum !== TRAINING_DEFAULTS.momentum) {
    // Adam's moment decays are its own (β₁ = 0.9, β₂ = 0.999).
    out.push({ path: ['training', 'momentum'], message: "Adam has no momentum setting (its β₁ is 0.9): leave momentum out, or use 'sgd' or 'rmsprop'" });
  }
  if (model.family === 'vae' && model.likelihood === 'bernoulli' && model.sigma !== 0.1) {
    out.push({ path: ['model', 'sigma'], message: "a Bernoulli decoder has no σ: leave sigma out, or use a 'gaussian' likelihood" });
  }
  if ((model.family === 'vae' || model.family === 'ae' || model.family === 'dae') && model.encoder && model.activation !== 'relu') {
    out.push({ path: ['model', 'activation'], message: "activation is the MLP shorthand's; with an explicit encoder and decoder, set each layer's activation instead" });
  }
  return out;
}

export const runConfigSchema = runConfigFieldsSchema.superRefine((config, ctx) => {
  for (const issue of ineffectiveSettings(config)) ctx.addIssue({ code: 'custom', ...issue });
});

/** A config as a user writes it (defaults may be left out). */
export type RunConfigInput = z.input<typeof runConfigSchema>;
/** A config with every default filled in: what a run stores and trains from. */
export type RunConfig = z.output<typeof runConfigSchema>;
export type VaeModelConfig = z.output<typeof vaeModelSchema>;
export type GraphVaeModelConfig = z.output<typeof graphVaeModelSchema>;
export type GraphAutoencoderConfig = z.output<typeof gaeModelSchema> | z.output<typeof vgaeModelSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
export type ObjectiveConfig = z.output<typeof objectiveSchema>;
export type TrainingConfig = z.output<typeof trainingSchema>;
