import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host/host';
import { forkTrainerLauncher } from '../../src-main/host/trainer-process';
import { readCheckpointPointer } from '../../src-main/trainer/checkpoint-layout';
import type { RunDetail, RunStatus } from '../../src-shared/contract/types';
import { tempDir } from '../helpers/temp-dir';
import { tinyConfig } from '../helpers/tiny-config';

/** A run's timings through the real trainer: a pause inside a session, a stop, and a resume that opens a second session. */
const TRAINER = join(__dirname, '..', '..', 'out', 'main', 'trainer.js');
let dir: ReturnType<typeof tempDir> | undefined;
let host: Host | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
  dir?.remove();
  dir = undefined;
});

const get = (h: Host, runId: number) => h.call('runs.get', { runId }) as Promise<RunDetail>;
const statusReached = (h: Host, runId: number, status: RunStatus) =>
  new Promise<void>((resolve) => h.events.on('run.status', (e) => e.runId === runId && e.status === status && resolve()));
const stepReached = (h: Host, runId: number, step: number) =>
  new Promise<void>((resolve) => h.events.on('run.progress', (p) => p.runId === runId && p.step >= step && resolve()));
const ms = (iso: string | null) => Date.parse(iso as string);

describe('run timings', () => {
  it('records a session per stretch of training: pauses and the gap before a resume are not training time', async () => {
    dir = tempDir();
    const h = (host = createHost({ dataDir: dir.path, launchTrainer: forkTrainerLauncher(TRAINER), version: 'test', transport: 'cli' }));
    const wallStart = Date.now();
    // 448 training images in batches of 32: 14 steps an epoch, 84 in all.
    const { runId } = (await h.call('runs.start', { config: tinyConfig({ epochs: 6, size: 512 }) })) as { runId: number };

    await stepReached(h, runId, 16);
    const paused = statusReached(h, runId, 'paused');
    await h.call('runs.pause', { runId });
    await paused;
    await new Promise((r) => setTimeout(r, 400));
    const running = statusReached(h, runId, 'running');
    await h.call('runs.resume', { runId });
    await running;
    await stepReached(h, runId, 34);
    await h.call('runs.stop', { runId });
    await h.runs.waitForFinish(runId);

    const stopped = await get(h, runId);
    expect(stopped.status).toBe('stopped');
    const first = stopped.timings.sessions;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ startedAt: stopped.startedAt, endedAt: stopped.finishedAt, endStatus: 'stopped', endedAtSource: 'recorded', fromStep: null, pausedAt: null });
    expect(first[0].pausedMs).toBeGreaterThanOrEqual(400);
    expect(stopped.timings.trainingMs).toBe(ms(stopped.finishedAt) - ms(stopped.startedAt) - first[0].pausedMs);
    const checkpoint = readCheckpointPointer(h.runs.runDir(runId))!;

    // Time between the stop and the resume.
    await new Promise((r) => setTimeout(r, 500));
    await h.call('runs.continue', { runId });
    await h.runs.waitForFinish(runId);
    const wallMs = Date.now() - wallStart;

    const run = await get(h, runId);
    expect(run.status).toBe('completed');
    const { timings } = run;
    expect(timings).toMatchObject({ createdAt: run.createdAt, startedAt: stopped.startedAt, finishedAt: run.finishedAt, recordedFromStart: true });
    expect(run.startedAt).toBe(stopped.startedAt);
    expect(timings.sessions).toHaveLength(2);
    expect(timings.sessions[0]).toEqual({ ...first[0], resumedAfter: null });
    expect(timings.sessions[1]).toMatchObject({
      endedAt: run.finishedAt,
      endStatus: 'completed',
      endedAtSource: 'recorded',
      fromStep: checkpoint.step,
      fromEpoch: checkpoint.epoch,
      resumedAfter: 'stopped',
      pausedMs: 0,
    });
    // Each session records the backend it trained on and its kernels in words, as the trainer reported them.
    for (const session of timings.sessions) {
      expect(session.backend).toBe(run.backend);
      expect(session.backendDetail).toMatch(/tfjs-backend-(wasm|cpu)/);
    }
    const gap = ms(timings.sessions[1].startedAt) - ms(timings.sessions[0].endedAt);
    expect(gap).toBeGreaterThanOrEqual(500);
    const trainingMs = timings.trainingMs as number;
    expect(trainingMs).toBeGreaterThan(0);
    expect(trainingMs).toBe(timings.sessions[0].trainingMs + timings.sessions[1].trainingMs);
    expect(trainingMs).toBe(ms(run.finishedAt) - ms(run.startedAt) - gap - first[0].pausedMs);
    expect(trainingMs).toBeLessThanOrEqual(wallMs);
  });
});
