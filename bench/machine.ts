import { cpus } from 'node:os';

/** The machine a bench ran on, as every bench's JSON names it: cores × model, and the Node version. */
export const benchMachine = (): string => `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;
