import type { z } from 'zod';
import { FAMILY_TRAINING_DEFAULTS, runConfigSchema, type ModelConfig } from '../config/run-config';
import { configPathKeys } from './config-path';

/**
 * The run config's fields as a sweep sees them, read from the zod schema itself (zod v4's `_zod.def`), so a field
 * added to run-config.ts is sweepable without a second list to keep in step.
 */

export type ModelFamily = ModelConfig['family'];

export type ConfigFieldKind = 'number' | 'int' | 'enum' | 'boolean' | 'string';

/** What values a field takes: its kind, the choices of an enum, and the bounds of a number. */
export interface ConfigFieldDescription {
  kind: ConfigFieldKind;
  /** The choices of an enum field, in the schema's order. */
  options?: string[];
  min?: number;
  max?: number;
  /** Present (true) when `min` itself is refused, as for a learning rate > 0. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

export interface SweepableField extends ConfigFieldDescription {
  /** Dotted path into the run config, e.g. `objective.beta`. */
  path: string;
}

type Schema = z.core.$ZodTypes;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A path that names a group of fields or a list (`model`, `model.hidden`): real, but not one value a sweep can set. */
const GROUP = 'group';
type Leaf = ConfigFieldDescription | typeof GROUP | null;

const INT_FORMATS = new Set(['safeint', 'int32', 'uint32', 'int64', 'uint64']);

interface Unwrapped {
  schema: Schema;
  /** The default of the outermost `.default()` on the way, if any. */
  defaultValue?: unknown;
}

/** Sees through wrappers that do not change what a user writes: defaults, optionals, pipes, lazies. */
function unwrap(schema: z.core.$ZodType): Unwrapped {
  let s = schema as Schema;
  let defaultValue: unknown;
  for (;;) {
    const def = s._zod.def;
    switch (def.type) {
      case 'default':
      case 'prefault':
        defaultValue ??= def.defaultValue;
        s = def.innerType as Schema;
        break;
      case 'optional':
      case 'nullable':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        s = def.innerType as Schema;
        break;
      case 'pipe':
        s = def.in as Schema;
        break;
      case 'lazy':
        s = def.getter() as Schema;
        break;
      default:
        return { schema: s, defaultValue };
    }
  }
}

function describeNumber(def: z.core.$ZodNumberDef & { format?: string }): ConfigFieldDescription {
  const out: ConfigFieldDescription = { kind: def.format && INT_FORMATS.has(def.format) ? 'int' : 'number' };
  for (const check of def.checks ?? []) {
    const c = (check as z.core.$ZodChecks)._zod.def;
    if (c.check === 'number_format' && INT_FORMATS.has(c.format)) out.kind = 'int';
    // The tightest bound wins when a schema chains several (e.g. .min(0).min(1)).
    if (c.check === 'greater_than' && (out.min === undefined || Number(c.value) >= out.min)) {
      out.min = Number(c.value);
      if (c.inclusive) delete out.minExclusive;
      else out.minExclusive = true;
    }
    if (c.check === 'less_than' && (out.max === undefined || Number(c.value) <= out.max)) {
      out.max = Number(c.value);
      if (c.inclusive) delete out.maxExclusive;
      else out.maxExclusive = true;
    }
  }
  return out;
}

function describeLeaf(schema: Schema): Leaf {
  const def = schema._zod.def;
  switch (def.type) {
    case 'number':
      return describeNumber(def);
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return { kind: 'string' };
    case 'enum':
      return { kind: 'enum', options: Object.values(def.entries).map(String) };
    case 'literal':
      return { kind: 'enum', options: def.values.map(String) };
    case 'object':
    case 'array':
    case 'record':
    case 'tuple':
    case 'union':
      return GROUP;
    default:
      return null;
  }
}

/** The key that tells a discriminated union's variants apart (`family`, `kind`); plain unions have none. */
const discriminatorOf = (def: z.core.$ZodUnionDef): string | undefined => (def as { discriminator?: string }).discriminator;

