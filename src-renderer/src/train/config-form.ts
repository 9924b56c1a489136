import { FAMILY_TRAINING_DEFAULTS, isGraphFamily, type RunConfigInput } from '../../../src-shared/config/run-config';
import type { ArchitectureSpec } from '../../../src-shared/model-spec/saved-architecture';
import { builtinDatasetInfo } from '../../../src-shared/datasets/builtin';
import { getConfigValue, setConfigValue } from '../../../src-shared/sweeps/config-path';
import { configFieldDefault, describeConfigField, isConfigPath, unusedByFamily, type ModelFamily } from '../../../src-shared/sweeps/sweep-fields';

/**
 * The train form as data: every field of the run config a user can set, where it sits on the form, when it applies,
 * and how its text becomes a config value. The Train screen draws it and the run view shows a run's config grouped
 * the same way. Pure (no DOM), so it is unit-tested in Node. Bounds and choices come from the zod schema itself
 * (`describeConfigField`), so the form cannot drift from what the host accepts.
 */

export type SectionId = 'basics' | 'architecture' | 'likelihood' | 'kl' | 'noise' | 'optimizer' | 'data';

export interface FormSection {
  id: SectionId;
  title: string;
  /** Advanced sections start collapsed (and open by themselves when one of their fields has a problem). */
  advanced: boolean;
}

export const FORM_SECTIONS: FormSection[] = [
  { id: 'basics', title: 'Basics', advanced: false },
  { id: 'noise', title: 'Corruption (denoising)', advanced: false },
  { id: 'architecture', title: 'Architecture', advanced: true },
  { id: 'likelihood', title: 'Decoder likelihood', advanced: true },
  { id: 'kl', title: 'KL term: warm-up, capacity, free bits', advanced: true },
  { id: 'optimizer', title: 'Optimizer and stopping', advanced: true },
  { id: 'data', title: 'Data', advanced: true },
];

/** 'toggle': a group present ({}) or left out (capacity annealing); 'boolean': a true/false field (a checkbox either way). */
export type FieldInput = 'int' | 'number' | 'enum' | 'widths' | 'text' | 'toggle' | 'boolean';

/** The form's text, keyed by field key: what the user typed (a toggle is 'on' or '', a boolean 'true' or 'false'). */
export type FormValues = Record<string, string>;

export interface FormContext {
  family: ModelFamily;
  /** The base config gives explicit encoder/decoder layers (conv presets) rather than the MLP shorthand. */
  explicitLayers: boolean;
  /** The dataset is a built-in generator (size and validation split are settable) rather than imported. */
  builtinDataset: boolean;
  /** Graphs in the chosen graph dataset (1: one graph, for link prediction; more: a set, for generation); undefined when not known. */
  graphCount?: number;
  values: FormValues;
}

export interface FormField {
  /** The input's name (stable for tests and autofill) and the key of its text in FormValues. */
  key: string;
  /** Dotted path into the run config. */
  path: string;
  label: string;
  section: SectionId;
  input: FieldInput;
  /** Empty text leaves the field out of the config (its default, or "off"). */
  optional?: boolean;
  placeholder?: string;
  hint?: string;
  /** Words for enum values, where the value alone does not say enough. */
  optionLabels?: Record<string, string>;
  /** A line shown under an enum field for the chosen value: what the choice means. */
  optionNotes?: Record<string, string>;
  /** Whether the field applies beyond what the family's schema has (e.g. momentum only for SGD and RMSprop). */
  when?: (ctx: FormContext) => boolean;
  /** The text shown when the base config leaves the field out and the schema has no default. */
  fallback?: string;
  /** While hidden, left out of the config (its default applies) rather than kept at the base's value. */
  omitWhenHidden?: boolean;
}

