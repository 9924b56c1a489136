import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Hosts alive in this process (tests and tools may run several on one history). */
const liveHosts = new Set<string>();

/**
 * When a process started, as the kernel counts it (Linux: field 22 of /proc/PID/stat, clock ticks since boot),
 * or null where that cannot be read (other platforms). A PID alone can be reused by an unrelated process; the
 * pair (PID, start time) names one process for as long as the machine runs.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself contain spaces or ')': fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** A new owner id, `pid:start-time:random`, for the runs a host starts. */
export function registerHost(): string {
  const owner = `${process.pid}:${processStartTime(process.pid) ?? '-'}:${randomBytes(4).toString('hex')}`;
  liveHosts.add(owner);
  return owner;
}

export function unregisterHost(owner: string): void {
  liveHosts.delete(owner);
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the host that owns a run can still be training it: in this process, a registered host; elsewhere, a
 * live process with the owner's PID that started when the owner did (so a reused PID does not keep a dead host's
 * runs "running" forever). Owners written before start times were recorded (`pid:random`) fall back to the PID.
 */
export function isOwnerAlive(owner: string | null): boolean {
  if (!owner) return false;
  const parts = owner.split(':');
  const pid = Number(parts[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return liveHosts.has(owner);
  if (!pidExists(pid)) return false;
  if (parts.length < 3 || parts[1] === '-') return true;
  const started = processStartTime(pid);
  return started === null || started === parts[1];
}
