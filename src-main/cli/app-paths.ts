import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the built pieces sit next to the bundled main-side code (out/main/*.js). */
export const appPaths = {
  trainerEntry: join(__dirname, 'trainer.js'),
  rendererDir: join(__dirname, '..', 'renderer'),
  packageJson: join(__dirname, '..', '..', 'package.json'),
};

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(appPaths.packageJson, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
