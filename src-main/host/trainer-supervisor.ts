import type { BackendReport, TrainerState } from '../../src-shared/contract/types';
import type { HostToTrainer, TrainerReplies, TrainerRequest, TrainerToHost } from '../trainer/protocol';
import type { TrainerLauncher, TrainerProcess } from './trainer-process';

type RunMessage = Exclude<TrainerToHost, { type: 'ready' } | { type: 'reply' }>;

export interface SupervisorListener {
  onRunMessage(message: RunMessage): void;
  /** The trainer died; `reason` says how. Runs it was training must be marked failed. */
  onCrash(reason: string): void;
  onState(state: TrainerState, backend: BackendReport | null): void;
}

interface PendingReply {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Starts the trainer process on demand, waits for its backend report, routes its messages, and notices its
 * death. A dead trainer is restarted on the next request; the host itself never goes down with it.
 */
export class TrainerSupervisor {
  private process: TrainerProcess | null = null;
  private readyPromise: Promise<BackendReport> | null = null;
  private nextReqId = 1;
  private readonly pending = new Map<number, PendingReply>();
  private lastBackend: BackendReport | null = null;
  private currentState: TrainerState = 'idle';
  private stopping = false;

  constructor(
    private readonly launch: TrainerLauncher,
    private readonly listener: SupervisorListener,
  ) {}

  get state(): TrainerState {
    return this.currentState;
  }

  get backend(): BackendReport | null {
    return this.lastBackend;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Starts the trainer if it is not running and resolves with its backend report once it is ready. */
  ensureStarted(): Promise<BackendReport> {
    if (this.readyPromise) return this.readyPromise;
    this.setState('starting');
    const child = this.launch();
    this.process = child;
    this.readyPromise = new Promise<BackendReport>((resolve, reject) => {
      child.onMessage((message) => {
        if (message.type === 'ready') {
          this.lastBackend = message.backend;
          this.setState('ready');
          resolve(message.backend);
        } else if (message.type === 'reply') {
          const waiter = this.pending.get(message.reqId);
          this.pending.delete(message.reqId);
          if (message.ok) waiter?.resolve(message.result);
          else waiter?.reject(new Error(message.error));
        } else {
          this.listener.onRunMessage(message);
        }
      });
      child.onExit((reason) => {
        if (this.process !== child) return;
        this.process = null;
        this.readyPromise = null;
        const error = new Error(reason);
        reject(error);
        for (const waiter of this.pending.values()) waiter.reject(error);
        this.pending.clear();
        if (this.stopping) {
          this.setState('idle');
          return;
        }
        this.setState('crashed');
        this.listener.onCrash(reason);
      });
    });
    // A start failure surfaces to whoever awaits it; never as an unhandled rejection.
    this.readyPromise.catch(() => undefined);
    return this.readyPromise;
  }

  async send(message: HostToTrainer): Promise<void> {
    await this.ensureStarted();
    this.process?.send(message);
  }

  async request<Op extends TrainerRequest['op']>(
    request: Extract<TrainerRequest, { op: Op }>,
  ): Promise<TrainerReplies[Op]> {
    await this.ensureStarted();
    const reqId = this.nextReqId++;
    return new Promise<TrainerReplies[Op]>((resolve, reject) => {
      this.pending.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
      this.process?.send({ type: 'request', reqId, request });
    });
  }

  /** Kills the trainer outright (as a crash would): used to recover from a hung trainer and in tests. */
  kill(): void {
    this.process?.kill();
  }

  /** Asks the trainer to stop its run cleanly and exit; kills it if it has not gone within `graceMs`. */
  async shutdown(graceMs = 5000): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.stopping = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, graceMs);
      child.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      child.send({ type: 'shutdown' });
    });
  }

  private setState(state: TrainerState): void {
    this.currentState = state;
    this.listener.onState(state, this.lastBackend);
  }
}
