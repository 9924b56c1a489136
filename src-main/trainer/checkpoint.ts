import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  CHECKPOINT_POINTER,
  OPTIMIZER_FILE,
  STATE_FILE,
  WEIGHTS_FILE,
  checkpointFolderName,
  epochOfPosition,
  readCheckpointPointer,
  removeCheckpointLeftovers,
  type CheckpointPointer,
} from './checkpoint-layout';
import { diskFullMessage } from './disk-space';
import { crashPoint, type CrashPoint } from './crash-drill';
import { adamPowers, restoreAdamPowers, type AdamPowers } from './fused-adam';
import { encodeWeights, loadWeights, readWeightsFile, readWeightsTag, type NamedVariable } from './weights';

/** Anything a checkpoint can hold: named variables (an autoencoder, a graph autoencoder). */
export interface Checkpointable {
  namedVariables: NamedVariable[];
}

/** Where training stands: enough to continue exactly where it left off (batch order and noise follow from it). */
export interface TrainingState {
  /** The epoch to run next (1-based), and how many of its batches are already done. */
  epoch: number;
  batchesDone: number;
  step: number;
  best: number;
  sinceBest: number;
  epochLossSum: number;
  epochSamples: number;
}

export const freshState = (): TrainingState => ({ epoch: 1, batchesDone: 0, step: 0, best: Number.POSITIVE_INFINITY, sinceBest: 0, epochLossSum: 0, epochSamples: 0 });

/**
 * state.json: the training position (JSON keeps float64 sums exactly), and what the optimizer's weights leave out.
 * `adam` holds float32 values, which a float64 JSON number represents exactly.
 */
interface SavedState extends Omit<TrainingState, 'best'> {
  best: number | null;
  adam?: AdamPowers;
}

/** A checkpoint read out of the backend, ready to be written: writing it is synchronous, so no other task runs meanwhile. */
export interface CheckpointSnapshot {
  step: number;
  epoch: number;
  weights: Buffer;
  optimizer: Buffer | null;
  state: Buffer;
}

export interface CommittedCheckpoint extends CheckpointPointer {
  weightsPath: string;
}

/** The phrase error messages end with: what a failed run still has. */
export const keptCheckpoint = (epoch: number | null): string =>
  epoch === null ? 'no checkpoint had been written yet' : `the checkpoint of epoch ${epoch} is kept`;

