import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Where a run's checkpoint lives on disk. This module imports no tfjs: the host reads it to know whether a run can
 * be resumed and where its weights are.
 *
 *   runs/<id>/checkpoint.json    {"dir":"ckpt-000123","step":123,"epoch":4}: names the one committed set
 *   runs/<id>/ckpt-000123/       weights.llw, optimizer.llw, state.json
 *
 * trainer/checkpoint.ts writes a new set into a folder of its own, makes it durable, commits it by renaming a new
 * pointer over the old one, and only then deletes the previous folder: at every instant the pointer names one
 * complete set. Runs from before checkpoint folders have the three files directly in the run dir; they are still
 * read (the pointer wins once a run writes its first new checkpoint, which also removes them).
 */
export const CHECKPOINT_POINTER = 'checkpoint.json';
export const WEIGHTS_FILE = 'weights.llw';
export const OPTIMIZER_FILE = 'optimizer.llw';
export const STATE_FILE = 'state.json';

/** `ckpt-000123`, or `ckpt-000123-2` for a second set at the same step (a stop right after a resume). */
const FOLDER = /^ckpt-\d+(-\d+)?$/;
/** Temporary files this layout's writers leave when killed mid-write (the pointer, and the old layout's files). */
const TEMP_FILE = new RegExp(`^(${[CHECKPOINT_POINTER, WEIGHTS_FILE, OPTIMIZER_FILE, STATE_FILE].map((f) => f.replace('.', '\\.')).join('|')})\\.tmp-\\d+$`);

export interface CheckpointPointer {
  /** The folder holding the set: a `ckpt-…` folder of the run dir, or the run dir itself for an old-layout run. */
  dir: string;
  step: number;
  /** The last epoch whose steps the checkpoint includes (finished, or stopped within). */
  epoch: number;
}

/** The last epoch any of whose steps a training position includes: `epoch` is the one to run next. */
export const epochOfPosition = (position: { epoch: number; batchesDone: number }): number =>
  position.batchesDone > 0 ? position.epoch : position.epoch - 1;

export const checkpointFolderName = (step: number): string => `ckpt-${String(step).padStart(6, '0')}`;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * The run's committed checkpoint, or null when it has none. Throws, naming the file, when the pointer is unreadable
 * or names a folder that is gone (someone deleted it by hand): the run then cannot be resumed, and saying so beats
 * "no checkpoint".
 */
export function readCheckpointPointer(runDir: string): CheckpointPointer | null {
  const pointerPath = join(runDir, CHECKPOINT_POINTER);
  if (existsSync(pointerPath)) {
    let saved: { dir?: unknown; step?: unknown; epoch?: unknown };
    try {
      saved = JSON.parse(readFileSync(pointerPath, 'utf8')) as typeof saved;
    } catch (error) {
      throw new Error(`${pointerPath} is unreadable (${error instanceof Error ? error.message : String(error)}); the run cannot be resumed`);
    }
    if (typeof saved.dir !== 'string' || !FOLDER.test(saved.dir) || !isCount(saved.step) || !isCount(saved.epoch)) {
      throw new Error(`${pointerPath} is not a checkpoint pointer (expected {"dir":"ckpt-…","step":…,"epoch":…}); the run cannot be resumed`);
    }
    const dir = join(runDir, saved.dir);
    if (!existsSync(join(dir, STATE_FILE)) || !existsSync(join(dir, WEIGHTS_FILE))) {
      throw new Error(`${pointerPath} names the checkpoint ${saved.dir}, whose files are missing; the run cannot be resumed`);
    }
    return { dir, step: saved.step, epoch: saved.epoch };
  }
  const legacyState = join(runDir, STATE_FILE);
  if (existsSync(legacyState) && existsSync(join(runDir, WEIGHTS_FILE))) {
    const state = JSON.parse(readFileSync(legacyState, 'utf8')) as { step: number; epoch: number; batchesDone: number };
    return { dir: runDir, step: state.step, epoch: epochOfPosition(state) };
  }
  return null;
}

/** Whether the run has a committed checkpoint to resume from (throws like readCheckpointPointer when it is damaged). */
export function hasCheckpoint(runDir: string): boolean {
  return readCheckpointPointer(runDir) !== null;
}

/** The weights file of the run's committed checkpoint, or null when it has none. */
export function checkpointWeightsPath(runDir: string): string | null {
  const pointer = readCheckpointPointer(runDir);
  return pointer ? join(pointer.dir, WEIGHTS_FILE) : null;
}

/**
 * The weights to open for a path the host resolved a moment ago: when the run has since committed a newer checkpoint
 * (and deleted the folder named), the run's current weights; any other path as it is.
 */
export function currentWeightsPath(weightsPath: string): string {
  const folder = dirname(weightsPath);
  if (existsSync(weightsPath) || !FOLDER.test(basename(folder))) return weightsPath;
  return checkpointWeightsPath(dirname(folder)) ?? weightsPath;
}

/**
 * Removes what checkpoint writers killed mid-write leave behind: temporary files (`*.tmp-PID`), checkpoint folders
 * the pointer does not name (half-written, or superseded but not yet deleted), and old-layout files once a pointer
 * exists. Never touches the committed set; with a damaged pointer it removes nothing. Returns the names removed.
 */
export function removeCheckpointLeftovers(runDir: string): string[] {
  if (!existsSync(runDir)) return [];
  let pointer: CheckpointPointer | null;
  try {
    pointer = readCheckpointPointer(runDir);
  } catch {
    return [];
  }
  const hasPointer = pointer !== null && pointer.dir !== runDir;
  const committed = hasPointer ? (pointer as CheckpointPointer).dir : null;
  const removed: string[] = [];
  for (const name of readdirSync(runDir)) {
    const stale =
      TEMP_FILE.test(name) ||
      (FOLDER.test(name) && join(runDir, name) !== committed) ||
      (hasPointer && [WEIGHTS_FILE, OPTIMIZER_FILE, STATE_FILE].includes(name));
    if (!stale) continue;
    rmSync(join(runDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
