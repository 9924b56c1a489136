import { randomBytes } from 'node:crypto';
import { SingleBar } from 'cli-progress';
import type { ExportResult } from '../../../src-shared/export/export-options';
import { createCliHost } from '../cli-host';
import { printError } from '../print-error';

export interface ExportFlags {
  format: string;
  out: string;
  force?: boolean;
  split?: string;
  figures?: string;
  scale?: string;
  count?: string;
  from?: string;
  to?: string;
  steps?: string;
  seed?: string;
  dataDir?: string;
  json?: boolean;
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} kB` : `${bytes} B`);

/** `latent-lab export RUN --format F --out PATH`: writes the folder PATH, with a progress bar; Ctrl-C cancels and leaves nothing. */
export async function exportCommand(run: string, flags: ExportFlags): Promise<void> {
  const host = createCliHost(flags.dataDir, 'cli');
  const exportId = `cli-${randomBytes(4).toString('hex')}`;
  const bar = !flags.json && process.stderr.isTTY ? new SingleBar({ format: '{phase} |{bar}| {value}/{total}', hideCursor: true }) : null;
  let started = false;
  host.events.on('export.progress', (p) => {
    if (!bar || p.exportId !== exportId || p.total <= 1) return;
    if (!started) {
      bar.start(p.total, p.done, { phase: p.phase });
      started = true;
    } else bar.update(p.done, { phase: p.phase });
  });
  const cancel = () => void host.call('exports.cancel', { exportId });
  process.once('SIGINT', cancel);
  try {
    const options = {
      split: flags.split,
      figures: flags.figures?.split(',').map((f) => f.trim()),
      scale: num(flags.scale),
      count: num(flags.count),
      from: num(flags.from),
      to: num(flags.to),
      steps: num(flags.steps),
      seed: num(flags.seed),
    };
    const result = (await host.call('exports.start', {
      exportId,
      runId: Number(run),
      format: flags.format,
      // Only the options given: a format refuses the ones it would not use.
      options: JSON.parse(JSON.stringify(options)),
      path: flags.out,
      force: Boolean(flags.force),
    })) as ExportResult;
    bar?.stop();
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(`exported run ${run} as ${flags.format} to ${result.path}\n`);
      for (const f of result.files) process.stdout.write(`  ${f.path.padEnd(28)} ${size(f.bytes)}\n`);
      for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
    }
  } catch (error) {
    bar?.stop();
    printError(error, `export of run ${run}`);
  } finally {
    process.off('SIGINT', cancel);
    await host.close();
  }
}