const BERNOULLI = (ctx: FormContext) => ctx.values.likelihood === 'bernoulli' || ctx.values.reconstruction === 'bernoulli';
const MLP = (ctx: FormContext) => !ctx.explicitLayers;
const CAPACITY_ON = (ctx: FormContext) => ctx.values.capacity === 'on';
const GRAPH = (ctx: FormContext) => isGraphFamily(ctx.family);
const GRAPH_VAE = (ctx: FormContext) => ctx.family === 'graph-vae';
/** A GraphVAE on a set of graphs generates; on one graph it predicts links. An unknown dataset shows both kinds of field. */
const GRAPH_SET = (ctx: FormContext) => ctx.graphCount === undefined || ctx.graphCount > 1;
const ONE_GRAPH = (ctx: FormContext) => ctx.graphCount === undefined || ctx.graphCount === 1;
const INNER_PRODUCT = (ctx: FormContext) => ctx.values.adjacencyDecoder !== 'mlp';

/** Every field of the run config the form edits, in the order they appear. */
export const FORM_FIELDS: FormField[] = [
  { key: 'runName', path: 'name', label: 'Run name', section: 'basics', input: 'text', optional: true, placeholder: 'automatic, e.g. VAE z=8 β=1' },
  { key: 'latentDim', path: 'model.latentDim', label: 'Latent size z', section: 'basics', input: 'int' },
  {
    key: 'beta',
    path: 'objective.beta',
    label: 'β (KL weight)',
    section: 'basics',
    input: 'number',
    hint: 'loss = −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)); β = 1 is the ELBO',
    when: (c) => !CAPACITY_ON(c),
    omitWhenHidden: true,
  },
  { key: 'epochs', path: 'training.epochs', label: 'Epochs', section: 'basics', input: 'int' },
  { key: 'batchSize', path: 'training.batchSize', label: 'Batch size', section: 'basics', input: 'int' },
  { key: 'learningRate', path: 'training.learningRate', label: 'Learning rate', section: 'basics', input: 'number' },
  { key: 'seed', path: 'training.seed', label: 'Seed', section: 'basics', input: 'int', hint: 'same seed and backend, same curve' },

  {
    key: 'noiseKind',
    path: 'model.noise.kind',
    label: 'Noise',
    section: 'noise',
    input: 'enum',
    optionLabels: { gaussian: 'Gaussian: x + σ·ε', masking: 'masking: zero a fraction p', 'salt-pepper': 'salt and pepper: a fraction p set to 0 or 1' },
    fallback: 'gaussian',
  },
  { key: 'noiseSigma', path: 'model.noise.sigma', label: 'Noise σ', section: 'noise', input: 'number', when: (c) => c.values.noiseKind === 'gaussian', fallback: '0.3' },
  { key: 'noiseP', path: 'model.noise.p', label: 'Noise fraction p', section: 'noise', input: 'number', when: (c) => c.values.noiseKind !== 'gaussian', fallback: '0.25' },

  { key: 'hidden', path: 'model.hidden', label: 'Hidden layers (encoder; decoder mirrors)', section: 'architecture', input: 'widths', when: (c) => MLP(c) && !GRAPH(c), fallback: '256, 128', placeholder: 'e.g. 256, 128 (empty: none)' },
  {
    key: 'gcnHidden',
    path: 'model.hidden',
    label: 'GCN hidden widths',
    section: 'architecture',
    input: 'widths',
    when: (c) => GRAPH(c) && !GRAPH_VAE(c),
    placeholder: 'e.g. 32 (one to four layers)',
    hint: 'GCN layers with ReLU over Â = D^−½(A + I)D^−½, then a linear GCN head to z (Kipf & Welling 2016: 32, then z = 16)',
  },
  {
    key: 'encoderHidden',
    path: 'model.encoderHidden',
    label: 'Encoder GCN width',
    section: 'architecture',
    input: 'int',
    hint: 'q(Z|X, A): a GCN layer of this width with ReLU, then GCN heads to μ and log σ² per node',
  },
  {
    key: 'decoderHidden',
    path: 'model.decoderHidden',
    label: 'Decoder width',
    section: 'architecture',
    input: 'int',
    hint: 'hidden width of H = MLP(Z) (or of the MLP over Z in node order) and of the feature decoder’s GCN layer',
  },
  {
    key: 'adjacencyDecoder',
    path: 'model.adjacencyDecoder',
    label: 'Adjacency decoder p(A|Z)',
    section: 'architecture',
    input: 'enum',
    optionLabels: { 'inner-product': 'inner product σ(HᵢᵀHⱼ), H = MLP(Z)', mlp: 'MLP over Z in node order' },
    optionNotes: {
      'inner-product': 'Permutation equivariant: reorder the nodes and each edge probability moves with its pair, so the ELBO is the same under every ordering.',
      mlp: 'Not equivariant: the ELBO depends on the node ordering, so the notes bound log p(A, X) by log Σ_{P∈S} exp(ELBO_P) over sampled orderings.',
    },
  },
  {
    key: 'embeddingDim',
    path: 'model.embeddingDim',
    label: 'Embedding width of H',
    section: 'architecture',
    input: 'int',
    hint: 'H = MLP(Z); the pair (i, j) has edge logit HᵢᵀHⱼ (+ b)',
    when: INNER_PRODUCT,
    omitWhenHidden: true,
  },
  {
    key: 'adjacencyBias',
    path: 'model.adjacencyBias',
    label: 'Learned logit bias b in σ(HᵢᵀHⱼ + b)',
    section: 'architecture',
    input: 'boolean',
    hint: 'off: exactly the notes’ σ(HᵢᵀHⱼ), whose logits cannot make most pairs of a sparse graph unlikely',
    when: INNER_PRODUCT,
    omitWhenHidden: true,
  },
  {
    key: 'permutationSamples',
    path: 'model.permutationSamples',
    label: 'Permutations |S|',
    section: 'architecture',
    input: 'int',
    hint: 'random node orderings of a held-out graph for the permutation check and the bound log Σ_{P∈S} exp(ELBO_P)',
  },
  { key: 'activation', path: 'model.activation', label: 'Activation', section: 'architecture', input: 'enum', when: MLP },
  {
    key: 'outputActivation',
    path: 'model.outputActivation',
    label: 'Output activation',
    section: 'architecture',
    input: 'enum',
    optional: true,
    hint: 'the last decoder layer; a Bernoulli decoder outputs logits and takes their sigmoid itself',
    when: (c) => MLP(c) && !BERNOULLI(c),
    omitWhenHidden: true,
  },
  {
    key: 'reconstruction',
    path: 'model.reconstruction',
    label: 'Reconstruction loss',
    section: 'architecture',
    input: 'enum',
    optionLabels: { mse: 'squared error ‖x − x̂‖²', bernoulli: 'Bernoulli cross-entropy (pixels in [0, 1])' },
  },

  {
    key: 'likelihood',
    path: 'model.likelihood',
    label: 'Likelihood p(x|z)',
    section: 'likelihood',
    input: 'enum',
    optionLabels: { bernoulli: 'Bernoulli (pixels in [0, 1])', gaussian: 'Gaussian, fixed σ', 'gaussian-learned': 'Gaussian, learned σ' },
  },
  {
    key: 'sigma',
    path: 'model.sigma',
    label: 'Decoder σ',
    hint: 'the σ of the fixed-σ Gaussian p(x|z), or where the learned σ starts',
    section: 'likelihood',
    input: 'number',
    when: (c) => c.values.likelihood !== 'bernoulli',
  },

  {
    key: 'warmupSteps',
    path: 'objective.warmupSteps',
    label: 'KL warm-up steps',
    section: 'kl',
    input: 'int',
    hint: 'the KL weight ramps from 0 to β over this many steps (0: off)',
    when: (c) => !CAPACITY_ON(c),
    omitWhenHidden: true,
  },
  { key: 'freeBits', path: 'objective.freeBits', label: 'Free bits λ (nats)', section: 'kl', input: 'number', hint: 'a floor, in nats, on each latent dimension’s batch KL (0: off)' },
  { key: 'capacity', path: 'objective.capacity', label: 'Capacity annealing γ·|KL − C|', section: 'kl', input: 'toggle', hint: 'Burgess et al. 2018: C rises linearly to C max' },
  { key: 'capacityGamma', path: 'objective.capacity.gamma', label: 'γ', section: 'kl', input: 'number', when: CAPACITY_ON, fallback: '1000' },
  { key: 'capacityCMax', path: 'objective.capacity.cMax', label: 'C max (nats)', section: 'kl', input: 'number', when: CAPACITY_ON, fallback: '25' },
  { key: 'capacitySteps', path: 'objective.capacity.steps', label: 'C ramp steps', section: 'kl', input: 'int', when: CAPACITY_ON, fallback: '10000' },
  { key: 'iwaeSamples', path: 'objective.iwaeSamples', label: 'IWAE samples k', section: 'kl', input: 'int', hint: 'importance samples for the log-likelihood bound reported each epoch' },

  {
    key: 'optimizer',
    path: 'training.optimizer',
    label: 'Optimizer',
    section: 'optimizer',
    input: 'enum',
    optionLabels: { adam: 'Adam', sgd: 'SGD with momentum', rmsprop: 'RMSprop' },
  },
  { key: 'momentum', path: 'training.momentum', label: 'Momentum', section: 'optimizer', input: 'number', when: (c) => c.values.optimizer !== 'adam', omitWhenHidden: true },
  {
    key: 'earlyStoppingPatience',
    path: 'training.earlyStoppingPatience',
    label: 'Early-stop patience',
    section: 'optimizer',
    input: 'int',
    optional: true,
    placeholder: 'off',
    hint: 'stop when the validation loss has not improved for this many epochs (empty: off)',
  },

  { key: 'datasetSize', path: 'dataset.size', label: 'Samples to generate', section: 'data', input: 'int', when: (c) => c.builtinDataset && !GRAPH(c), fallback: '4096' },
  { key: 'validationSplit', path: 'dataset.validationSplit', label: 'Validation fraction', section: 'data', input: 'number', when: (c) => c.builtinDataset && !GRAPH(c), fallback: '0.1' },
  {
    key: 'heldOutGraphs',
    path: 'model.heldOutGraphs',
    label: 'Held-out graphs (share)',
    section: 'data',
    input: 'number',
    hint: 'graphs never trained on: their ELBO is scored each epoch, and generated graphs are compared with them by MMD',
    when: GRAPH_SET,
    omitWhenHidden: true,
  },
  {
    key: 'generatedGraphs',
    path: 'model.generatedGraphs',
    label: 'Graphs to generate',
    section: 'data',
    input: 'int',
    hint: 'sampled from the prior at the end (sizes drawn from the held-out graphs’) for the MMD and the gallery',
    when: GRAPH_SET,
    omitWhenHidden: true,
  },
  {
    key: 'edgeSplitValidation',
    path: 'model.edgeSplit.validation',
    label: 'Validation edges (share)',
    section: 'data',
    input: 'number',
    hint: 'edges held out, with as many sampled non-edges, to score AUC and AP each epoch',
    when: (c) => !GRAPH_VAE(c) || ONE_GRAPH(c),
    omitWhenHidden: true,
  },
  {
    key: 'edgeSplitTest',
    path: 'model.edgeSplit.test',
    label: 'Test edges (share)',
    section: 'data',
    input: 'number',
    hint: 'edges held out, with as many sampled non-edges, scored once with the final model',
    when: (c) => !GRAPH_VAE(c) || ONE_GRAPH(c),
    omitWhenHidden: true,
  },
];

