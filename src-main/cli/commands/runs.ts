import type { RunDetail, RunSummary } from '../../../src-shared/contract/types';
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