/** A checkpoint that could not be written; the previous one is untouched. `code` is the file system's (ENOSPC, …). */
export class CheckpointWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Reads weights, optimizer state (Adam's moments, …) and the training state, each stamped with the step. */
export async function snapshotCheckpoint(model: Checkpointable, optimizer: tf.Optimizer | null, state: TrainingState): Promise<CheckpointSnapshot> {
  let optimizerBytes: Buffer | null = null;
  let adam: AdamPowers | null = null;
  if (optimizer) {
    const slots = await optimizer.getWeights();
    // Slots are named after tfjs' process-unique variable names ('vae_3/enc_dense1/kernel/m'); the file uses the
    // weights' own names ('enc_dense1/kernel/m'), so the same training state gives the same bytes in any process.
    const specNames = new Map(model.namedVariables.map((v) => [v.variable.name, v.name]));
    const stable = (slot: string) => {
      const cut = slot.lastIndexOf('/');
      const spec = specNames.get(slot.slice(0, cut));
      return spec === undefined ? slot : spec + slot.slice(cut);
    };
    optimizerBytes = await encodeWeights(slots.map((w) => ({ name: stable(w.name), variable: w.tensor })), state.step);
    // getWeights makes a fresh tensor for the iteration count; the moments are the optimizer's own variables.
    tf.dispose(slots.filter((w) => !(w.tensor instanceof tf.Variable)).map((w) => w.tensor));
    adam = await adamPowers(optimizer);
  }
  // Fields in a fixed order: the same state always gives the same bytes.
  const { epoch, batchesDone, step, best, sinceBest, epochLossSum, epochSamples } = state;
  const saved: SavedState = { epoch, batchesDone, step, best: Number.isFinite(best) ? best : null, sinceBest, epochLossSum, epochSamples, ...(adam ? { adam } : {}) };
  return {
    step: state.step,
    epoch: epochOfPosition(state),
    weights: await encodeWeights(model.namedVariables, state.step),
    optimizer: optimizerBytes,
    state: Buffer.from(JSON.stringify(saved), 'utf8'),
  };
}

/**
 * Commits a checkpoint as a set (see checkpoint-layout.ts): its files go into a new folder and are fsynced, then a
 * new pointer is fsynced and renamed over the old one, and only then is the previous set deleted. A kill at any
 * instant leaves exactly one complete checkpoint named by the pointer; an error (a full disk) removes what was
 * written and keeps the previous set.
 */
export function commitCheckpoint(runDir: string, snapshot: CheckpointSnapshot): CommittedCheckpoint {
  mkdirSync(runDir, { recursive: true });
  const previous = committedEpoch(runDir);
  removeCheckpointLeftovers(runDir);
  // After the sweep only the committed set can be in the way (a second checkpoint at the same step).
  let name = checkpointFolderName(snapshot.step);
  for (let n = 2; existsSync(join(runDir, name)); n++) name = `${checkpointFolderName(snapshot.step)}-${n}`;
  const dir = join(runDir, name);
  const pendingPointer = join(runDir, `${CHECKPOINT_POINTER}.tmp-${process.pid}`);
  try {
    mkdirSync(dir);
    writeDurably(join(dir, WEIGHTS_FILE), snapshot.weights, 'weights');
    if (snapshot.optimizer) writeDurably(join(dir, OPTIMIZER_FILE), snapshot.optimizer, 'optimizer');
    writeDurably(join(dir, STATE_FILE), snapshot.state, 'state');
    fsyncDirectory(dir);
    writeDurably(pendingPointer, Buffer.from(JSON.stringify({ dir: name, step: snapshot.step, epoch: snapshot.epoch }), 'utf8'));
    crashPoint('pointer');
    renameSync(pendingPointer, join(runDir, CHECKPOINT_POINTER));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(pendingPointer, { force: true });
    throw writeFailure(error, runDir, previous);
  }
  fsyncDirectory(runDir);
  crashPoint('cleanup');
  removeCheckpointLeftovers(runDir);
  return { dir, step: snapshot.step, epoch: snapshot.epoch, weightsPath: join(dir, WEIGHTS_FILE) };
}

export async function saveCheckpoint(runDir: string, model: Checkpointable, optimizer: tf.Optimizer | null, state: TrainingState): Promise<CommittedCheckpoint> {
  return commitCheckpoint(runDir, await snapshotCheckpoint(model, optimizer, state));
}

export interface LoadedCheckpoint extends CommittedCheckpoint {
  state: TrainingState;
}

/** Restores weights, optimizer state and training state of the run's committed checkpoint (either layout). */
export async function loadCheckpoint(runDir: string, model: Checkpointable, optimizer: tf.Optimizer | null): Promise<LoadedCheckpoint> {
  removeCheckpointLeftovers(runDir);
  const pointer = readCheckpointPointer(runDir);
  if (!pointer) throw new Error(`no checkpoint to resume from in ${runDir}`);
  const { dir } = pointer;
  const saved = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as SavedState;
  const weightsPath = join(dir, WEIGHTS_FILE);
  const optimizerPath = join(dir, OPTIMIZER_FILE);
  if (optimizer && !existsSync(optimizerPath)) throw new Error(`the checkpoint in ${dir} has no optimizer state (${OPTIMIZER_FILE}); the run cannot be resumed exactly`);
  const tags = [readWeightsTag(weightsPath), ...(optimizer ? [readWeightsTag(optimizerPath)] : [])];
  if (tags.some((t) => t !== saved.step) || saved.step !== pointer.step) {
    throw new Error(`the checkpoint in ${dir} is incomplete (its files are from steps ${[saved.step, ...tags].join(', ')}); the run cannot be resumed exactly`);
  }
  loadWeights(weightsPath, model.namedVariables);
  if (optimizer) {
    // Optimizer slots are matched by position: the model builds its variables in the same order every time.
    // The first slot is the iteration count, an int32 scalar.
    const slots = readWeightsFile(optimizerPath).map((t, i) => ({ name: t.name, tensor: tf.tensor(t.values, t.shape, i === 0 && t.name === 'iter' ? 'int32' : 'float32') }));
    await optimizer.setWeights(slots);
    // setWeights makes variables of its own from these.
    tf.dispose(slots.map((s) => s.tensor));
    restoreAdamPowers(optimizer, saved.adam ?? null, optimizer.iterations);
  }
  const { adam: _adam, best, ...position } = saved;
  return { ...pointer, weightsPath, state: { ...position, best: best ?? Number.POSITIVE_INFINITY } };
}

/** The epoch of the run's committed checkpoint, if it has a readable one. */
function committedEpoch(runDir: string): number | null {
  try {
    return readCheckpointPointer(runDir)?.epoch ?? null;
  } catch {
    return null;
  }
}

/** Writes a new file and fsyncs it; `midWrite` names the crash drill's point halfway through. */
function writeDurably(path: string, bytes: Buffer, midWrite?: CrashPoint): void {
  const fd = openSync(path, 'w');
  try {
    const half = bytes.byteLength >> 1;
    writeAll(fd, bytes.subarray(0, half));
    if (midWrite) crashPoint(midWrite);
    writeAll(fd, bytes.subarray(half));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
}

/** Makes a folder's entries (new files, a rename) durable. Windows cannot open a folder for fsync; NTFS journals them. */
function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (error) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!['EINVAL', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    closeSync(fd);
  }
}

function writeFailure(error: unknown, runDir: string, previousEpoch: number | null): CheckpointWriteError {
  const code = (error as NodeJS.ErrnoException).code;
  const kept = keptCheckpoint(previousEpoch);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new CheckpointWriteError(`${diskFullMessage(runDir)}; ${kept}. Free some space, then continue the run`, code);
  }
  return new CheckpointWriteError(`could not write a checkpoint in ${runDir} (${error instanceof Error ? error.message : String(error)}); ${kept}`, code);
}

