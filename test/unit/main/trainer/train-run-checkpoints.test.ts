import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkpointWeightsPath, readCheckpointPointer } from '../../../../src-main/trainer/checkpoint-layout';
import { setCrashHook } from '../../../../src-main/trainer/crash-drill';
import type { TrainerToHost } from '../../../../src-main/trainer/protocol';
import { RunControl } from '../../../../src-main/trainer/run-control';
import { trainRun } from '../../../../src-main/trainer/train-run';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import type { MetricPoint } from '../../../../src-shared/contract/types';
import { tempDir } from '../../../helpers/temp-dir';
import { tinyConfig } from '../../../helpers/tiny-config';
import { useWasm } from '../../../helpers/train-in-process';

const root = tempDir();
let runs = 0;
const newRunDir = () => join(root.path, `run-${++runs}`);
beforeAll(useWasm);
afterEach(() => {
  setCrashHook(null);
  vi.restoreAllMocks();
});
afterAll(() => root.remove());

type Commit = Extract<TrainerToHost, { type: 'run.commit' }>;
interface FakeHost {
  /** What to do on 'run.commit' (default: answer ok a little later, as the host does after its SQLite flush). */
  onCommit?: (commit: Commit, control: RunControl, sent: TrainerToHost[]) => void;
  onMessage?: (message: TrainerToHost, control: RunControl) => void;
  channelOpen?: () => boolean;
  resume?: boolean;
}

