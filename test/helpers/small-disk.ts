import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tempDir } from './temp-dir';

/**
 * A small tmpfs mounted on a fresh folder, for full-disk drills. Needs root (CI runs as root): the mount fails
 * loudly otherwise, naming what is missing, rather than letting the drill pass without a small disk.
 */
export function smallDisk(megabytes: number): { path: string; resize(megabytes: number): void; remove(): void } {
  const dir = tempDir('latent-lab-small-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir.path], { stdio: 'pipe' });
  } catch (error) {
    dir.remove();
    throw new Error(`the full-disk drill needs a ${megabytes} MB tmpfs (mount -t tmpfs, as root): ${(error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error)}`);
  }
  mkdirSync(`${dir.path}/data`);
  return {
    path: `${dir.path}/data`,
    resize: (mb) => execFileSync('mount', ['-o', `remount,size=${mb}m`, dir.path]),
    remove: () => {
      execFileSync('umount', ['-l', dir.path]);
      rmSync(dir.path, { recursive: true, force: true });
    },
  };
}