/** Whether a field is on the form for this draft: the family's schema has it, its training reads it, and it applies. */
export function fieldShown(field: FormField, ctx: FormContext): boolean {
  if (field.path !== 'name' && !field.path.startsWith('dataset.')) {
    const schemaPath = field.input === 'toggle' ? `${field.path}.gamma` : field.path;
    if (!isConfigPath(schemaPath, ctx.family)) return false;
    if (unusedByFamily(field.path, ctx.family)) return false;
  }
  return field.when ? field.when(ctx) : true;
}

/** The choices of an enum field (from the schema), with '' first for an optional one ("default"). */
export function fieldOptions(field: FormField, family: ModelFamily): { value: string; label: string }[] {
  const options = describeConfigField(field.path, family)?.options ?? [];
  const out = options.map((value) => ({ value, label: field.optionLabels?.[value] ?? value }));
  return field.optional ? [{ value: '', label: 'default (linear)' }, ...out] : out;
}

/** The bounds of a numeric field in words, for its input's title: "from 1 to 1024". */
export function fieldRange(field: FormField, family: ModelFamily): string | undefined {
  const d = describeConfigField(field.path, family);
  if (!d || (d.kind !== 'int' && d.kind !== 'number')) return undefined;
  const lo = d.min === undefined ? '' : `${d.minExclusive ? 'above' : 'from'} ${d.min}`;
  const hi = d.max === undefined ? '' : `${d.maxExclusive ? 'below' : 'up to'} ${d.max}`;
  return [d.kind === 'int' ? 'a whole number' : 'a number', lo, hi].filter(Boolean).join(' ');
}

