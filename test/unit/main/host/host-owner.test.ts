import { describe, expect, it } from 'vitest';
import { isOwnerAlive, processStartTime, registerHost, unregisterHost } from '../../../../src-main/host/host-owner';

describe('host owner liveness', () => {
  it('names a process by its PID and its start time, so a reused PID is not mistaken for the dead host', () => {
    const parent = process.ppid;
    const started = processStartTime(parent);
    expect(started).toMatch(/^\d+$/);
    // The parent process is alive: with its real start time it owns runs; with another start time it is a
    // different process that happens to have the dead owner's PID.
    expect(isOwnerAlive(`${parent}:${started}:abcd1234`)).toBe(true);
    expect(isOwnerAlive(`${parent}:${Number(started) + 1}:abcd1234`)).toBe(false);
  });

  it('hosts of this process are alive while registered', () => {
    const owner = registerHost();
    expect(owner).toMatch(new RegExp(`^${process.pid}:\\d+:[0-9a-f]{8}$`));
    expect(isOwnerAlive(owner)).toBe(true);
    unregisterHost(owner);
    expect(isOwnerAlive(owner)).toBe(false);
  });

  it('treats missing, malformed and vanished owners as dead; old `pid:random` owners fall back to the PID', () => {
    expect(isOwnerAlive(null)).toBe(false);
    expect(isOwnerAlive('not-a-pid:x')).toBe(false);
    // Above Linux's default pid_max: no such process.
    expect(isOwnerAlive('4194305:dead')).toBe(false);
    expect(isOwnerAlive(`${process.ppid}:legacy`)).toBe(true);
  });
});
