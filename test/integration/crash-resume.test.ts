import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher, type TrainerProcess } from '../../src-main/host/trainer-process';
import { readCheckpointPointer } from '../../src-main/trainer/checkpoint-layout';
import { CRASH_POINTS, type CrashPoint } from '../../src-main/trainer/crash-drill';
import type { HostToTrainer, TrainerToHost } from '../../src-main/trainer/protocol';
import { parseRunConfig } from '../../src-shared/config/parse-run-config';
import type { MetricPoint, RunDetail, RunProgress } from '../../src-shared/contract/types';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

/**
 * Crash drills on real trainer processes: SIGKILL at every point of a checkpoint write (the trainer kills itself
 * there, LATENT_LAB_TEST_CRASH_AT), a host that goes away mid-run, a disk that fills, and a kill -9 of the trainer
 * under the real host. After each, the run resumes, and its history and final checkpoint are bit for bit those of
 * an uninterrupted run.
 */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
const root = tempDir();
let dirs = 0;
const newDir = () => join(root.path, `d${++dirs}`);
afterAll(() => root.remove());

/** 256 sprites, 224 for training in batches of 32: 7 steps an epoch, checkpoints at steps 7, 14 and 21. */
const parsed = parseRunConfig(tinyConfig({ epochs: 3 }));
if (!parsed.ok) throw new Error('fixture');
const config = parsed.config;
const dataset = { kind: 'builtin' as const, id: config.dataset.id, size: 256, validationSplit: 0.125 };

interface TrainerRun {
  child: ChildProcess;
  sent: TrainerToHost[];
  /** What the trainer wrote to stderr (shown when an expectation about its end fails). */
  stderr: () => string;
  /** Resolves with how the process ended: its exit code, or the signal that killed it. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with 'run.finished' (never, when the process dies first). */
  finished: Promise<Extract<TrainerToHost, { type: 'run.finished' }>>;
}

