import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/contract/api-error';
import { diskFullMessage } from '../trainer/disk-space';

/** Whether an error means the disk is full: Node's ENOSPC, or SQLite's SQLITE_FULL ("database or disk is full"). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT';
}

/** A full disk becomes a `disk_full` API error naming the data dir; anything else is returned as it is. */
export function asDiskFullError(error: unknown, dataDir: string): unknown {
  return isDiskFull(error) ? new ApiError('disk_full', `${diskFullMessage(dataDir)}: free some space and try again`) : error;
}

const RESERVE_FILE = '.disk-reserve';
const RESERVE_BYTES = 2 * 1024 * 1024;

/**
 * Space held back in the data dir, so that when the disk fills up the host can still record why a run failed:
 * SQLite needs free pages even to change a run's status. Written at start (when there is room), given up the
 * first time the disk is found full.
 */
export class DiskReserve {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, RESERVE_FILE);
  }

  /** Makes sure the reserve exists; on a disk already too full for it, carries on without one. */
  hold(): void {
    try {
      if (existsSync(this.path) && statSync(this.path).size === RESERVE_BYTES) return;
      writeFileSync(this.path, Buffer.alloc(RESERVE_BYTES));
    } catch {
      rmSync(this.path, { force: true });
    }
  }

  /** Frees the reserve; returns whether there was one to free. */
  release(): boolean {
    if (!existsSync(this.path)) return false;
    rmSync(this.path, { force: true });
    return true;
  }
}
