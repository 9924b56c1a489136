import { mulberry32 } from '../datasets/rng';
import { getConfigValue, setConfigValue } from './config-path';
import { configFieldDefault, describeConfigField, modelFamilyOf, type ConfigFieldDescription, type ModelFamily } from './sweep-fields';
import type { SweepParameter, SweepSpec, SweepValue } from './sweep-spec';

/** The most runs one sweep may expand to (the same cap as a random search's `samples`). */
export const SWEEP_MAX_RUNS = 100_000;

/** A sweep that cannot be expanded; `path` locates the cause in the sweep spec, e.g. `parameters.objective.beta`. */
export class SweepError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SweepError';
  }
}

export interface ExpandedSweep {
  /** The swept fields' values of each run, keyed by path in parameter order. */
  assignments: Record<string, SweepValue>[];
  /** Each run's config: the base with its assignment set and a readable name; not validated here. */
  configs: Record<string, unknown>[];
}

const RUN_NAME_MAX = 120;

/** Strips float noise such as 0.30000000000000004 from computed grid points (12 significant digits). */
const tidyFloat = (x: number): number => Number(x.toPrecision(12));

type Range = Extract<SweepParameter, { min: number }>;
const isRange = (parameter: SweepParameter): parameter is Range => !('values' in parameter);

/** Refuses a range where it cannot mean anything: on a field that is not a number, or a log scale through zero. */
function checkRange(path: string, range: Range, field: ConfigFieldDescription | null): void {
  if (field && field.kind !== 'number' && field.kind !== 'int') {
    const choices = field.kind === 'enum' ? `one of ${field.options?.join(', ')}` : field.kind === 'boolean' ? 'true or false' : 'text';
    throw new SweepError(`parameters.${path}`, `${path} takes ${choices}: list its values instead of giving a range`);
  }
  if (range.scale === 'log' && !(range.min > 0 && range.max > 0)) {
    throw new SweepError(`parameters.${path}`, `${path}: a log range needs min and max above 0 (got min ${range.min}, max ${range.max}); use a linear range to include 0 or negative values`);
  }
}

/**
 * A range's grid points: `steps` values evenly spaced in the value (linear) or its logarithm (log), both ends
 * included, one step giving `min` (as numpy's linspace and geomspace do). Integer fields are rounded and
 * repeated values dropped.
 */
function rangeGrid(path: string, range: Range, field: ConfigFieldDescription | null): number[] {
  checkRange(path, range, field);
  const { min, max, steps } = range;
  if (steps === undefined) {
    throw new SweepError(`parameters.${path}`, `${path}: a grid needs the number of steps of its range (steps), or a list of values`);
  }
  const at = (t: number) => (range.scale === 'log' ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min));
  const points = Array.from({ length: steps }, (_, i) => (i === 0 ? min : i === steps - 1 ? max : tidyFloat(at(i / (steps - 1)))));
  return field?.kind === 'int' ? [...new Set(points.map(Math.round))] : points;
}

/**
 * How a random search draws one parameter: uniformly from a list or from a range's grid points (when it has
 * `steps`), uniformly or log-uniformly over a range.
 */
function sampler(path: string, parameter: SweepParameter, field: ConfigFieldDescription | null): (random: () => number) => SweepValue {
  const pick = <T>(values: T[]) => (random: () => number): T => values[Math.min(values.length - 1, Math.floor(random() * values.length))];
  if (!isRange(parameter)) return pick(parameter.values);
  if (parameter.steps !== undefined) return pick(rangeGrid(path, parameter, field));
  checkRange(path, parameter, field);
  const lo = Math.min(parameter.min, parameter.max);
  const hi = Math.max(parameter.min, parameter.max);
  const log = parameter.scale === 'log';
  const draw = (u: number) => (log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo));
  if (field?.kind !== 'int') return (random) => draw(random());
  const first = Math.ceil(lo);
  const last = Math.floor(hi);
  if (first > last) throw new SweepError(`parameters.${path}`, `${path} is a whole number, and there is none between ${lo} and ${hi}`);
  // Linear: each integer equally likely (rounding a uniform draw would give the two ends half a chance each).
  if (!log) return (random) => first + Math.min(last - first, Math.floor(random() * (last - first + 1)));
  return (random) => Math.min(last, Math.max(first, Math.round(draw(random()))));
}

function describeAll(spec: SweepSpec): [string, SweepParameter, ConfigFieldDescription | null][] {
  const family = modelFamilyOf(spec.base);
  return Object.entries(spec.parameters).map(([path, parameter]) => [path, parameter, describeConfigField(path, family)]);
}

