import type { z } from 'zod';

const quoted = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : String(value));

/** "1" or "1 item"/"3 items" for a length bound, in the words of what is being counted. */
const count = (n: number | bigint, unit: string): string => `${n} ${unit}${Number(n) === 1 ? '' : 's'}`;

/**
 * One message per kind of field problem, the same wherever a config is checked: the form (where an empty or
 * half-typed number is NaN) and the host (where NaN arrived through JSON as null) say the same thing, and say it in
 * words ("must be at least 1") rather than zod's notation (">=1"). Issues a schema words itself (custom checks)
 * keep their own message.
 */
export const fieldMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected !== 'number' && issue.expected !== 'int') {
        const what = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object (a group of fields)' : `a ${issue.expected}`;
        return issue.input === undefined ? 'required' : `must be ${what}`;
      }
      if (issue.input === undefined) return 'required: enter a number';
      const finite = typeof issue.input === 'number' && Number.isFinite(issue.input);
      if (issue.expected === 'int' && finite) return `must be a whole number (not ${String(issue.input)})`;
      return 'must be a number';
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
      if (issue.origin === 'string') return Number(min) <= 1 ? 'must not be empty' : `must have at least ${count(min, 'character')}`;
      if (issue.origin === 'array') return `must have at least ${count(min, 'item')}`;
      return undefined;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
      if (issue.origin === 'string') return `must have at most ${count(max, 'character')}`;
      if (issue.origin === 'array') return `must have at most ${count(max, 'item')}`;
      return undefined;
    }
    case 'invalid_union': {
      // A discriminated union (a layer's `type`, a model's `family`, a noise's `kind`) given an unknown tag.
      const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
      if (!discriminator || !options) return undefined;
      const given = issue.input !== null && typeof issue.input === 'object' ? (issue.input as Record<string, unknown>)[discriminator] : undefined;
      return given === undefined ? `required: one of ${options.map(quoted).join(', ')}` : `must be one of ${options.map(quoted).join(', ')} (not ${quoted(given)})`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map(quoted).join(', ')}${issue.input === undefined ? '' : ` (not ${quoted(issue.input)})`}`;
    default:
      return undefined;
  }
};
