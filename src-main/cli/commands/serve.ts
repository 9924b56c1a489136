import { startServer } from '../../server/serve';
import { appPaths } from '../app-paths';
import { createCliHost } from '../cli-host';

/**
 * The access token from $LATENT_LAB_TOKEN, if set. A fixed token (with a fixed --port) lets open pages reconnect
 * after a restart; by default each start makes a new one. An environment variable, not a flag: other users can
 * read a process's arguments, not its environment.
 */
export function tokenFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.LATENT_LAB_TOKEN;
  if (token === undefined || token === '') return undefined;
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(token)) {
    throw new Error('$LATENT_LAB_TOKEN must be 16 to 256 letters, digits, - or _ (make one with `openssl rand -hex 24`)');
  }
  return token;
}

export async function serveCommand(options: { port: string; dataDir?: string }): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got '${options.port}'`);
  const token = tokenFromEnvironment();
  const host = createCliHost(options.dataDir, 'websocket');
  const server = await startServer({ host, rendererDir: appPaths.rendererDir, port, token });
  process.stdout.write(`Latent Lab is serving at ${server.url}\n`);
  if (host.interruptedAtStart > 0) process.stdout.write(`(${host.interruptedAtStart} run(s) left active by an earlier session were marked interrupted)\n`);
  process.stdout.write('Open the URL in a browser; the token in it is required. Ctrl-C stops the server.\n');
  void host.pool.sessions.ensureStarted().catch(() => undefined);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
