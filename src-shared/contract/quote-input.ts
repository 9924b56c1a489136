/** Longest piece of client input an error message repeats back, in characters. */
export const MAX_ECHOED_CHARS = 80;

/**
 * Quotes a string the client sent (an id, a method name, a field name) for an error message. A hostile client
 * may send megabytes; the error repeats only the start and says how long the rest was.
 */
export function quoteInput(value: string, maxChars = MAX_ECHOED_CHARS): string {
  if (value.length <= maxChars) return `'${value}'`;
  return `'${value.slice(0, maxChars)}…' (${value.length.toLocaleString('en-US')} characters)`;
}
