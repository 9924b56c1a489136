import { resolve } from 'node:path';
import type { RunDetail, RunSummary } from '../../../src-shared/contract/types';
import type { RunBundleExport, RunBundleImport } from '../../../src-shared/runs/run-bundle';
import { configDiff, flattenConfig } from '../../../src-shared/config/config-diff';
import { metricDirection } from '../../../src-shared/metrics/metric-direction';
import { withHost } from '../with-host';
import { followRun } from './train';

export function runsListCommand(options: { dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const runs = (await host.call('runs.list', {})) as RunSummary[];
    if (options.json) {
      process.stdout.write(`${JSON.stringify(runs)}\n`);
      return;
    }
    if (runs.length === 0) process.stdout.write('no runs yet: train one with `latent-lab train --config FILE`\n');
    for (const r of runs) {
      const loss = r.final.val_loss;
      process.stdout.write(
        `${String(r.id).padStart(4)}  ${r.status.padEnd(11)} ${r.name.padEnd(28)} ${r.datasetId.padEnd(18)} val_loss ${loss === undefined ? '–' : loss.toFixed(2)}\n`,
      );
    }
  });
}

export function runsShowCommand(id: string, options: { dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const run = (await host.call('runs.get', { runId: Number(id) })) as RunDetail;
    if (options.json) {
      process.stdout.write(`${JSON.stringify(run)}\n`);
      return;
    }
    process.stdout.write(`run ${run.id}: ${run.name}\n  status   ${run.status}${run.error ? ` (${run.error})` : ''}\n  backend  ${run.backend ?? '–'}\n  dataset  ${run.datasetId}\n  params   ${run.params}\n`);
    for (const [name, value] of Object.entries(run.final)) process.stdout.write(`  ${name.padEnd(10)} ${value.toFixed(3)}\n`);
  });
}

export function runsResumeCommand(id: string, options: { dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const runId = Number(id);
    await host.call('runs.continue', { runId });
    await followRun(host, runId, Boolean(options.json));
  });
}

/** `runs compare 3 5 7`: the config fields that differ between the runs, and their final and best metrics. */
export function runsCompareCommand(ids: string[], options: { dataDir?: string; json?: boolean; all?: boolean }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const runs = (await Promise.all(ids.map((id) => host.call('runs.get', { runId: Number(id), maxPoints: 10 })))) as RunDetail[];
    const rows = configDiff(runs.map((r) => flattenConfig(r.config)));
    const diff = rows.filter((row) => row.differs);
    const metricNames = [...new Set(runs.flatMap((r) => Object.keys(r.final)))].sort();
    const metrics = Object.fromEntries(
      metricNames.map((name) => [
        name,
        {
          direction: metricDirection(name),
          final: runs.map((r) => r.final[name] ?? null),
          best: runs.map((r) => r.best[name] ?? null),
        },
      ]),
    );
    if (options.json) {
      const jsonable = (v: unknown) => (v === undefined ? null : typeof v === 'number' && !Number.isFinite(v) ? null : v);
      process.stdout.write(
        `${JSON.stringify({
          runs: runs.map((r) => ({ id: r.id, name: r.name, status: r.status, family: r.family, dataset: r.datasetName })),
          diff: Object.fromEntries(diff.map((row) => [row.key, row.values.map(jsonable)])),
          metrics: Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, { ...m, final: m.final.map(jsonable), best: m.best.map(jsonable) }])),
        })}\n`,
      );
      return;
    }
    const show = (v: unknown) => (v === undefined || v === null ? '–' : typeof v === 'number' ? (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '–') : typeof v === 'string' ? v : JSON.stringify(v));
    const table = (header: string[], body: string[][]) => {
      const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
      for (const row of [header, ...body]) process.stdout.write(`  ${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
    };
    const heads = runs.map((r) => `run ${r.id}`);
    process.stdout.write(`config (${options.all ? 'all fields' : 'fields that differ'}):\n`);
    const shown = options.all ? rows : diff;
    if (shown.length === 0) process.stdout.write('  (the configs are identical)\n');
    else table(['field', ...heads], shown.map((row) => [row.key, ...row.values.map(show)]));
    process.stdout.write('final metrics (best over epochs in brackets; * marks the best run):\n');
    table(
      ['metric', ...heads],
      metricNames.map((name) => {
        const m = metrics[name];
        const finite = m.final.map((v) => (v !== null && Number.isFinite(v) ? v : null));
        const candidates = finite.filter((v): v is number => v !== null);
        const winner = m.direction && candidates.length > 1 ? (m.direction === 'lower' ? Math.min(...candidates) : Math.max(...candidates)) : null;
        return [name, ...m.final.map((v, i) => `${show(v)}${v !== null && v === winner ? '*' : ''} (${show(m.best[i])})`)];
      }),
    );
  });
}

export function runsDeleteCommand(ids: string[], options: { dataDir?: string }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const { deleted } = (await host.call('runs.delete', { runIds: ids.map(Number) })) as { deleted: number[] };
    process.stdout.write(`deleted ${deleted.length === 1 ? 'run' : 'runs'} ${deleted.join(', ')} and their checkpoints\n`);
  });
}

const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** `runs export 3 --out run.llrun`: one run (metrics, checkpoint, and with --with-dataset its imported dataset) in one file. */
export function runsExportCommand(id: string, options: { out: string; withDataset?: boolean; force?: boolean; dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const result = (await host.call('runs.exportBundle', {
      runId: Number(id),
      path: resolve(options.out),
      withDataset: Boolean(options.withDataset),
      force: Boolean(options.force),
    })) as RunBundleExport;
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const checkpoint = result.checkpoint ? `the checkpoint of epoch ${result.checkpoint.epoch} (step ${result.checkpoint.step})` : 'no checkpoint';
    const dataset = result.dataset.bundled ? `, dataset ${result.dataset.id}` : '';
    process.stdout.write(`exported run ${id} to ${result.path} (${megabytes(result.bytes)}): metrics, ${checkpoint}${dataset}\n`);
    for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
  });
}

/** `runs import run.llrun`: adds the bundle's run to this history under a new id. */
export function runsImportCommand(path: string, options: { dataDir?: string; json?: boolean }): Promise<void> {
  return withHost(options.dataDir, async (host) => {
    const result = (await host.call('runs.importBundle', { path: resolve(path) })) as RunBundleImport;
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    process.stdout.write(`imported as run #${result.runId} (was #${result.sourceRunId} on the source): ${result.status}\n  dataset: ${result.dataset.message}\n`);
    for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
  });
}
