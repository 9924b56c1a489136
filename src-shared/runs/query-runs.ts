import type { RunSummary, RunsQuery } from '../contract/types';

/** The value a sort key names: a summary field, `config.<dotted path>`, `final.<metric>` or `best.<metric>`. */
export function runSortValue(run: RunSummary, key: string): unknown {
  if (key.startsWith('final.')) return run.final[key.slice(6)];
  if (key.startsWith('best.')) return run.best[key.slice(5)];
  if (key.startsWith('config.')) {
    let value: unknown = run.config;
    for (const part of key.slice(7).split('.')) {
      value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, part) ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value;
  }
  return Object.prototype.hasOwnProperty.call(run, key) ? (run as unknown as Record<string, unknown>)[key] : undefined;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v));

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa.localeCompare(sb, undefined, { numeric: true });
}

/** The text a filter is matched against: name, tags, family, dataset, status, architecture and notes. */
function haystack(run: RunSummary): string {
  return [run.name, ...run.tags, run.family, run.datasetName, run.datasetId, run.status, run.architecture, run.notes, `#${run.id}`].join('\n').toLowerCase();
}

/**
 * Filters and sorts runs for the runs table. Every whitespace-separated word of the filter must match; missing
 * values (a metric a run does not have) sort last in either direction, never as zero.
 */
export function queryRuns(runs: RunSummary[], query: RunsQuery): RunSummary[] {
  const words = (query.filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const statuses = query.status ? new Set(query.status) : null;
  let out = runs.filter(
    (r) =>
      (query.sweepId === undefined || r.sweepId === query.sweepId) &&
      (!statuses || statuses.has(r.status)) &&
      (words.length === 0 || ((text) => words.every((w) => text.includes(w)))(haystack(r))),
  );
  const sort = query.sort;
  if (sort) {
    const sign = sort.direction === 'asc' ? 1 : -1;
    const keyed = out.map((run) => ({ run, value: runSortValue(run, sort.key) }));
    keyed.sort((x, y) => {
      const mx = isMissing(x.value);
      const my = isMissing(y.value);
      if (mx || my) return mx === my ? y.run.id - x.run.id : mx ? 1 : -1;
      return sign * compareValues(x.value, y.value) || y.run.id - x.run.id;
    });
    out = keyed.map((k) => k.run);
  }
  return out;
}
