import { fork } from 'node:child_process';
import type { HostToTrainer, TrainerToHost } from '../trainer/protocol';

/** The host's handle on a trainer process, whatever started it (Node's fork or Electron's utilityProcess). */
export interface TrainerProcess {
  send(message: HostToTrainer): void;
  onMessage(listener: (message: TrainerToHost) => void): void;
  /** Called once when the process is gone; `reason` says how it ended (exit code or signal). */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export type TrainerLauncher = () => TrainerProcess;

/** Starts the trainer with child_process.fork: for serve mode, the CLI and tests. */
export function forkTrainerLauncher(entry: string, env: NodeJS.ProcessEnv = process.env): TrainerLauncher {
  return () => {
    const child = fork(entry, [], { serialization: 'advanced', env, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    // Sending to a dying child can fail with EPIPE; its exit is reported through 'exit'.
    child.on('error', () => undefined);
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
      process.stderr.write(chunk);
    });
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as TrainerToHost)),
      onExit: (listener) =>
        child.once('exit', (code, signal) => {
          const lastLine = stderrTail.trim().split('\n').pop();
          listener(
            signal
              ? `the trainer process was killed (${signal})`
              : `the trainer process exited with code ${code}${lastLine && code !== 0 ? `: ${lastLine}` : ''}`,
          );
        }),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