/** The variant objects of a union, each with the value of its discriminator (e.g. `family: 'vae'`). */
function unionVariants(def: z.core.$ZodUnionDef): { shape: z.core.$ZodShape; tag: string | undefined }[] {
  const discriminator = discriminatorOf(def);
  const variants: { shape: z.core.$ZodShape; tag: string | undefined }[] = [];
  for (const option of def.options) {
    const { schema } = unwrap(option);
    const optionDef = schema._zod.def;
    if (optionDef.type !== 'object') continue;
    const tagSchema = discriminator ? optionDef.shape[discriminator] : undefined;
    const tagDef = tagSchema ? unwrap(tagSchema).schema._zod.def : undefined;
    variants.push({ shape: optionDef.shape, tag: tagDef?.type === 'literal' ? String(tagDef.values[0]) : undefined });
  }
  return variants;
}

/** The schema nodes a path leads to: one, or one per union variant that has it when no family narrows the union. */
function resolve(schema: z.core.$ZodType, keys: string[], family: ModelFamily | undefined): Unwrapped[] {
  const node = unwrap(schema);
  if (keys.length === 0) return [node];
  const def = node.schema._zod.def;
  const [key, ...rest] = keys;
  if (def.type === 'object') return Object.hasOwn(def.shape, key) ? resolve(def.shape[key], rest, family) : [];
  if (def.type === 'union') {
    let variants = unionVariants(def);
    if (discriminatorOf(def) === 'family' && family) variants = variants.filter((v) => v.tag === family);
    return variants.filter((v) => Object.hasOwn(v.shape, key)).flatMap((v) => resolve(v.shape[key], rest, family));
  }
  return [];
}

function resolvePath(path: string, family: ModelFamily | undefined): Unwrapped[] {
  let keys: string[];
  try {
    keys = configPathKeys(path);
  } catch {
    return [];
  }
  return resolve(runConfigSchema, keys, family);
}

/**
 * What values the run-config field at `path` takes, or null when the path is not a single field (unknown, or a
 * group or list such as `model` or `model.hidden`). `family` picks the model variant; without it, any variant that
 * has the field answers.
 */
export function describeConfigField(path: string, family?: ModelFamily): ConfigFieldDescription | null {
  const fields = resolvePath(path, family)
    .map((node) => describeLeaf(node.schema))
    .filter((f): f is ConfigFieldDescription => f !== null && f !== GROUP);
  // The discriminator itself (`model.family`, `model.noise.kind`): every variant's tag is a choice.
  if (fields.length > 1 && fields.every((f) => f.kind === 'enum')) {
    return { kind: 'enum', options: [...new Set(fields.flatMap((f) => f.options ?? []))] };
  }
  return fields[0] ?? null;
}

/** Whether `path` names anything in the run config: a field, a group of fields or a list. */
export function isConfigPath(path: string, family?: ModelFamily): boolean {
  return resolvePath(path, family).some((node) => describeLeaf(node.schema) !== null);
}

/**
 * The value the schema fills in at `path` when a config leaves it out (e.g. `model.noise` of a DAE), or undefined.
 * A sweep that sets a field inside a left-out group starts from this default, as the run would have.
 */
export function configFieldDefault(path: string, family?: ModelFamily): unknown {
  // A family's own training defaults (the graph autoencoders' Kipf setup) are what its runs get, not the schema's.
  const own = family ? FAMILY_TRAINING_DEFAULTS[family] : undefined;
  if (own && path === 'training') return { ...(configFieldDefault(path) as object), ...own };
  if (own && path.startsWith('training.') && Object.hasOwn(own, path.slice('training.'.length))) return own[path.slice('training.'.length) as keyof typeof own];
  // Without a family, a field whose variants disagree (latentDim: required for most, 16 for the graph families) has no one default.
  const defaults = resolvePath(path, family).map((n) => n.defaultValue);
  if (defaults.length === 0 || defaults.some((d) => JSON.stringify(d) !== JSON.stringify(defaults[0]))) return undefined;
  return defaults[0] === undefined ? undefined : structuredClone(defaults[0]);
}