/** A trainer process and a minimal host: it answers every 'run.commit' at once, as the host does after its flush. */
function startTrainer(
  runDir: string,
  options: { resume?: boolean; crashAt?: string; holdCommitAt?: number; onMessage?: (m: TrainerToHost, child: ChildProcess) => void } = {},
): TrainerRun {
  const env = { ...process.env, LATENT_LAB_BACKEND: 'wasm', ...(options.crashAt ? { LATENT_LAB_TEST_CRASH_AT: options.crashAt } : {}) };
  const child = fork(TRAINER, [], { serialization: 'advanced', env, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  child.on('error', () => undefined);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const sent: TrainerToHost[] = [];
  const send = (message: HostToTrainer) => child.connected && child.send(message);
  let finish: (m: Extract<TrainerToHost, { type: 'run.finished' }>) => void = () => undefined;
  const finished = new Promise<Extract<TrainerToHost, { type: 'run.finished' }>>((resolve) => (finish = resolve));
  child.on('message', (raw) => {
    const message = raw as TrainerToHost;
    sent.push(message);
    if (message.type === 'ready') send({ type: 'train', runId: 1, config, dataset, runDir, resume: options.resume });
    if (message.type === 'run.commit' && message.step !== options.holdCommitAt) send({ type: 'run.committed', runId: 1, step: message.step, ok: true });
    if (message.type === 'run.finished') finish(message);
    options.onMessage?.(message, child);
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, sent, stderr: () => stderr, exit, finished };
}

/** Trains to the end and lets the trainer go (a disconnect ends it). */
async function trainToEnd(runDir: string, options: { resume?: boolean } = {}) {
  const run = startTrainer(runDir, options);
  const finished = await run.finished;
  run.child.disconnect();
  await run.exit;
  return { finished, sent: run.sent, points: pointsOf(run.sent) };
}

/** The metric points sent, without their wall-clock times (the values must match bit for bit; the times cannot). */
const pointsOf = (sent: TrainerToHost[]): MetricPoint[] => sent.flatMap((m) => (m.type === 'run.metrics' ? m.points.map(({ time: _time, ...p }) => p) : []));
const checkpointBytes = (runDir: string) => {
  const { dir } = readCheckpointPointer(runDir)!;
  return Object.fromEntries(['weights.llw', 'optimizer.llw', 'state.json'].map((f) => [f, readFileSync(join(dir, f))]));
};

let reference: { runDir: string; points: MetricPoint[] } | null = null;
async function uninterrupted() {
  if (reference) return reference;
  const runDir = newDir();
  const run = await trainToEnd(runDir);
  expect(run.finished).toMatchObject({ status: 'completed', error: null });
  reference = { runDir, points: run.points };
  return reference;
}

describe('a trainer killed while it writes a checkpoint', () => {
  // The second checkpoint (after epoch 2, step 14) is the one interrupted; the first (step 7) must survive it,
  // except once the pointer has switched: then the new one is the checkpoint.
  it.each(CRASH_POINTS.map((point) => ({ point, resumesFrom: point === 'cleanup' ? 14 : 7 })))(
    'at $point resumes from step $resumesFrom and ends bit for bit like an uninterrupted run',
    async ({ point, resumesFrom }: { point: CrashPoint; resumesFrom: number }) => {
      const straight = await uninterrupted();
      const runDir = newDir();
      const killed = startTrainer(runDir, { crashAt: `${point}:2` });
      expect(await killed.exit, killed.stderr()).toEqual({ code: null, signal: 'SIGKILL' });
      expect(killed.sent.map((m) => m.type)).not.toContain('run.finished');
      expect(readCheckpointPointer(runDir)).toMatchObject({ step: resumesFrom });
      // The kill left its partial files behind ('cleanup': the superseded set); the resume sweeps them.
      expect(readdirSync(runDir).length).toBeGreaterThan(2);

      const resumed = await trainToEnd(runDir, { resume: true });
      expect(resumed.finished).toMatchObject({ status: 'completed', error: null });
      expect(resumed.sent.find((m) => m.type === 'run.started')).toMatchObject({ resumedFromStep: resumesFrom });
      // The host keeps what it had up to the checkpoint and takes the rest from the resumed run.
      const history = [...pointsOf(killed.sent).filter((p) => p.step <= resumesFrom), ...resumed.points];
      expect(history).toEqual(straight.points);
      expect(checkpointBytes(runDir)).toEqual(checkpointBytes(straight.runDir));
      expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000021']);
    },
  );
});

describe('a trainer whose host goes away', () => {
  // The old trainer trained on for ~460 ms and wrote a newer checkpoint past the history the host had recorded.
  it.each([
    { when: 'right after a checkpoint', disconnectOn: (m: TrainerToHost) => m.type === 'run.checkpoint' && m.step === 7, holdCommitAt: undefined },
    { when: 'while a checkpoint waits for its answer', disconnectOn: (m: TrainerToHost) => m.type === 'run.commit' && m.step === 14, holdCommitAt: 14 },
  ])('exits at once, $when, and writes no checkpoint past the history it had', async ({ disconnectOn, holdCommitAt }) => {
    const runDir = newDir();
    let disconnectedAt = 0;
    const run = startTrainer(runDir, {
      holdCommitAt,
      onMessage: (message, child) => {
        if (!disconnectOn(message)) return;
        disconnectedAt = performance.now();
        child.disconnect();
      },
    });
    expect(await run.exit, run.stderr()).toEqual({ code: 0, signal: null });
    expect(performance.now() - disconnectedAt).toBeLessThan(1000);
    expect(readCheckpointPointer(runDir)?.step).toBe(7);
    expect(readdirSync(runDir).sort()).toEqual(['checkpoint.json', 'ckpt-000007']);
  });
});

// A disk that fills during a checkpoint (a real small tmpfs) is drilled through the host in test/integration/disk-full.test.ts.

describe('a trainer killed with SIGKILL under the real host', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('resumes the run: every step and epoch exactly once, the values and final weights bit for bit', async () => {
    const dataDir = newDir();
    const launch = forkTrainerLauncher(TRAINER);
    const trainers: TrainerProcess[] = [];
    host = createHost({
      dataDir,
      launchTrainer: () => {
        const trainer = launch();
        trainers.push(trainer);
        return trainer;
      },
      version: 'test',
      transport: 'cli',
    });
    const h = host;
    const runDirOf = (runId: number) => join(dataDir, 'runs', String(runId));
    // 448 training images in batches of 32: 14 steps an epoch, 84 in all, checkpoints every 14 steps.
    const input = { ...tinyConfig({ epochs: 6, size: 512 }), name: 'drill' };

    const whole = (await h.call('runs.start', { config: input })) as { runId: number };
    await h.runs.waitForFinish(whole.runId);
    const straight = (await h.call('runs.get', { runId: whole.runId })) as RunDetail;
    expect(straight.status).toBe('completed');

    const { runId } = (await h.call('runs.start', { config: input })) as { runId: number };
    // In epoch 3 or later, after the epoch-2 checkpoint: kill -9 the trainer from outside.
    await new Promise<void>((resolve) =>
      h.events.on('run.progress', (p: RunProgress) => p.runId === runId && p.step > 28 && (readCheckpointPointer(runDirOf(runId))?.step ?? 0) >= 28 && resolve()),
    );
    process.kill(trainers.at(-1)!.pid!, 'SIGKILL');
    await h.runs.waitForFinish(runId);
    const killed = (await h.call('runs.get', { runId })) as RunDetail;
    expect(killed.status).toBe('failed');
    expect(killed.error).toMatch(/SIGKILL/);

    await h.call('runs.continue', { runId });
    await h.runs.waitForFinish(runId);
    const resumed = (await h.call('runs.get', { runId })) as RunDetail;
    expect(resumed.status).toBe('completed');
    // 84 steps and 6 epochs, each exactly once, with the uninterrupted run's values to the last bit.
    expect(resumed.steps.step).toEqual(Array.from({ length: 84 }, (_, i) => i + 1));
    expect(resumed.epochs.epoch).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.steps.values).toEqual(straight.steps.values);
    expect(resumed.epochs.values).toEqual(straight.epochs.values);
    expect(checkpointBytes(runDirOf(runId))).toEqual(checkpointBytes(runDirOf(whole.runId)));
  });
});
