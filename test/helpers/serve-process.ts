import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'latent-lab.cjs');

/**
 * Runs `latent-lab serve` as a user would and resolves with the URL it prints. `port` and `token` fix what a
 * restart would otherwise change (a free port, a new token), as a user does to keep open pages connected.
 */
export async function startServe(
  dataDir: string,
  fixed: { port?: number; token?: string } = {},
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const env = { ...process.env, LATENT_LAB_TOKEN: fixed.token ?? '' };
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(fixed.port ?? 0), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
