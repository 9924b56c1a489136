import { utilityProcess } from 'electron';
import type { TrainerLauncher } from '../host/trainer-process';
import type { TrainerToHost } from '../trainer/protocol';

/** Starts the trainer as an Electron utility process: a crash or OOM there never takes the window down. */
export function utilityTrainerLauncher(entry: string): TrainerLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Latent Lab Trainer', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as TrainerToHost)),
      onExit: (listener) => child.once('exit', (code: number) => listener(`the trainer process exited with code ${code}`)),
      kill: () => void child.kill(),
    };
  };
}
