import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshState, loadCheckpoint, saveCheckpoint, type TrainingState } from '../../../../src-main/trainer/checkpoint';
import { checkpointWeightsPath, currentWeightsPath, hasCheckpoint, readCheckpointPointer, removeCheckpointLeftovers } from '../../../../src-main/trainer/checkpoint-layout';
import { CRASH_POINTS, setCrashHook, type CrashPoint } from '../../../../src-main/trainer/crash-drill';
import { createAutoencoder, type Autoencoder } from '../../../../src-main/trainer/models/autoencoder';
import { saveWeights } from '../../../../src-main/trainer/weights';
import { tempDir } from '../../../helpers/temp-dir';

const root = tempDir();
const config = { family: 'ae' as const, hidden: [8], activation: 'relu' as const, latentDim: 2, reconstruction: 'mse' as const };
let runCount = 0;
const newRunDir = () => join(root.path, `run-${++runCount}`);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setCrashHook(null));
afterAll(() => root.remove());

/** A model and Adam after `steps` steps on a fixed batch (different seeds give different weights). */
function trained(seed: number, steps: number): { model: Autoencoder; optimizer: tf.Optimizer } {
  const model = createAutoencoder(config, [6], seed);
  const optimizer = tf.train.adam(0.01);
  const x = tf.ones([3, 6]);
  for (let i = 0; i < steps; i++) optimizer.minimize(() => tf.sum(tf.square(model.decode(model.encode(x).mu))) as tf.Scalar, false, model.variables);
  x.dispose();
  return { model, optimizer };
}

const weightsOf = (model: Autoencoder) => model.namedVariables.map((v) => Array.from(v.variable.dataSync()));
const at = (step: number, epoch: number): TrainingState => ({ ...freshState(), epoch: epoch + 1, step, best: 1.5 });

/** Loads the run dir's checkpoint into fresh instances; returns its position and weights. */
async function load(runDir: string) {
  const model = createAutoencoder(config, [6], 99);
  const loaded = await loadCheckpoint(runDir, model, tf.train.adam(0.01));
  return { ...loaded, weights: weightsOf(model) };
}

