import { statfsSync } from 'node:fs';
import { ApiError } from '../../src-shared/contract/api-error';

/** Whether an error means the disk is full: Node's ENOSPC, or SQLite's SQLITE_FULL ("database or disk is full"). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT';
}

/** Free space on the filesystem holding `dir`, in MB (null when it cannot be read). */
export function freeMegabytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return Math.floor((Number(stats.bavail) * Number(stats.bsize)) / 1e6);
  } catch {
    return null;
  }
}

/** "the disk holding DIR is full (N MB free)": what a user needs to act on a full disk. */
export function diskFullMessage(dir: string): string {
  const free = freeMegabytes(dir);
  return `the disk holding ${dir} is full (${free === null ? 'free space unknown' : `${free} MB free`})`;
}

/** A full disk becomes a `disk_full` API error naming the data dir; anything else is returned as it is. */
export function asDiskFullError(error: unknown, dataDir: string): unknown {
  return isDiskFull(error) ? new ApiError('disk_full', `${diskFullMessage(dataDir)}: free some space and try again`) : error;
}
