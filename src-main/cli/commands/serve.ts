import { startServer } from '../../server/serve';
import { appPaths } from '../app-paths';
import { createCliHost } from '../cli-host';

export async function serveCommand(options: { port: string; dataDir?: string }): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got '${options.port}'`);
  const host = createCliHost(options.dataDir, 'websocket');
  const server = await startServer({ host, rendererDir: appPaths.rendererDir, port });
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
