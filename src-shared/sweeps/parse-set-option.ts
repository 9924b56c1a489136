import type { SweepParameter, SweepValue } from './sweep-spec';

/** Plain decimal numbers only: `0x10`, `Infinity` or `1_000` stay text, and the run config then names the field. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const FIELD_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

const EXAMPLES = 'e.g. objective.beta=0.5,1,2,4, objective.beta=lin:0:4:5 or training.learningRate=log:1e-4:1e-2:5';

function listValue(token: string): SweepValue {
  if (DECIMAL.test(token)) return Number(token);
  if (token === 'true' || token === 'false') return token === 'true';
  return token;
}

/**
 * The CLI's `--set FIELD=VALUES` as a swept field and its values:
 * - `objective.beta=0.5,1,2,4`: a list (numbers as numbers, true/false as booleans, anything else as text);
 * - `objective.beta=lin:0:4:5`, `training.learningRate=log:1e-4:1e-2:5`: a linear or log range with 5 grid steps;
 * - `training.learningRate=log:1e-4:1e-2`: a range without steps, for random search.
 * Throws an Error quoting the option and saying what was expected.
 */
export function parseSetOption(text: string): [string, SweepParameter] {
  const fail = (why: string): never => {
    throw new Error(`--set ${text}: ${why}`);
  };
  const eq = text.indexOf('=');
  if (eq < 0) fail(`expected FIELD=VALUES, ${EXAMPLES}`);
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  if (!FIELD_PATH.test(path)) fail(`'${path}' is not a field path: field names joined by dots, ${EXAMPLES}`);
  if (spec === '') fail(`no values after '=', ${EXAMPLES}`);

  const range = /^(lin|log):(.*)$/i.exec(spec);
  if (range) {
    const scale = range[1].toLowerCase() === 'log' ? 'log' : 'linear';
    const parts = range[2].split(':').map((p) => p.trim());
    const form = `${range[1]}:MIN:MAX or ${range[1]}:MIN:MAX:STEPS`;
    if (parts.length < 2 || parts.length > 3) fail(`expected ${form}`);
    const [min, max] = parts.slice(0, 2).map((p, i) => {
      if (!DECIMAL.test(p)) fail(`${i === 0 ? 'MIN' : 'MAX'} '${p}' is not a number (expected ${form})`);
      return Number(p);
    });
    if (scale === 'log' && !(min > 0 && max > 0)) fail('a log range needs MIN and MAX above 0; use lin: to include 0 or negative values');
    if (parts.length === 2) return [path, { min, max, scale }];
    const steps = parts[2];
    if (!/^\d+$/.test(steps) || Number(steps) < 1) fail(`STEPS '${steps}' is not a whole number ≥ 1 (expected ${form})`);
    return [path, { min, max, steps: Number(steps), scale }];
  }

  const tokens = spec.split(',').map((t) => t.trim());
  if (tokens.some((t) => t === '')) fail('an empty value in the list: separate values by single commas, e.g. 0.5,1,2');
  return [path, { values: tokens.map(listValue) }];
}