/** 256 sprites, 224 of them for training in batches of 32: 7 steps an epoch, 21 in three epochs. */
const config = (optimizer: 'adam' | 'sgd' | 'rmsprop' = 'adam') => {
  const input = tinyConfig({ epochs: 3 });
  const parsed = parseRunConfig({ ...input, training: { ...input.training, optimizer, momentum: 0.9 } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

/** Runs the trainer's loop in this process against a fake host; returns every message it sent. */
async function train(runDir: string, host: FakeHost = {}, optimizer: 'adam' | 'sgd' | 'rmsprop' = 'adam') {
  const c = config(optimizer);
  const sent: TrainerToHost[] = [];
  const control = new RunControl(host.channelOpen);
  const answer = (commit: Commit) => setTimeout(() => control.committed({ type: 'run.committed', runId: 1, step: commit.step, ok: true }), 5);
  await trainRun(
    { runId: 1, config: c, dataset: { kind: 'builtin', id: c.dataset.id, size: 256, validationSplit: 0.125 }, runDir, backend: 'wasm', backendDetail: 'wasm (test)', resume: host.resume },
    control,
    (message) => {
      sent.push(message);
      if (message.type === 'run.commit') (host.onCommit ?? answer)(message, control, sent);
      host.onMessage?.(message, control);
    },
  );
  const timed = sent.flatMap((m) => (m.type === 'run.metrics' ? m.points : []));
  // The values are what must match bit for bit; the wall-clock time of each point differs from run to run.
  const points = timed.map(({ time: _time, ...p }) => p);
  const finished = sent.find((m) => m.type === 'run.finished') as Extract<TrainerToHost, { type: 'run.finished' }>;
  const started = sent.find((m) => m.type === 'run.started') as Extract<TrainerToHost, { type: 'run.started' }>;
  return { sent, points, timed, finished, started, of: <T extends TrainerToHost['type']>(type: T) => sent.filter((m) => m.type === type) as Extract<TrainerToHost, { type: T }>[] };
}

const stepsOf = (points: MetricPoint[]) => points.filter((p) => p.scope === 'step').map((p) => p.step);
const files = (runDir: string) => readdirSync(runDir).sort();
/** The bytes of the committed checkpoint's files, for bit-for-bit comparisons. */
const checkpointBytes = (runDir: string) => {
  const { dir } = readCheckpointPointer(runDir)!;
  return Object.fromEntries(['weights.llw', 'optimizer.llw', 'state.json'].map((f) => [f, readFileSync(join(dir, f))]));
};

describe('a run writes a checkpoint only once the host has recorded the metrics up to it', () => {
  it('flushes the metrics, asks the host to commit them, waits for the answer, then writes and reports the checkpoint', async () => {
    const runDir = newRunDir();
    const seenAtCommit: { step: number; recorded: number[]; committedStep: number | null; checkpointsSent: number }[] = [];
    const run = await train(runDir, {
      onCommit: (commit, control, sent) => {
        seenAtCommit.push({
          step: commit.step,
          recorded: stepsOf(sent.flatMap((m) => (m.type === 'run.metrics' ? m.points : []))),
          committedStep: readCheckpointPointer(runDir)?.step ?? null,
          checkpointsSent: sent.filter((m) => m.type === 'run.checkpoint').length,
        });
        setTimeout(() => {
          // Nothing was written while the host had not answered.
          expect(readCheckpointPointer(runDir)?.step ?? null).toBe(seenAtCommit.at(-1)!.committedStep);
          control.committed({ type: 'run.committed', runId: 1, step: commit.step, ok: true });
        }, 30);
      },
      onMessage: (message) => {
        // Reported as soon as it is committed: the host can find it.
        if (message.type === 'run.checkpoint') expect(message.weightsPath).toBe(checkpointWeightsPath(runDir));
      },
    });
    expect(run.finished).toMatchObject({ status: 'completed', error: null });
    expect(seenAtCommit).toEqual([
      { step: 7, recorded: [1, 2, 3, 4, 5, 6, 7], committedStep: null, checkpointsSent: 0 },
      { step: 14, recorded: Array.from({ length: 14 }, (_, i) => i + 1), committedStep: 7, checkpointsSent: 1 },
      { step: 21, recorded: Array.from({ length: 21 }, (_, i) => i + 1), committedStep: 14, checkpointsSent: 2 },
    ]);
    expect(run.of('run.checkpoint').map(({ epoch, step }) => ({ epoch, step }))).toEqual([
      { epoch: 1, step: 7 },
      { epoch: 2, step: 14 },
      { epoch: 3, step: 21 },
    ]);
    // Each epoch's own point went to the host before its checkpoint's commit.
    const order = run.sent.map((m) => (m.type === 'run.metrics' && m.points.some((p) => p.scope === 'epoch' && p.epoch === 2) ? 'epoch 2 metrics' : m.type));
    expect(order.indexOf('epoch 2 metrics')).toBeLessThan(order.indexOf('run.commit', order.indexOf('epoch 2 metrics')));
    expect(files(runDir)).toEqual(['checkpoint.json', 'ckpt-000021']);
  });

  it("fails the run with the host's reason, and writes no checkpoint, when the host cannot record the metrics", async () => {
    const runDir = newRunDir();
    const run = await train(runDir, {
      onCommit: (commit, control) =>
        control.committed(
          commit.step === 14
            ? { type: 'run.committed', runId: 1, step: 14, ok: false, error: 'database or disk is full' }
            : { type: 'run.committed', runId: 1, step: commit.step, ok: true },
        ),
    });
    expect(run.finished).toEqual({
      type: 'run.finished',
      runId: 1,
      status: 'failed',
      error: 'the host could not record the metrics up to step 14: database or disk is full; the checkpoint of step 14 was not written, the checkpoint of epoch 1 is kept',
    });
    expect(run.of('run.checkpoint').map((m) => m.step)).toEqual([7]);
    expect(Math.max(...stepsOf(run.points))).toBe(14);
    expect(readCheckpointPointer(runDir)?.step).toBe(7);
  });

  it('stops at once, writing nothing, when the host goes away while a checkpoint waits for its answer', async () => {
    const runDir = newRunDir();
    const run = await train(runDir, {
      onCommit: (commit, control) =>
        commit.step === 14 ? setTimeout(() => control.hostGone(), 5) : control.committed({ type: 'run.committed', runId: 1, step: commit.step, ok: true }),
    });
    expect(run.finished).toMatchObject({ status: 'failed', error: 'the host went away; the checkpoint of step 14 was not written, the checkpoint of epoch 1 is kept' });
    expect(run.of('run.checkpoint').map((m) => m.step)).toEqual([7]);
    expect(Math.max(...stepsOf(run.points))).toBe(14);
    expect(files(runDir)).toEqual(['checkpoint.json', 'ckpt-000007']);
  });

  it('checks the channel before every step: a host gone after a checkpoint gets no further step', async () => {
    const runDir = newRunDir();
    let open = true;
    const run = await train(runDir, {
      channelOpen: () => open,
      onMessage: (message) => {
        if (message.type === 'run.checkpoint' && message.step === 7) open = false;
      },
    });
    expect(run.finished).toMatchObject({ status: 'failed', error: 'the host went away at step 7; the checkpoint of epoch 1 is kept' });
    expect(stepsOf(run.points)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('checks the channel again after the answer: a host gone meanwhile gets no checkpoint', async () => {
    const runDir = newRunDir();
    let open = true;
    const run = await train(runDir, {
      channelOpen: () => open,
      onCommit: (commit, control) => {
        open = false;
        control.committed({ type: 'run.committed', runId: 1, step: commit.step, ok: true });
      },
    });
    expect(run.finished).toMatchObject({ status: 'failed', error: 'the host went away at step 7; no checkpoint had been written yet' });
    expect(run.of('run.checkpoint')).toEqual([]);
    expect(existsSync(runDir) ? files(runDir) : []).toEqual([]);
  });

  it('fails with the disk-full message, and keeps the previous checkpoint, when the disk fills during a checkpoint', async () => {
    const runDir = newRunDir();
    setCrashHook((point, occurrence) => {
      if (point === 'weights' && occurrence === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const run = await train(runDir);
    expect(run.finished.status).toBe('failed');
    expect(run.finished.error).toMatch(new RegExp(`^the disk holding ${runDir} is full \\(\\d+(\\.\\d)? MB free\\); the checkpoint of epoch 1 is kept`));
    expect(files(runDir)).toEqual(['checkpoint.json', 'ckpt-000007']);
  });
});

describe('a resumed run continues bit for bit', () => {
  const references = new Map<string, Awaited<ReturnType<typeof train>> & { runDir: string; afterEpoch1: string }>();
  /** The uninterrupted run, with a copy of its run dir as it was just after the epoch-1 checkpoint (what a kill there leaves). */
  async function reference(optimizer: 'adam' | 'sgd' | 'rmsprop') {
    const cached = references.get(optimizer);
    if (cached) return cached;
    const runDir = newRunDir();
    const afterEpoch1 = `${runDir}-after-epoch-1`;
    const run = await train(runDir, { onMessage: (m) => m.type === 'run.checkpoint' && m.step === 7 && cpSync(runDir, afterEpoch1, { recursive: true }) }, optimizer);
    expect(run.finished.status).toBe('completed');
    const result = { ...run, runDir, afterEpoch1 };
    references.set(optimizer, result);
    return result;
  }

  it.each(['adam', 'sgd', 'rmsprop'] as const)('%s: from a checkpoint left by a kill, every later step, epoch and the final files match', async (optimizer) => {
    const straight = await reference(optimizer);
    const resumed = await train(straight.afterEpoch1, { resume: true }, optimizer);
    expect(resumed.finished.status).toBe('completed');
    expect(resumed.started.resumedFromStep).toBe(7);
    // What the host keeps: the history up to the checkpoint, then what the resumed run sends.
    const history = [...straight.points.filter((p) => p.step <= 7), ...resumed.points];
    expect(history).toEqual(straight.points);
    // Every point carries the trainer's clock, in order.
    const times = resumed.timed.map((p) => p.time!);
    expect(times.every((t, i) => Number.isFinite(t) && (i === 0 || t >= times[i - 1]))).toBe(true);
    expect(checkpointBytes(straight.afterEpoch1)).toEqual(checkpointBytes(straight.runDir));
  });

  it('from a stop in the middle of an epoch (its loss sums restored), every later step and epoch match', async () => {
    const straight = await reference('adam');
    const runDir = newRunDir();
    // Report metrics after every step (a slow machine would), so the stop lands at a known step.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1000));
    const stopped = await train(runDir, { onMessage: (m, control) => m.type === 'run.metrics' && m.points.some((p) => p.step === 10) && control.stop() });
    expect(stopped.finished).toMatchObject({ status: 'stopped', error: null });
    expect(stopped.of('run.checkpoint').at(-1)).toMatchObject({ step: 10, epoch: 2 });
    const resumed = await train(runDir, { resume: true });
    expect(resumed.started.resumedFromStep).toBe(10);
    expect([...stopped.points.filter((p) => p.step <= 10), ...resumed.points]).toEqual(straight.points);
    expect(checkpointBytes(runDir)).toEqual(checkpointBytes(straight.runDir));
  });
});
