import { readFile, stat } from 'node:fs/promises';
import { ApiError } from '../../../src-shared/contract/api-error';
import type { SkippedFile } from '../../../src-shared/datasets/types';
import type { SkippedRow } from '../../../src-shared/graphs/parse-edge-list';
import { throwIfCancelled } from './types';

/**
 * What the graph importers share: reading a source file as text within a size a JavaScript string can hold, turning
 * a parser's error into an input error that names the file, and the skip report's rows.
 */

/** V8 holds strings of up to 2^29 − 24 characters; past this many bytes a file may not fit in one. */
export const MAX_GRAPH_FILE_BYTES = 500_000_000;

/** Skipped rows listed one by one per file; past this, one entry counts the rest (a bad file can have millions). */
export const MAX_LISTED_ROWS = 200;

/** The text of one source file; `field` is the import option that named it (for the error's field), if any. */
export async function readGraphText(file: string, label: string, signal: AbortSignal, field?: string): Promise<string> {
  function refuse(message: string): never {
    throw new ApiError('invalid_input', message, field ? [{ path: field, message }] : undefined);
  }
  const info = await stat(file).catch(() => null);
  if (!info) refuse(`no such file: ${file}`);
  if (!info.isFile()) refuse(`${file} is not a file`);
  if (info.size > MAX_GRAPH_FILE_BYTES) {
    refuse(`${label}: ${(info.size / 1e6).toFixed(0)} MB, over the ${MAX_GRAPH_FILE_BYTES / 1e6} MB a graph source file may be: import a subgraph`);
  }
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => refuse(`cannot read ${file}: ${error.code ?? error.message}`));
  throwIfCancelled(signal);
  return text;
}

/** Runs a parser; its error (a bad row, an empty file, a graph over the size limits) becomes one naming the file. */
export function parseOrRefuse<T>(label: string, parse: () => T, field?: string): T {
  try {
    return parse();
  } catch (error) {
    const message = `${label}: ${(error as Error).message}`;
    throw new ApiError('invalid_input', message, field ? [{ path: field, message }] : undefined);
  }
}

/** A parser's skipped rows as report entries of `file`, the first MAX_LISTED_ROWS one by one and the rest counted. */
export function skippedRows(file: string, rows: SkippedRow[]): SkippedFile[] {
  const listed = rows.slice(0, MAX_LISTED_ROWS).map((row) => ({ file, reason: `line ${row.line}: ${row.reason}` }));
  if (rows.length > MAX_LISTED_ROWS) {
    listed.push({ file, reason: `${rows.length - MAX_LISTED_ROWS} more skipped row(s), not listed (after line ${rows[MAX_LISTED_ROWS - 1].line})` });
  }
  return listed;
}

/** A counted drop (self-loops, duplicate edges) as one report entry, or none when nothing was dropped. */
export const dropped = (file: string, count: number, what: string): SkippedFile[] => (count > 0 ? [{ file, reason: `${count} ${what}` }] : []);

/** How many of `values` fall in each of `classes` classes (−1: none, not counted). */
export function classCounts(classes: number, values: Int32Array | null): number[] {
  const counts = new Array<number>(classes).fill(0);
  if (values) for (const c of values) if (c >= 0) counts[c]++;
  return counts;
}

/** Lets a pending cancel land between synchronous parses. */
export async function yieldToCancel(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}
