/** Pause / resume / stop requests for the run in progress, checked by the training loop between steps. */
export class RunControl {
  private paused = false;
  private stopRequested = false;
  private wake: (() => void) | null = null;

  get stopping(): boolean {
    return this.stopRequested;
  }

  get isPaused(): boolean {
    return this.paused;
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

  /** Resolves once the run is no longer paused (or is asked to stop). */
  async whilePaused(): Promise<void> {
    while (this.paused && !this.stopRequested) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