/** The model family a config as written names, or undefined when it names none the schema knows. */
export function modelFamilyOf(config: Record<string, unknown>): ModelFamily | undefined {
  const model = config.model;
  const family = isPlainObject(model) ? model.family : undefined;
  const families = describeConfigField('model.family')?.options ?? [];
  return typeof family === 'string' && families.includes(family) ? (family as ModelFamily) : undefined;
}

/**
 * Fields a family's training never reads (src-main/trainer/families, train-run.ts): sweeping them would train the
 * same run again. The objective is the VAE's KL term; PCA is solved in closed form, with no optimizer or epochs.
 */
const UNUSED_BY_FAMILY: Record<ModelFamily, string[]> = {
  vae: [],
  ae: ['objective.'],
  dae: ['objective.'],
  'linear-ae': ['objective.'],
  pca: ['objective.', 'training.epochs', 'training.batchSize', 'training.learningRate', 'training.optimizer', 'training.momentum', 'training.earlyStoppingPatience'],
  // Graph autoencoders train full batch and have no validation loss; GAE has no KL term, VGAE only its β.
  // A graph dataset takes no size or validation split (edges are held out by model.edgeSplit).
  gae: ['objective.', 'training.batchSize', 'training.earlyStoppingPatience', 'dataset.size', 'dataset.validationSplit'],
  'graph-vae': ['objective.', 'training.batchSize', 'training.earlyStoppingPatience', 'dataset.size', 'dataset.validationSplit'],
  vgae: ['objective.warmupSteps', 'objective.capacity', 'objective.freeBits', 'objective.iwaeSamples', 'training.batchSize', 'training.earlyStoppingPatience', 'dataset.size', 'dataset.validationSplit'],
};

/** Whether a family's training never reads a field (sweeping it would train the same run again). */
export function unusedByFamily(path: string, family: ModelFamily): boolean {
  return UNUSED_BY_FAMILY[family].some((prefix) => path === prefix || (prefix.endsWith('.') ? path.startsWith(prefix) : false));
}

function collect(schema: z.core.$ZodType, prefix: string, family: ModelFamily, written: unknown, out: SweepableField[]): void {
  const { schema: s, defaultValue } = unwrap(schema);
  const def = s._zod.def;
  const join = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape)) {
      collect(child, join(key), family, isPlainObject(written) ? written[key] : undefined, out);
    }
    return;
  }
  if (def.type === 'union') {
    const discriminator = discriminatorOf(def);
    if (!discriminator) return;
    // A variant is chosen by the config (the base's value, else the schema's default); switching it is not a
    // one-field change (each variant needs its own fields), so the discriminator itself is not offered.
    const chosen = discriminator === 'family' ? family : [written, defaultValue].map((v) => (isPlainObject(v) ? v[discriminator] : undefined)).find((v) => v !== undefined);
    const variants = unionVariants(def).filter((v) => chosen === undefined || v.tag === chosen);
    for (const variant of variants) {
      for (const [key, child] of Object.entries(variant.shape)) {
        if (key === discriminator || out.some((f) => f.path === join(key))) continue;
        collect(child, join(key), family, isPlainObject(written) ? written[key] : undefined, out);
      }
    }
    return;
  }
  const leaf = describeLeaf(s);
  if (leaf === null || leaf === GROUP || leaf.kind === 'string') return;
  if (leaf.kind === 'enum' && (leaf.options?.length ?? 0) < 2) return;
  out.push({ path: prefix, ...leaf });
}

/**
 * Every field a sweep can vary for a model family (numbers, enums, true/false), in the schema's order, for a
 * picker. `base`, the sweep's base config, picks nested variants such as the DAE's noise kind (otherwise the
 * schema's default variant, or every variant when there is none).
 */
export function sweepableFields(family: ModelFamily, base?: Record<string, unknown>): SweepableField[] {
  const out: SweepableField[] = [];
  collect(runConfigSchema, '', family, base, out);
  const unused = UNUSED_BY_FAMILY[family];
  return out.filter((f) => !unused.some((u) => (u.endsWith('.') ? f.path.startsWith(u) : f.path === u)));
}
