/**
 * Run configs side by side: each config flattened to dotted leaf paths, then one row per path with every run's
 * value, so a compare view or `runs compare` shows what differs between runs in a few lines.
 */

export interface ConfigDiffRow {
  /** Dotted path, e.g. `objective.beta`, `model.hidden`, `model.encoder[0]`. */
  key: string;
  /** The value in each config, in the order given; undefined where a config lacks the field. */
  values: unknown[];
  differs: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const inline = (value: unknown): string => (Array.isArray(value) || isPlainObject(value) ? JSON.stringify(value) : String(value));

/** A layer spec in one readable line, its type first: `conv2d filters=32 kernelSize=3 strides=2`. */
function describeItem(item: Record<string, unknown>): string {
  const { type, ...rest } = item;
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${inline(v)}`);
  return [typeof type === 'string' ? type : undefined, ...fields].filter(Boolean).join(' ');
}

/**
 * A config as dotted leaf paths. Lists of numbers or text (`model.hidden`) are one leaf holding the list; lists of
 * objects (encoder and decoder layers) give one leaf per item, `model.encoder[0]`, holding a one-line description,
 * so two encoders differing in one layer differ in one row.
 */
export function flattenConfig(config: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (value: unknown, key: string) => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) visit(v, key ? `${key}.${k}` : k);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
      value.forEach((item, i) => (out[`${key}[${i}]`] = describeItem(item)));
    } else {
      out[key] = value;
    }
  };
  for (const [k, v] of Object.entries(config)) visit(v, k);
  return out;
}

/** Equality of leaf values: structural for lists (e.g. hidden widths), NaN equal to NaN. */
const sameValue = (a: unknown, b: unknown): boolean =>
  a === b ||
  (Number.isNaN(a) && Number.isNaN(b)) ||
  (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** Paths in natural order, so `model.encoder[10]` comes after `model.encoder[9]`. */
const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** One row per leaf path of any of the flattened configs, sorted by path; `differs` when any two values are unequal. */
export function configDiff(configs: Record<string, unknown>[]): ConfigDiffRow[] {
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))].sort(naturalOrder);
  return keys.map((key) => {
    const values = configs.map((c) => (Object.hasOwn(c, key) ? c[key] : undefined));
    const differs = values.some((v) => !sameValue(v, values[0]));
    return { key, values, differs };
  });
}
