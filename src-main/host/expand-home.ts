import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * A path typed by a person, with a leading `~` meaning their home folder as in a shell (`~`, `~/data`); the UI
 * sends paths as typed, and no shell stands between it and the host to expand them. `~user` forms are left as
 * written (they name another account's home, which a shell resolves through the system's user database).
 */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return path;
}

/** `expandHome` for an optional path. */
export const expandOptionalHome = (path: string | undefined): string | undefined => (path === undefined ? undefined : expandHome(path));
