import { randomBytes } from 'node:crypto';

/** Hosts alive in this process (tests and tools may run several on one history). */
const liveHosts = new Set<string>();

/** A new owner id, `pid:random`, for the runs a host starts. */
export function registerHost(): string {
  const owner = `${process.pid}:${randomBytes(4).toString('hex')}`;
  liveHosts.add(owner);
  return owner;
}

export function unregisterHost(owner: string): void {
  liveHosts.delete(owner);
}

/** Whether the host that owns a run can still be training it: same process and registered, or another live process. */
export function isOwnerAlive(owner: string | null): boolean {
  if (!owner) return false;
  const pid = Number(owner.split(':')[0]);
  if (pid === process.pid) return liveHosts.has(owner);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
