import { SingleBar } from 'cli-progress';
import type { RunDetail } from '../../../src-shared/contract/types';
import type { Host } from '../../host/host';
import { createCliHost } from '../cli-host';
import { printError } from '../print-error';
import { readJsonFile } from '../read-json-file';


const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2));

export async function trainCommand(options: { config: string; dataDir?: string; json?: boolean }): Promise<void> {
  let config: unknown;
  try {
    config = readJsonFile(options.config, 'config file');
  } catch (error) {
    printError(error);
    return;
  }
  const host = createCliHost(options.dataDir, 'cli');
  try {
    let runId: number;
    try {
      ({ runId } = (await host.call('runs.start', { config })) as { runId: number });
    } catch (error) {
      printError(error, options.config);
      return;
    }
    await followRun(host, runId, Boolean(options.json));
  } finally {
    await host.close();
  }
}

/**
 * Shows a run until it ends: a progress bar on a terminal (epoch lines otherwise), Ctrl-C stops it cleanly,
 * then the result as text or one JSON object. Exit code 1 unless it completed.
 */
export async function followRun(host: Host, runId: number, json: boolean): Promise<void> {
  const showBar = !json && process.stderr.isTTY;
  const bar = showBar
    ? new SingleBar({
        format: 'epoch {epoch}/{epochs} |{bar}| {percentage}% | {value}/{total} steps | {rate} samples/s | ETA {etaText} | loss {loss}',
        hideCursor: true,
      })
    : null;
  let lastLoss: number | undefined;
  let barStarted = false;
  host.events.on('run.metrics', ({ points }) => {
    const step = points.filter((p) => p.scope === 'step').pop();
    if (step) lastLoss = step.values.loss;
    for (const p of points.filter((q) => q.scope === 'epoch')) {
      if (!json && !showBar) {
        process.stderr.write(`epoch ${p.epoch}: val_loss ${fmt(p.values.val_loss)} val_recon ${fmt(p.values.val_recon)} val_kl ${fmt(p.values.val_kl)}\n`);
      }
    }
  });
  host.events.on('run.progress', (p) => {
    if (!bar) return;
    const payload = { epoch: p.epoch, epochs: p.epochs, rate: Math.round(p.samplesPerSec), loss: fmt(lastLoss), etaText: `${Math.round(p.etaSec)}s` };
    if (!barStarted) {
      bar.start(p.totalSteps, p.step, payload);
      barStarted = true;
    } else bar.update(p.step, payload);
  });
  const stop = () => void host.call('runs.stop', { runId }).catch(() => undefined);
  process.once('SIGINT', stop);
  await host.runs.waitForFinish(runId);
  process.off('SIGINT', stop);
  bar?.stop();
  const run = (await host.call('runs.get', { runId })) as RunDetail;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ runId, status: run.status, backend: run.backend, error: run.error, final: run.final, params: run.params })}\n`,
    );
  } else {
    process.stdout.write(`run ${runId} ${run.status} on ${run.backend ?? 'no backend'}${run.error ? `: ${run.error}` : ''}\n`);
    for (const [name, value] of Object.entries(run.final)) process.stdout.write(`  ${name.padEnd(12)} ${fmt(value)}\n`);
  }
  if (run.status !== 'completed') process.exitCode = 1;
}
