import type { Host } from '../host/host';
import { createCliHost } from './cli-host';
import { printError } from './print-error';

/** Runs a CLI command against a host on the data dir: errors are printed for a person, the host always closes. */
export async function withHost(dataDir: string | undefined, command: (host: Host) => Promise<void>, context?: string): Promise<void> {
  const host = createCliHost(dataDir, 'cli');
  try {
    await command(host);
  } catch (error) {
    printError(error, context);
  } finally {
    await host.close();
  }
}
