/**
 * Values at dotted paths (`objective.beta`, `model.noise.sigma`) in a plain-object config: how a sweep reads and
 * sets the fields it varies.
 */

/** Keys that would reach an object's prototype instead of a field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Splits a dotted path into keys; throws, naming the path, when a key is empty or reaches a prototype. */
export function configPathKeys(path: string): string[] {
  const keys = path.split('.');
  for (const key of keys) {
    if (key === '') throw new Error(`'${path}' is not a field path: write field names joined by dots, e.g. objective.beta`);
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`'${path}' is not a field path: '${key}' cannot be a field name`);
  }
  return keys;
}

/** The value at `path`, or undefined when some part of the path is missing or not an object. */
export function getConfigValue(config: Record<string, unknown>, path: string): unknown {
  let node: unknown = config;
  for (const key of configPathKeys(path)) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * A copy of `config` with `value` at `path`; the input is left untouched and only the objects along the path are
 * copied. Missing objects along the way are created. Throws, naming both paths, when something other than an object
 * is in the way: replacing it would silently drop what the user wrote there.
 */
export function setConfigValue(config: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = configPathKeys(path);
  const setIn = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const key = keys[depth];
    if (depth === keys.length - 1) return { ...node, [key]: value };
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    if (child !== undefined && child !== null && !isPlainObject(child)) {
      const at = keys.slice(0, depth + 1).join('.');
      throw new Error(`cannot set ${path}: ${at} is ${Array.isArray(child) ? 'a list' : `a ${typeof child}`}, not a group of fields`);
    }
    return { ...node, [key]: setIn(isPlainObject(child) ? child : {}, depth + 1) };
  };
  return setIn(config, 0);
}
