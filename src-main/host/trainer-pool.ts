import type { BackendReport, TrainerState } from '../../src-shared/contract/types';
import type { TrainerToHost } from '../trainer/protocol';
import type { TrainerLauncher } from './trainer-process';
import { TrainerSupervisor } from './trainer-supervisor';

type RunMessage = Exclude<TrainerToHost, { type: 'ready' } | { type: 'reply' }>;

export interface PoolListener {
  onRunMessage(slot: number, message: RunMessage): void;
  /** The trainer of `slot` died; `reason` says how. */
  onCrash(slot: number, reason: string): void;
  /** State of the first trainer (the one that also serves latent decode sessions). */
  onState(state: TrainerState, backend: BackendReport | null): void;
}

/**
 * Trainer processes, one per run trained at once: slot 0 always exists and also serves latent decode sessions;
 * more slots are created when the concurrency setting allows more runs at once. Each slot is supervised on its
 * own, so one crashing trainer fails only its run.
 */
export class TrainerPool {
  private readonly slots: TrainerSupervisor[] = [];

  constructor(
    private readonly launch: TrainerLauncher,
    private readonly listener: PoolListener,
  ) {
    this.slot(0);
  }

  /** The supervisor of a slot, created on first use (its process still starts only when something is sent). */
  slot(index: number): TrainerSupervisor {
    while (this.slots.length <= index) {
      const i = this.slots.length;
      this.slots.push(
        new TrainerSupervisor(this.launch, {
          onRunMessage: (message) => this.listener.onRunMessage(i, message),
          onCrash: (reason) => this.listener.onCrash(i, reason),
          onState: (state, backend) => {
            if (i === 0) this.listener.onState(state, backend);
          },
        }),
      );
    }
    return this.slots[index];
  }

  /** The trainer that serves latent decode sessions. */
  get sessions(): TrainerSupervisor {
    return this.slots[0];
  }

  get state(): TrainerState {
    return this.slots[0].state;
  }

  get backend(): BackendReport | null {
    return this.slots[0].backend;
  }

  /** Stops every trainer (each finishes its run's checkpoint first, within the grace period). */
  async shutdown(graceMs?: number): Promise<void> {
    await Promise.all(this.slots.map((s) => s.shutdown(graceMs)));
  }

  /** Kills every trainer outright, as a crash would (tests, and recovery from a hung trainer). */
  killAll(): void {
    for (const s of this.slots) s.kill();
  }
}