/** How many runs a sweep makes, without building them: the product of each field's value count, or `samples`. */
export function sweepSize(spec: SweepSpec): number {
  const fields = describeAll(spec);
  if (spec.method === 'grid') {
    // A grid makes every combination: a count or a seed would change nothing, so they are refused, not ignored.
    if (spec.samples !== undefined) throw new SweepError('samples', 'samples is for a random search (method "random"); a grid makes every combination');
    if (spec.seed !== undefined) throw new SweepError('seed', 'seed is for a random search (method "random"); a grid draws nothing');
  }
  if (spec.method === 'random') {
    if (spec.samples === undefined) throw new SweepError('samples', 'a random search needs samples: how many runs to draw');
    for (const [path, parameter, field] of fields) if (isRange(parameter)) checkRange(path, parameter, field);
    return spec.samples;
  }
  return fields.reduce((count, [path, parameter, field]) => count * (isRange(parameter) ? rangeGrid(path, parameter, field).length : parameter.values.length), 1);
}

const formatValue = (value: SweepValue): string =>
  typeof value === 'number' && !Number.isInteger(value) ? String(Number(value.toPrecision(4))) : String(value);

/** Each path's shortest dotted suffix that no other swept path shares: `beta`, but `noise.sigma` next to `sigma`. */
function shortLabels(paths: string[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const path of paths) {
    const keys = path.split('.');
    let n = 1;
    const suffix = (p: string, k: number) => p.split('.').slice(-k).join('.');
    while (n < keys.length && paths.some((other) => other !== path && suffix(other, n) === suffix(path, n))) n++;
    labels.set(path, suffix(path, n));
  }
  return labels;
}

function runName(prefix: string | undefined, assignment: Record<string, SweepValue>, labels: Map<string, string>): string | undefined {
  const values = Object.entries(assignment).map(([path, value]) => `${labels.get(path)}=${formatValue(value)}`).join(' ');
  const name = [prefix, values].filter(Boolean).join(' · ');
  if (!name) return undefined;
  return name.length > RUN_NAME_MAX ? `${name.slice(0, RUN_NAME_MAX - 1)}…` : name;
}

/**
 * The base with the groups it leaves out along a swept path filled in with the schema's defaults: sweeping
 * `model.noise.sigma` of a DAE whose base has no `noise` varies σ of the default Gaussian noise.
 */
function withGroupDefaults(base: Record<string, unknown>, path: string, family: ModelFamily | undefined): Record<string, unknown> {
  const keys = path.split('.');
  let out = base;
  for (let i = 1; i < keys.length; i++) {
    const group = keys.slice(0, i).join('.');
    const fallback = getConfigValue(out, group) === undefined ? configFieldDefault(group, family) : undefined;
    if (fallback !== undefined) out = setConfigValue(out, group, fallback);
  }
  return out;
}

function gridAssignments(fields: [string, SweepParameter, ConfigFieldDescription | null][]): Record<string, SweepValue>[] {
  const axes = fields.map(([path, parameter, field]) => [path, isRange(parameter) ? rangeGrid(path, parameter, field) : parameter.values] as const);
  let assignments: Record<string, SweepValue>[] = [{}];
  // Extending every partial assignment by the next axis keeps the first parameter varying slowest.
  for (const [path, values] of axes) {
    assignments = assignments.flatMap((partial) => values.map((value) => ({ ...partial, [path]: value })));
  }
  return assignments;
}

/**
 * Expands a sweep into run configs: a grid's cartesian product (first parameter slowest), or `samples` random draws
 * seeded by `spec.seed` (mulberry32, so the same spec gives the same runs). Throws a SweepError naming the field
 * when a parameter cannot be expanded.
 */
export function expandSweep(spec: SweepSpec): ExpandedSweep {
  const size = sweepSize(spec);
  if (size > SWEEP_MAX_RUNS) {
    throw new SweepError('parameters', `this sweep makes ${size} runs, more than the ${SWEEP_MAX_RUNS} one sweep may hold: use fewer values or random search`);
  }
  const fields = describeAll(spec);
  let assignments: Record<string, SweepValue>[];
  if (spec.method === 'random') {
    const random = mulberry32(spec.seed ?? 0);
    const draws = fields.map(([path, parameter, field]) => [path, sampler(path, parameter, field)] as const);
    assignments = Array.from({ length: size }, () => Object.fromEntries(draws.map(([path, draw]) => [path, draw(random)])));
  } else {
    assignments = gridAssignments(fields);
  }
  const family = modelFamilyOf(spec.base);
  const baseName = typeof spec.base.name === 'string' && spec.base.name.trim() ? spec.base.name.trim() : spec.name;
  const labels = shortLabels(Object.keys(spec.parameters));
  const withPath = <T>(path: string, set: () => T): T => {
    try {
      return set();
    } catch (error) {
      throw new SweepError(`parameters.${path}`, (error as Error).message);
    }
  };
  const start = Object.keys(spec.parameters).reduce((config, path) => withPath(path, () => withGroupDefaults(config, path, family)), spec.base);
  const configs = assignments.map((assignment) => {
    let config = start;
    for (const [path, value] of Object.entries(assignment)) config = withPath(path, () => setConfigValue(config, path, value));
    const name = 'name' in spec.parameters ? undefined : runName(baseName, assignment, labels);
    return name === undefined ? config : { ...config, name };
  });
  return { assignments, configs };
}
