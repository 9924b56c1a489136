import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appPaths } from '../app-paths';
import { createCliHost } from '../cli-host';

/** Checks what the app needs and reports the compute backend the trainer picks, with the reason for each one skipped. */
export async function doctorCommand(options: { dataDir?: string; json?: boolean }): Promise<void> {
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  let backend = null;
  const host = createCliHost(options.dataDir, 'cli');
  try {
    const info = (await host.call('system.info', {})) as { dataDir: string };
    mkdirSync(info.dataDir, { recursive: true });
    accessSync(info.dataDir, constants.W_OK);
    checks.push({ name: 'data dir', ok: true, detail: info.dataDir });
    checks.push({ name: 'run history (SQLite)', ok: true, detail: join(info.dataDir, 'latent-lab.sqlite') });
    const rendererBuilt = existsSync(join(appPaths.rendererDir, 'index.html'));
    checks.push({ name: 'renderer build', ok: rendererBuilt, detail: rendererBuilt ? appPaths.rendererDir : 'missing: run `npm run build`' });
    try {
      backend = await host.pool.sessions.ensureStarted();
      checks.push({ name: 'trainer process', ok: true, detail: `backend ${backend.chosen}: ${backend.detail}` });
    } catch (error) {
      checks.push({ name: 'trainer process', ok: false, detail: (error as Error).message });
    }
  } finally {
    await host.close();
  }
  const ok = checks.every((c) => c.ok);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ok, node: process.version, platform: `${process.platform}-${process.arch}`, backend, checks })}\n`);
  } else {
    for (const c of checks) process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.name.padEnd(22)} ${c.detail}\n`);
    if (backend) {
      process.stdout.write(`\ncompute backend: ${backend.chosen} (${backend.detail})\n`);
      for (const s of backend.skipped) process.stdout.write(`  skipped ${s.backend}: ${s.reason}\n`);
    }
  }
  if (!ok) process.exitCode = 1;
}