export const familyOf = (config: RunConfigInput): ModelFamily => config.model.family;
export const hasExplicitLayers = (config: RunConfigInput): boolean => 'encoder' in config.model && !!config.model.encoder;

/** The form's text for a config: what it says, else the schema's default, else the field's fallback. */
export function valuesFromConfig(config: RunConfigInput): FormValues {
  const family = familyOf(config);
  const plain = config as unknown as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of FORM_FIELDS) {
    const written = getConfigValue(plain, field.path);
    if (field.input === 'toggle') {
      values[field.key] = written === undefined ? '' : 'on';
      continue;
    }
    const value = written ?? (field.optional ? undefined : defaultOf(field.path, family));
    if (value === undefined) values[field.key] = field.optional ? '' : (fallbackOf(field, config) ?? '');
    else values[field.key] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return values;
}

/** The value a config gets when it leaves a field out: its family's training default (GAE/VGAE train Kipf's setup), else the schema's. */
function defaultOf(path: string, family: ModelFamily): unknown {
  const familyDefaults = FAMILY_TRAINING_DEFAULTS[family] as Record<string, unknown> | undefined;
  const key = path.startsWith('training.') ? path.slice('training.'.length) : undefined;
  if (key !== undefined && familyDefaults && key in familyDefaults) return familyDefaults[key];
  return configFieldDefault(path, family);
}

