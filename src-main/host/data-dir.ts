import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Latent Lab';

/** The platform's per-user application-data folder (what Electron calls appData). */
export function platformAppData(): string {
  switch (process.platform) {
    case 'win32':
      return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support');
    default:
      return process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  }
}

/** --data-dir, else $LATENT_LAB_HOME, else the platform's app-data folder: the same rule for app, serve and CLI. */
export function resolveDataDir(flag?: string): string {
  if (flag) return resolve(flag);
  if (process.env.LATENT_LAB_HOME) return resolve(process.env.LATENT_LAB_HOME);
  return join(platformAppData(), APP_DIR_NAME);
}
