import type { FieldIssue } from '../../../src-shared/config/issues';
import { toFieldIssues } from '../../../src-shared/config/issues';
import { getConfigValue } from '../../../src-shared/sweeps/config-path';
import { SweepError, expandSweep, sweepSize } from '../../../src-shared/sweeps/expand-sweep';
import type { SweepableField } from '../../../src-shared/sweeps/sweep-fields';
import { sweepSpecSchema, type SweepSpec, type SweepSpecInput, type SweepValue } from '../../../src-shared/sweeps/sweep-spec';
import { validateSweep } from '../../../src-shared/sweeps/validate-sweep';

/**
 * The Sweep dialog's state as the user types it, and how it becomes a sweep spec. Text stays text until the
 * spec is built, so a half-typed number is shown as typed and the issue names the field.
 */
export interface SweepFieldDraft {
  path: string;
  kind: SweepableField['kind'];
  /** Numbers: a typed list or a range. Enums and booleans are always a list of ticked choices. */
  mode: 'list' | 'range';
  valuesText: string;
  /** Ticked choices of an enum or boolean field. */
  chosen: string[];
  /** All choices of an enum or boolean field. */
  options: string[];
  min: string;
  max: string;
  steps: string;
  scale: 'linear' | 'log';
}

export interface SweepDraft {
  name: string;
  method: 'grid' | 'random';
  samples: string;
  seed: string;
  fields: SweepFieldDraft[];
}

const isNumeric = (kind: SweepableField['kind']) => kind === 'number' || kind === 'int';

/** A new row for a field, starting from the base config's value (and every choice ticked for an enum). */
export function newFieldDraft(field: SweepableField, base: Record<string, unknown>): SweepFieldDraft {
  const current = getConfigValue(base, field.path);
  const options = field.kind === 'boolean' ? ['true', 'false'] : (field.options ?? []);
  return {
    path: field.path,
    kind: field.kind,
    mode: 'list',
    valuesText: isNumeric(field.kind) && typeof current === 'number' ? String(current) : '',
    chosen: [...options],
    options,
    min: field.min !== undefined && !field.minExclusive ? String(field.min) : '',
    max: '',
    steps: '4',
    scale: 'linear',
  };
}

/** A number typed in a box: an empty box is NaN (refused, naming the field), not 0. */
const typedNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** "0.5, 1 2,4" → [0.5, 1, 2, 4]; a token that is not a number stays text, so validation can name it. */
export function parseListValues(text: string): SweepValue[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((token) => {
      const n = Number(token);
      return Number.isFinite(n) ? n : token;
    });
}

function parameterOf(field: SweepFieldDraft): SweepSpecInput['parameters'][string] {
  if (!isNumeric(field.kind)) {
    return { values: field.chosen.map((c) => (field.kind === 'boolean' ? c === 'true' : c)) };
  }
  if (field.mode === 'list') return { values: parseListValues(field.valuesText) };
  const steps = field.steps.trim() === '' ? undefined : typedNumber(field.steps);
  return { min: typedNumber(field.min), max: typedNumber(field.max), scale: field.scale, ...(steps === undefined ? {} : { steps }) };
}

/** The spec the host receives: the base config, the method, and each field's values. */
export function buildSweepSpec(base: Record<string, unknown>, draft: SweepDraft): SweepSpecInput {
  return {
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    base,
    method: draft.method,
    ...(draft.method === 'random' ? { samples: typedNumber(draft.samples), seed: typedNumber(draft.seed) } : {}),
    parameters: Object.fromEntries(draft.fields.map((f) => [f.path, parameterOf(f)])),
  };
}

/**
 * Problems in what was typed, said in the dialog's own words before the schema sees them (a union's "Invalid
 * input" would not say which box is wrong).
 */