/**
 * What a family leaves off the form, and why, in a sentence under the preset: the fields its training would
 * refuse (batch size, early stopping and the VAE's KL schedules for the graph families), or null.
 */
export function familyNote(family: ModelFamily): string | null {
  if (family === 'gae' || family === 'vgae') {
    const kl =
      family === 'vgae'
        ? ' Its KL term is weighed by β alone: no warm-up, capacity, free bits or IWAE bound.'
        : ' GAE has no KL term, so no β.';
    return (
      'Trains on the whole graph at once (one step per epoch), so there is no batch size, and no early stopping (it watches a validation loss; link prediction reports AUC and AP).' +
      ' The encoder is GCN layers and the decoder the inner product σ(zᵢᵀzⱼ): no likelihood choice and no layer builder.' +
      kl
    );
  }
  if (family === 'graph-vae') {
    return (
      'Takes one graph per step (each training graph of a set in turn, or the one graph with its training edges), so there is no batch size, and no early stopping.' +
      ' Its loss is the ELBO itself (β = 1, no KL schedules). A set of graphs trains it to generate; one graph, to predict held-out edges.'
    );
  }
  return null;
}

const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** A field's text as a config value; undefined leaves the field out. An unreadable number is NaN, which the schema names. */
function parseField(field: FormField, text: string): unknown {
  if (field.optional && text.trim() === '') return undefined;
  switch (field.input) {
    case 'int':
    case 'number':
      return numberOf(text);
    case 'widths':
      return text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(numberOf);
    case 'text':
      return text;
    case 'enum':
      return text;
    case 'toggle':
      return text === 'on' ? {} : undefined;
    case 'boolean':
      return text === 'true';
  }
}

/**
 * The config the form stands for: the base (a preset's, or a run's for "Re-run with changes") with every field on
 * the form applied. Fields the form does not show for this family keep the base's value; a field left empty that is
 * optional is left out; the DAE's noise and the capacity schedule are rebuilt from their fields, so switching the
 * noise kind does not leave the other kind's level behind. `graphCount` (a graph dataset's graphs) picks a GraphVAE's
 * generation fields (a set) or its edge split (one graph).
 */
