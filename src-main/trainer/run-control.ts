import type { HostToTrainer } from './protocol';

/** The host went away: the run stops where it is and writes no checkpoint (nobody would record its metrics). */
export class HostGoneError extends Error {}

/**
 * What the host tells the run in progress: pause / resume / stop requests, checked by the training loop between
 * steps, the answers to its 'run.commit' requests, and whether the host is still there at all.
 */
export class RunControl {
  private paused = false;
  private stopRequested = false;
  private gone = false;
  private wake: (() => void) | null = null;
  private commitWaiter: { step: number; resolve: () => void; reject: (error: Error) => void } | null = null;

  /** `channelOpen` says whether the channel to the host is still connected (see port.ts). */
  constructor(private readonly channelOpen: () => boolean = () => true) {}

  get stopping(): boolean {
    return this.stopRequested;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get hostConnected(): boolean {
    return !this.gone && this.channelOpen();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    this.stopRequested = true;
    this.wake?.();
  }

  /**
   * The host went away: wakes a paused run and fails a pending commit, so the run ends at once without a checkpoint.
   * For a host in the same process (tests); a trainer process simply exits when its channel closes (main.ts).
   */
  hostGone(): void {
    this.gone = true;
    this.commitWaiter?.reject(new HostGoneError('the host went away'));
    this.commitWaiter = null;
    this.wake?.();
  }

  /**
   * Resolves once the host answers 'run.committed' for `step` (every metric point up to it is recorded); rejects
   * with the host's reason when it could not record them, or when the host goes away first.
   */
  awaitCommitted(step: number): Promise<void> {
    if (!this.hostConnected) return Promise.reject(new HostGoneError('the host went away'));
    return new Promise((resolve, reject) => {
      this.commitWaiter = { step, resolve, reject };
    });
  }

  committed(message: Extract<HostToTrainer, { type: 'run.committed' }>): void {
    const waiter = this.commitWaiter;
    if (waiter?.step !== message.step) return;
    this.commitWaiter = null;
    if (message.ok) waiter.resolve();
    else waiter.reject(new Error(`the host could not record the metrics up to step ${message.step}: ${message.error}`));
  }

  /** Resolves once the run is no longer paused (or is asked to stop, or the host is gone). */
  async whilePaused(): Promise<void> {
    while (this.paused && !this.stopRequested && !this.gone) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
