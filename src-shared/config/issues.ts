import type { z } from 'zod';
import { MAX_ECHOED_CHARS, quoteInput } from '../contract/quote-input';

/** One problem with user input, located by a dotted path such as `model.latentDim`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A path segment as written into an error: a hostile client's megabyte-long key is cut short. */
const segment = (key: PropertyKey): string => {
  const text = String(key);
  return text.length > MAX_ECHOED_CHARS ? quoteInput(text) : text;
};

/** Turns zod issues into field-named messages; an unknown key becomes its own issue at its own path. */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(segment)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: base ? `${base}.${segment(key)}` : segment(key), message: 'unknown field' });
      }
    } else {
      out.push({ path: base || '(root)', message: issue.message });
    }
  }
  return out;
}

export function formatFieldIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