export function configFromForm(base: RunConfigInput, values: FormValues, datasetId: string, builtinDataset: boolean, graphCount?: number): Record<string, unknown> {
  const ctx: FormContext = { family: familyOf(base), explicitLayers: hasExplicitLayers(base), builtinDataset, graphCount, values };
  let config: Record<string, unknown> = { ...(base as unknown as Record<string, unknown>), dataset: { id: datasetId } };
  delete config.name;
  for (const field of FORM_FIELDS) {
    if (!fieldShown(field, ctx)) {
      // A field hidden because another choice replaces it (β and warm-up under capacity annealing, momentum under
      // Adam) is left out, not sent with the base's value: the host refuses settings that would change nothing.
      if (field.omitWhenHidden && getConfigValue(config, field.path) !== undefined) config = setConfigValue(config, field.path, undefined);
      continue;
    }
    if (field.path === 'model.noise.kind') config = setConfigValue(config, 'model.noise', {});
    const value = parseField(field, values[field.key] ?? '');
    if (value === undefined) {
      if (getConfigValue(config, field.path) !== undefined) config = setConfigValue(config, field.path, undefined);
      continue;
    }
    config = setConfigValue(config, field.path, value);
  }
  return config;
}

/** What an absent field means: a built-in generator's own sample count for its size, else the field's fallback. */
function fallbackOf(field: FormField, config: RunConfigInput): string | undefined {
  if (field.key === 'datasetSize') {
    const count = builtinDatasetInfo(config.dataset.id)?.count;
    if (count !== undefined) return String(count);
  }
  return field.fallback;
}

/** A config value as the run view shows it: lists joined, numbers as written, absent ones as their meaning. */
export function formatConfigValue(field: FormField, value: unknown, family: ModelFamily, config?: RunConfigInput): string {
  if (field.input === 'toggle') return value === undefined ? 'off' : 'on';
  if (field.input === 'boolean' && typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === undefined) {
    if (field.key === 'earlyStoppingPatience') return 'off';
    if (field.key === 'outputActivation') return 'linear (default)';
    const fallback = config ? fallbackOf(field, config) : field.fallback;
    return fallback === undefined ? '–' : `${fallback} (default)`;
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (field.input === 'enum') return fieldOptions(field, family).find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

/** A stored run's config grouped as on the form: one row per field that applies to it. */
export function configSections(config: RunConfigInput, builtinDataset: boolean, graphCount?: number): { section: FormSection; rows: { key: string; label: string; value: string }[] }[] {
  const family = familyOf(config);
  const ctx: FormContext = { family, explicitLayers: hasExplicitLayers(config), builtinDataset, graphCount, values: valuesFromConfig(config) };
  const plain = config as unknown as Record<string, unknown>;
  return FORM_SECTIONS.map((section) => ({
    section,
    rows: FORM_FIELDS.filter((f) => f.section === section.id && f.key !== 'runName' && fieldShown(f, ctx)).map((f) => ({
      key: f.key,
      label: f.label,
      value: formatConfigValue(f, getConfigValue(plain, f.path), family, config),
    })),
  })).filter((s) => s.rows.length > 0);
}

/**
 * Where a form's encoder and decoder come from: the MLP shorthand (`hidden` widths, mirrored), the base config's own
 * layer spec (a conv preset's, or a re-run's), or an architecture saved in the builder (by id).
 */
export type LayerSource = 'mlp' | 'spec' | { savedId: number };

/** The base config with its layers taken from `source`: the form then edits the rest as usual. */
export function withLayers(base: RunConfigInput, source: LayerSource, saved?: ArchitectureSpec): RunConfigInput {
  const model = base.model as Record<string, unknown>;
  if (model.family === 'pca' || model.family === 'linear-ae' || source === 'spec') return base;
  const rest = Object.fromEntries(Object.entries(model).filter(([key]) => key !== 'encoder' && key !== 'decoder' && key !== 'hidden' && key !== 'outputActivation'));
  if (source === 'mlp') {
    const hidden = model.encoder ? undefined : model.hidden;
    const outputActivation = model.encoder ? undefined : model.outputActivation;
    return { ...base, model: { ...rest, ...(hidden ? { hidden } : {}), ...(outputActivation ? { outputActivation } : {}) } as RunConfigInput['model'] };
  }
  if (!saved) return base;
  return { ...base, model: { ...rest, encoder: saved.encoder, decoder: saved.decoder } as RunConfigInput['model'] };
}
