import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from './models';
import { CHECKPOINT_STATE_FILE } from './protocol';
import { loadWeights, readWeightsFile, readWeightsTag, saveWeights } from './weights';

export const WEIGHTS_FILE = 'weights.llw';
const OPTIMIZER_FILE = 'optimizer.llw';
const STATE_FILE = CHECKPOINT_STATE_FILE;

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
 * Writes weights, optimizer state (Adam's moments, …) and the training state, each stamped with the step. Each file
 * is written to a temporary name and renamed, and loadCheckpoint refuses files whose steps disagree, so a crash or
 * a full disk between files can never resume from a mix of two checkpoints.
 */
export async function saveCheckpoint(runDir: string, model: Autoencoder, optimizer: tf.Optimizer | null, state: TrainingState): Promise<string> {
  const weightsPath = join(runDir, WEIGHTS_FILE);
  saveWeights(weightsPath, model.namedVariables, state.step);
  if (optimizer) {
    const weights = await optimizer.getWeights();
    saveWeights(join(runDir, OPTIMIZER_FILE), weights.map((w) => ({ name: w.name, variable: w.tensor })), state.step);
    // getWeights makes a fresh tensor for the iteration count; the moments are the optimizer's own variables.
    tf.dispose(weights.filter((w) => !(w.tensor instanceof tf.Variable)).map((w) => w.tensor));
  }
  const tmp = join(runDir, `${STATE_FILE}.tmp-${process.pid}`);
  writeFileSync(tmp, JSON.stringify({ ...state, best: Number.isFinite(state.best) ? state.best : null }));
  renameSync(tmp, join(runDir, STATE_FILE));
  return weightsPath;
}

export function hasCheckpoint(runDir: string): boolean {
  return existsSync(join(runDir, STATE_FILE)) && existsSync(join(runDir, WEIGHTS_FILE));
}

/** Restores weights, optimizer state and training state saved by saveCheckpoint. */
export async function loadCheckpoint(runDir: string, model: Autoencoder, optimizer: tf.Optimizer | null): Promise<TrainingState> {
  if (!hasCheckpoint(runDir)) throw new Error(`no checkpoint to resume from in ${runDir}`);
  const saved = JSON.parse(readFileSync(join(runDir, STATE_FILE), 'utf8')) as TrainingState & { best: number | null };
  const optimizerPath = join(runDir, OPTIMIZER_FILE);
  const tags = [readWeightsTag(join(runDir, WEIGHTS_FILE)), ...(optimizer && existsSync(optimizerPath) ? [readWeightsTag(optimizerPath)] : [])];
  if (tags.some((t) => t !== saved.step)) {
    throw new Error(`the checkpoint in ${runDir} is incomplete (its files are from steps ${[saved.step, ...tags].join(', ')}); the run cannot be resumed exactly`);
  }
  loadWeights(join(runDir, WEIGHTS_FILE), model.namedVariables);
  if (optimizer && existsSync(optimizerPath)) {
    // Optimizer slots are matched by position: the model builds its variables in the same order every time.
    // The first slot is Adam's iteration count, an int32 scalar.
    const slots = readWeightsFile(optimizerPath).map((t, i) => ({ name: t.name, tensor: tf.tensor(t.values, t.shape, i === 0 && t.name === 'iter' ? 'int32' : 'float32') }));
    await optimizer.setWeights(slots);
    // setWeights makes variables of its own from these.
    tf.dispose(slots.map((s) => s.tensor));
  }
  return { ...saved, best: saved.best ?? Number.POSITIVE_INFINITY };
}
