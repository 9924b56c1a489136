import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { SkippedFile } from '../../../src-shared/datasets/types';

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp', '.tif', '.tiff']);

export interface FoundImage {
  /** Path relative to the root, with '/' separators (for reports). */
  rel: string;
  abs: string;
  /** First-level subfolder name, or null for files directly in the root. */
  label: string | null;
}

const errnoText = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'broken symbolic link' : String(code ?? error);
};

/**
 * Walks a folder for images, following symbolic links but never into a folder it is already inside of
 * (a symlink loop is reported, not followed). Files that are not images are reported as skipped.
 */
export async function scanFolder(root: string, signal: AbortSignal): Promise<{ images: FoundImage[]; skipped: SkippedFile[] }> {
  const images: FoundImage[] = [];
  const skipped: SkippedFile[] = [];
  const rootReal = await realpath(root);
  const relOf = (abs: string) => relative(root, abs).split(sep).join('/');

  async function walk(dir: string, ancestors: Set<string>, label: string | null): Promise<void> {
    if (signal.aborted) return;
    let entries: Dirent[];
    try {
      entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      skipped.push({ file: relOf(dir) || '.', reason: `cannot read folder: ${errnoText(error)}` });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const abs = join(dir, name);
      const rel = relOf(abs);
      // The directory entry already says what a plain file or folder is; only links need a stat to follow them.
      let info: { isDirectory(): boolean; isFile(): boolean } = entry;
      if (entry.isSymbolicLink()) {
        try {
          info = await stat(abs);
        } catch {
          skipped.push({ file: rel, reason: `broken symbolic link (points to ${await readlink(abs).catch(() => '?')})` });
          continue;
        }
      }
      if (info.isDirectory()) {
        const real = await realpath(abs);
        if (ancestors.has(real)) {
          skipped.push({ file: rel, reason: 'symlink loop: this link points back to a folder that contains it; not followed' });
          continue;
        }
        await walk(abs, new Set([...ancestors, real]), label ?? (dir === root ? name : null));
      } else if (!info.isFile()) {
        skipped.push({ file: rel, reason: 'not a regular file' });
      } else if (!IMAGE_EXTENSIONS.has(extname(name).toLowerCase())) {
        skipped.push({ file: rel, reason: `not an image file (extension '${extname(name) || 'none'}')` });
      } else {
        images.push({ rel, abs, label });
      }
    }
  }

  await walk(root, new Set([rootReal]), null);
  return { images, skipped };
}
