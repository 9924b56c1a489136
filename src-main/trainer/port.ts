import type { HostToTrainer, TrainerToHost } from './protocol';

/** The trainer's end of its channel to the host: Electron's parentPort under utilityProcess, else Node's IPC. */
export interface TrainerPort {
  send(message: TrainerToHost): void;
  onMessage(listener: (message: HostToTrainer) => void): void;
  /** Whether the host is still there to receive messages. */
  readonly connected: boolean;
  /** Called once when the channel closes (the host exited or crashed). */
  onDisconnect(listener: () => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToHost(): TrainerPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    // Electron's parentPort has no 'disconnect' event: a utilityProcess child ends with its host (the supervisor
    // kills it, and Electron ends its utility processes when the main process goes), so it never trains orphaned.
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostToTrainer)),
      connected: true,
      onDisconnect: () => undefined,
    };
  }
  if (!process.send) throw new Error('the trainer must be started by the Latent Lab host (no IPC channel)');
  return {
    // A host that is gone cannot be told anything: after the disconnect process.send would throw
    // ERR_IPC_CHANNEL_CLOSED, and just before it notices, a write fails with EPIPE (passed to the callback instead of
    // crashing the process as an unhandled 'error'); the 'disconnect' that follows ends the process.
    send: (message) => {
      if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as HostToTrainer)),
    get connected() {
      return process.connected;
    },
    onDisconnect: (listener) => process.once('disconnect', listener),
  };
}