export function draftIssues(draft: SweepDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const notNumber = (text: string) => !Number.isFinite(typedNumber(text));
  for (const f of draft.fields) {
    const at = `parameters.${f.path}`;
    if (!isNumeric(f.kind)) {
      if (f.chosen.length === 0) issues.push({ path: at, message: 'tick at least one value' });
    } else if (f.mode === 'list') {
      if (parseListValues(f.valuesText).length === 0) issues.push({ path: at, message: 'type one or more values, separated by commas' });
    } else {
      if (notNumber(f.min)) issues.push({ path: `${at}.min`, message: `min: '${f.min}' is not a number` });
      if (notNumber(f.max)) issues.push({ path: `${at}.max`, message: `max: '${f.max}' is not a number` });
      if (f.steps.trim() !== '' && !Number.isInteger(typedNumber(f.steps))) issues.push({ path: `${at}.steps`, message: `steps: '${f.steps}' is not a whole number` });
    }
  }
  if (draft.method === 'random') {
    if (!Number.isInteger(typedNumber(draft.samples))) issues.push({ path: 'samples', message: `samples: '${draft.samples}' is not a whole number` });
    if (!Number.isInteger(typedNumber(draft.seed))) issues.push({ path: 'seed', message: `seed: '${draft.seed}' is not a whole number` });
  }
  return issues;
}

export interface SweepCheck {
  spec: SweepSpec | null;
  /** How many runs the sweep makes, once its shape is valid. */
  size: number | null;
  issues: FieldIssue[];
  /** True when the sweep was too big to validate every run here; the host still does before queueing. */
  validatedByHostOnly: boolean;
}

/** Expanding and validating every run config takes ~0.1 ms a run: beyond this, leave it to the host. */
const VALIDATE_HERE_MAX = 5000;

/** What the dialog shows before submitting: the run count and every issue, each at `parameters.<field>` when it can be. */
export function checkSweep(input: SweepSpecInput): SweepCheck {
  const parsed = sweepSpecSchema.safeParse(input);
  if (!parsed.success) return { spec: null, size: null, issues: toFieldIssues(parsed.error), validatedByHostOnly: false };
  const spec = parsed.data;
  if (Object.keys(spec.parameters).length === 0) {
    return { spec, size: null, issues: [{ path: 'parameters', message: 'add a field to sweep' }], validatedByHostOnly: false };
  }
  let size: number;
  try {
    size = sweepSize(spec);
  } catch (error) {
    if (error instanceof SweepError) return { spec, size: null, issues: [{ path: error.path, message: error.message }], validatedByHostOnly: false };
    throw error;
  }
  if (size > VALIDATE_HERE_MAX) return { spec, size, issues: [], validatedByHostOnly: true };
  const validation = validateSweep(spec);
  return { spec, size, issues: validation.ok ? [] : validation.issues, validatedByHostOnly: false };
}

/** The grid values a range gives (what the user will get), or null when the range is not valid yet. */
export function rangePreview(base: Record<string, unknown>, field: SweepFieldDraft): SweepValue[] | null {
  const parsed = sweepSpecSchema.safeParse({ base, parameters: { [field.path]: parameterOf(field) } });
  if (!parsed.success) return null;
  try {
    return expandSweep(parsed.data).assignments.map((a) => a[field.path]);
  } catch {
    return null;
  }
}

/** How many values a field's row gives a grid (null while it is not valid). */
export function gridValueCount(base: Record<string, unknown>, field: SweepFieldDraft): number | null {
  if (!isNumeric(field.kind)) return field.chosen.length;
  if (field.mode === 'list') return parseListValues(field.valuesText).length;
  return rangePreview(base, field)?.length ?? null;
}

/** The issues that belong to one field's row, and those that belong to the sweep as a whole. */
export function issuesFor(issues: FieldIssue[], path: string): FieldIssue[] {
  const at = `parameters.${path}`;
  return issues.filter((i) => i.path === at || i.path.startsWith(`${at}.`));
}
export function generalIssues(issues: FieldIssue[], paths: string[]): FieldIssue[] {
  return issues.filter((i) => !paths.some((p) => i.path === `parameters.${p}` || i.path.startsWith(`parameters.${p}.`)));
}
