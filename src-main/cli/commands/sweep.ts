import { ApiError } from '../../../src-shared/contract/api-error';
import type { RunSummary, SweepDetail } from '../../../src-shared/contract/types';
import { parseSetOption } from '../../../src-shared/sweeps/parse-set-option';
import type { SweepSpecInput } from '../../../src-shared/sweeps/sweep-spec';
import { withHost } from '../with-host';
import { readJsonFile } from '../read-json-file';

export interface SweepOptions {
  config?: string;
  file?: string;
  set?: string[];
  random?: string;
  seed?: string;
  name?: string;
  yes?: boolean;
  dataDir?: string;
  json?: boolean;
}

const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(5));

/** The sweep a command line describes: a sweep JSON file, or a base config with `--set` fields. */
export function sweepFromOptions(options: SweepOptions): SweepSpecInput {
  if (options.file) {
    if (options.config || options.set?.length) throw new Error('give either --file (a sweep JSON file) or --config with --set, not both');
    return readJsonFile(options.file, 'sweep file') as SweepSpecInput;
  }
  if (!options.config) throw new Error('give --config BASE.json with one or more --set FIELD=VALUES, or --file SWEEP.json');
  if (!options.set?.length) throw new Error('name the fields to sweep: --set objective.beta=0.5,1,2,4 (or lin:A:B:N, log:A:B:N)');
  const base = readJsonFile(options.config, 'config file') as Record<string, unknown>;
  const parameters = Object.fromEntries(options.set.map((text) => parseSetOption(text)));
  const random = options.random === undefined ? undefined : Number(options.random);
  if (random !== undefined && !(Number.isInteger(random) && random > 0)) throw new Error(`--random ${options.random}: give how many runs to draw, a whole number ≥ 1`);
  return {
    ...(options.name ? { name: options.name } : {}),
    base,
    parameters,
    method: random === undefined ? 'grid' : 'random',
    ...(random !== undefined ? { samples: random } : {}),
    ...(options.seed !== undefined ? { seed: Number(options.seed) } : {}),
  };
}

/**
 * `latent-lab sweep`: queues a sweep's runs and trains them one after another (or as many at once as the
 * concurrency setting allows), printing a line as each ends; Ctrl-C stops the running ones and cancels the rest.
 */
export function sweepCommand(options: SweepOptions): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const spec = sweepFromOptions(options);
    const { sweepId, runIds } = (await host.call('sweeps.create', { spec, confirm: Boolean(options.yes) }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'needs_confirmation') throw new ApiError('needs_confirmation', `${error.message}: pass --yes`);
      throw error;
    })) as { sweepId: number; runIds: number[] };
    if (!options.json) process.stderr.write(`sweep ${sweepId}: ${runIds.length} runs queued\n`);
    let done = 0;
    const pending = new Set(runIds);
    const off = host.events.on('run.status', ({ runId, status, error }) => {
      if (!pending.has(runId) || ['queued', 'running', 'paused'].includes(status)) return;
      pending.delete(runId);
      done++;
      if (!options.json) process.stderr.write(`[${done}/${runIds.length}] run ${runId} ${status}${error ? `: ${error}` : ''}\n`);
    });
    const stop = () => {
      for (const runId of pending) void host.call('runs.stop', { runId }).catch(() => undefined);
    };
    process.once('SIGINT', stop);
    await Promise.all(runIds.map((id) => host.runs.waitForFinish(id)));
    process.off('SIGINT', stop);
    off();
    const sweep = (await host.call('sweeps.get', { sweepId })) as SweepDetail;
    printSweep(sweep, Boolean(options.json));
    if (sweep.runs.some((r) => r.status !== 'completed')) process.exitCode = 1;
  });
}

function printSweep(sweep: SweepDetail, json: boolean): void {
  const assignment = (run: RunSummary) => Object.fromEntries(sweep.fields.map((f) => [f, f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], run.config)]));
  if (json) {
    const runs = sweep.runs.map((r) => ({ runId: r.id, status: r.status, error: r.error, values: assignment(r), final: r.final }));
    process.stdout.write(`${JSON.stringify({ sweepId: sweep.id, name: sweep.name, counts: sweep.counts, runs })}\n`);
    return;
  }
  process.stdout.write(`sweep ${sweep.id} (${sweep.name}): ${sweep.counts.completed} completed, ${sweep.counts.failed} failed, ${sweep.counts.stopped} stopped\n`);
  const header = ['run', ...sweep.fields, 'status', 'val_loss'];
  const rows = sweep.runs.map((r) => [String(r.id), ...sweep.fields.map((f) => String(assignment(r)[f])), r.status, fmt(r.final.val_loss)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [header, ...rows]) process.stdout.write(`  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
}
