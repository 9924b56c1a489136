import { createHost, type Host } from '../host/host';
import { resolveDataDir } from '../host/data-dir';
import { forkTrainerLauncher } from '../host/trainer-process';
import { appPaths, appVersion } from './app-paths';

/** A host for CLI commands and serve mode: the same services as the app, with a forked trainer. */
export function createCliHost(dataDirFlag: string | undefined, transport: 'cli' | 'websocket'): Host {
  return createHost({
    dataDir: resolveDataDir(dataDirFlag),
    launchTrainer: forkTrainerLauncher(appPaths.trainerEntry),
    version: appVersion(),
    transport,
  });
}
