import type { HostToTrainer, TrainerToHost } from './protocol';

/** The trainer's end of its channel to the host: Electron's parentPort under utilityProcess, else Node's IPC. */
export interface TrainerPort {
  send(message: TrainerToHost): void;
  onMessage(listener: (message: HostToTrainer) => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToHost(): TrainerPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostToTrainer)),
    };
  }
  if (!process.send) throw new Error('the trainer must be started by the Latent Lab host (no IPC channel)');
  return {
    send: (message) => process.send?.(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as HostToTrainer)),
  };
}