describe('checkpoints', () => {
  it('restore weights, optimizer moments and position together', async () => {
    const runDir = newRunDir();
    const { model, optimizer } = trained(1, 1);
    await saveCheckpoint(runDir, model, optimizer, { ...freshState(), epoch: 3, batchesDone: 2, step: 30, best: 1.5, epochLossSum: 0.1 + 0.2 });

    const other = createAutoencoder(config, [6], 2);
    const otherOptimizer = tf.train.adam(0.01);
    const loaded = await loadCheckpoint(runDir, other, otherOptimizer);
    expect(loaded.state).toEqual({ epoch: 3, batchesDone: 2, step: 30, best: 1.5, sinceBest: 0, epochLossSum: 0.1 + 0.2, epochSamples: 0 });
    expect(loaded).toMatchObject({ step: 30, epoch: 3 });
    expect(weightsOf(other)).toEqual(weightsOf(model));
    const [saved, restored] = [await optimizer.getWeights(), await otherOptimizer.getWeights()];
    expect(restored.map((w) => Array.from(w.tensor.dataSync()))).toEqual(saved.map((w) => Array.from(w.tensor.dataSync())));
  });

  it('commit as a set: a step-named folder and one pointer; the previous set is gone once the pointer moved', async () => {
    const runDir = newRunDir();
    expect(hasCheckpoint(runDir)).toBe(false);
    expect(checkpointWeightsPath(runDir)).toBeNull();
    const first = trained(1, 2);
    const saved1 = await saveCheckpoint(runDir, first.model, first.optimizer, at(10, 1));
    expect(saved1).toMatchObject({ dir: join(runDir, 'ckpt-000010'), step: 10, epoch: 1, weightsPath: join(runDir, 'ckpt-000010', 'weights.llw') });
    const second = trained(2, 3);
    const saved2 = await saveCheckpoint(runDir, second.model, second.optimizer, at(20, 2));
    expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000020']);
    expect(readdirSync(saved2.dir).sort()).toEqual(['optimizer.llw', 'state.json', 'weights.llw']);
    expect(JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8'))).toEqual({ dir: 'ckpt-000020', step: 20, epoch: 2 });
    expect(readCheckpointPointer(runDir)).toEqual({ dir: saved2.dir, step: 20, epoch: 2 });
    expect(hasCheckpoint(runDir)).toBe(true);
    expect(checkpointWeightsPath(runDir)).toBe(saved2.weightsPath);
    expect((await load(runDir)).weights).toEqual(weightsOf(second.model));
  });

  it('a second checkpoint at the same step (a stop right after a resume) goes to a folder of its own', async () => {
    const runDir = newRunDir();
    const { model, optimizer } = trained(1, 2);
    await saveCheckpoint(runDir, model, optimizer, at(10, 1));
    const again = await saveCheckpoint(runDir, model, optimizer, { ...at(10, 1), sinceBest: 1 });
    expect(again.dir).toBe(join(runDir, 'ckpt-000010-2'));
    expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000010-2']);
    expect((await load(runDir)).state.sinceBest).toBe(1);
  });

  // A kill at each point, in the first checkpoint of a run and in a later one: the disk as the kill leaves it (copied
  // at that instant) must resume from exactly one complete checkpoint, and the next load sweeps the leftovers.
  const kills: { point: CrashPoint; during: 'first' | 'second'; resumesFrom: number | null }[] = CRASH_POINTS.flatMap((point) => [
    { point, during: 'first' as const, resumesFrom: point === 'cleanup' ? 10 : null },
    { point, during: 'second' as const, resumesFrom: point === 'cleanup' ? 20 : 10 },
  ]);
  it.each(kills)('a kill at $point during the $during checkpoint leaves one to resume from (step $resumesFrom)', async ({ point, during, resumesFrom }) => {
    const runDir = newRunDir();
    const atKill = `${runDir}-at-kill`;
    const first = trained(1, 2);
    const second = trained(2, 3);
    if (during === 'second') await saveCheckpoint(runDir, first.model, first.optimizer, at(10, 1));
    setCrashHook((reached) => {
      if (reached === point) cpSync(runDir, atKill, { recursive: true });
    });
    if (during === 'first') await saveCheckpoint(runDir, first.model, first.optimizer, at(10, 1));
    else await saveCheckpoint(runDir, second.model, second.optimizer, at(20, 2));
    setCrashHook(null);

    // The copy really is mid-write: the file the point names is there, cut short.
    const written = during === 'first' ? 'ckpt-000010' : 'ckpt-000020';
    const partial = { weights: 'weights.llw', optimizer: 'optimizer.llw', state: 'state.json' }[point as string];
    if (partial) expect(statSync(join(atKill, written, partial)).size).toBe(statSync(join(runDir, written, partial)).size >> 1);
    if (point === 'pointer') expect(readdirSync(atKill)).toContain(`checkpoint.json.tmp-${process.pid}`);

    if (resumesFrom === null) {
      expect(hasCheckpoint(atKill)).toBe(false);
      expect(readdirSync(atKill)).toContain(written);
      await expect(load(atKill)).rejects.toThrow(/no checkpoint to resume from/);
      // The load swept what the kill left.
      expect(readdirSync(atKill)).toEqual([]);
      return;
    }
    const loaded = await load(atKill);
    expect(loaded.state.step).toBe(resumesFrom);
    expect(loaded.weights).toEqual(weightsOf(resumesFrom === 10 ? first.model : second.model));
    expect(readdirSync(atKill).sort()).toEqual(['checkpoint.json', `ckpt-0000${resumesFrom}`]);
  });

  it.each(CRASH_POINTS.filter((p) => p !== 'cleanup'))('an error at %s removes what was written and keeps the previous checkpoint', async (point) => {
    const runDir = newRunDir();
    const first = trained(1, 2);
    await saveCheckpoint(runDir, first.model, first.optimizer, at(10, 1));
    setCrashHook((reached) => {
      if (reached === point) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    });
    const second = trained(2, 3);
    await expect(saveCheckpoint(runDir, second.model, second.optimizer, at(20, 2))).rejects.toThrow(
      `could not write a checkpoint in ${runDir} (EIO: i/o error, write); the checkpoint of epoch 1 is kept`,
    );
    expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000010']);
    expect((await load(runDir)).weights).toEqual(weightsOf(first.model));
  });

  it('a full disk removes the partial set and says how much room is left and what is kept', async () => {
    const runDir = newRunDir();
    const first = trained(1, 2);
    await saveCheckpoint(runDir, first.model, first.optimizer, at(10, 1));
    setCrashHook((reached) => {
      if (reached === 'optimizer') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const second = trained(2, 3);
    const error = await saveCheckpoint(runDir, second.model, second.optimizer, at(20, 2)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOSPC' });
    expect((error as Error).message).toMatch(
      new RegExp(`^the disk holding ${runDir} is full \\(\\d+(\\.\\d)? MB free\\); the checkpoint of epoch 1 is kept\\. Free some space, then continue the run$`),
    );
    expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000010']);
  });

  it("opens the run's current weights for a path whose checkpoint was superseded meanwhile", async () => {
    const runDir = newRunDir();
    const first = trained(1, 1);
    const old = await saveCheckpoint(runDir, first.model, first.optimizer, at(10, 1));
    expect(currentWeightsPath(old.weightsPath)).toBe(old.weightsPath);
    const newer = await saveCheckpoint(runDir, first.model, first.optimizer, at(20, 2));
    expect(existsSync(old.weightsPath)).toBe(false);
    expect(currentWeightsPath(old.weightsPath)).toBe(newer.weightsPath);
    // Anything else is left for the loader to report.
    expect(currentWeightsPath(join(root.path, 'elsewhere', 'w.llw'))).toBe(join(root.path, 'elsewhere', 'w.llw'));
  });

  it('refuses a pointer whose folder is gone, naming the file, and then deletes nothing', async () => {
    const runDir = newRunDir();
    const { model, optimizer } = trained(1, 1);
    await saveCheckpoint(runDir, model, optimizer, at(10, 1));
    rmSync(join(runDir, 'ckpt-000010'), { recursive: true });
    mkdirSync(join(runDir, 'ckpt-000011'));
    expect(() => hasCheckpoint(runDir)).toThrow(`${join(runDir, 'checkpoint.json')} names the checkpoint ckpt-000010, whose files are missing; the run cannot be resumed`);
    expect(removeCheckpointLeftovers(runDir)).toEqual([]);
    writeFileSync(join(runDir, 'checkpoint.json'), '{"dir":"../../etc","step":1,"epoch":1}');
    expect(() => readCheckpointPointer(runDir)).toThrow(/is not a checkpoint pointer/);
  });
});

describe('checkpoints of the previous layout (files directly in the run dir)', () => {
  /** What the previous version wrote: three files renamed into place one after the other. */
  async function writeOldLayout(runDir: string, model: Autoencoder, state: TrainingState, tags = { weights: state.step, optimizer: state.step }) {
    mkdirSync(runDir, { recursive: true });
    await saveWeights(join(runDir, 'weights.llw'), model.namedVariables, tags.weights);
    await saveWeights(join(runDir, 'optimizer.llw'), [{ name: 'iter', variable: tf.scalar(0, 'int32') }], tags.optimizer);
    writeFileSync(join(runDir, 'state.json'), JSON.stringify(state));
  }

  it('still resume, and move to the new layout at their next checkpoint', async () => {
    const runDir = newRunDir();
    const { model } = trained(1, 0);
    await writeOldLayout(runDir, model, { ...freshState(), epoch: 3, batchesDone: 0, step: 40, best: 2 });
    writeFileSync(join(runDir, `optimizer.llw.tmp-${process.pid + 1}`), 'half');
    expect(readCheckpointPointer(runDir)).toEqual({ dir: runDir, step: 40, epoch: 2 });
    expect(checkpointWeightsPath(runDir)).toBe(join(runDir, 'weights.llw'));
    const loaded = await load(runDir);
    expect(loaded.state).toMatchObject({ epoch: 3, step: 40, best: 2 });
    expect(loaded.weights).toEqual(weightsOf(model));
    expect(existsSync(join(runDir, `optimizer.llw.tmp-${process.pid + 1}`))).toBe(false);

    const next = trained(2, 1);
    await saveCheckpoint(runDir, next.model, next.optimizer, at(50, 3));
    expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000050']);
  });

  it('refuse to resume from files of two different checkpoints', async () => {
    const runDir = newRunDir();
    const { model } = trained(1, 0);
    // What a crash between two renames of the previous version left: weights from a newer checkpoint than the state.
    await writeOldLayout(runDir, model, { ...freshState(), step: 40 }, { weights: 45, optimizer: 40 });
    await expect(load(runDir)).rejects.toThrow(/checkpoint .* is incomplete \(its files are from steps 40, 45, 40/);
  });
});
