import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { runTimings } from '../../../../src-shared/runs/run-timings';
import { migrate, openDatabase } from '../../../../src-main/store/database';
import { MIGRATIONS } from '../../../../src-main/store/migrations';
import { MetricsRepo } from '../../../../src-main/store/metrics-repo';
import { RunsRepo } from '../../../../src-main/store/runs-repo';
import { tempDir } from '../../../helpers/temp-dir';

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  vi.useRealTimers();
  dir?.remove();
  dir = undefined;
});

const config = () => {
  const r = parseRunConfig({ dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 4 } });
  if (!r.ok) throw new Error('fixture config invalid');
  return r.config;
};

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
/** Sets the clock the repos read to T0 + `seconds`. */
const clock = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);

function open() {
  dir = tempDir();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock(0);
  const db = openDatabase(join(dir.path, 'h.sqlite'));
  return { db, runs: new RunsRepo(db), metrics: new MetricsRepo(db) };
}

describe('training sessions', () => {
  it('records the first start and each resume, with pauses, and ends each with the run', () => {
    const { db, runs } = open();
    const run = runs.create(config(), 'owner');
    clock(5);
    runs.markStarted(run.id, 'wasm', 100);
    clock(65);
    runs.setPaused(run.id, true);
    clock(95);
    runs.setPaused(run.id, false);
    clock(125);
    runs.finish(run.id, 'stopped', null);
    // The gap between the stop and the resume is not training.
    clock(3600);
    runs.reopen(run.id, 'owner');
    clock(3610);
    runs.markStarted(run.id, 'wasm', 100, { step: 192, epoch: 3 }, 'tfjs-backend-wasm (SIMD)');
    clock(3700);
    runs.finish(run.id, 'completed', null);

    const record = runs.get(run.id)!;
    expect(record.startedAt).toBe(at(5));
    expect(record.finishedAt).toBe(at(3700));
    expect(runs.sessions.of(run.id)).toEqual({
      recordedFromStart: true,
      sessions: [
        { startedAt: at(5), endedAt: at(125), endStatus: 'stopped', endedAtSource: 'recorded', fromStep: null, fromEpoch: null, pausedMs: 30_000, pausedAt: null, backend: null, backendDetail: null },
        {
          startedAt: at(3610),
          endedAt: at(3700),
          endStatus: 'completed',
          endedAtSource: 'recorded',
          fromStep: 192,
          fromEpoch: 3,
          pausedMs: 0,
          pausedAt: null,
          backend: 'wasm',
          backendDetail: 'tfjs-backend-wasm (SIMD)',
        },
      ],
    });
    // (125 − 5 − 30) + (3700 − 3610) seconds.
    expect(runTimings(record, runs.sessions.of(run.id), Date.now()).trainingMs).toBe(180_000);
    db.close();
  });

  it('counts a pause still going on when the run is stopped, and a second pause message only once', () => {
    const { db, runs } = open();
    const run = runs.create(config(), 'owner');
    runs.markStarted(run.id, 'wasm', 100);
    clock(10);
    runs.setPaused(run.id, true);
    clock(15);
    runs.setPaused(run.id, true);
    clock(40);
    runs.finish(run.id, 'stopped', null);
    expect(runs.sessions.of(run.id).sessions[0]).toMatchObject({ endedAt: at(40), pausedMs: 30_000, pausedAt: null });
    db.close();
  });

  it('opens no session for a run cancelled while queued', () => {
    const { db, runs } = open();
    const run = runs.create(config(), 'owner');
    runs.finish(run.id, 'stopped', 'cancelled while queued, before it started');
    expect(runs.sessions.of(run.id)).toEqual({ recordedFromStart: true, sessions: [] });
    db.close();
  });

  it('ends the session of a run whose host died at its last metric point, not when the death is noticed', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    runs.markStarted(run.id, 'wasm', 100);
    metrics.append(run.id, [
      { scope: 'step', step: 1, epoch: 1, values: { loss: 3 }, time: T0 + 20_000 },
      { scope: 'step', step: 2, epoch: 1, values: { loss: 2 }, time: T0 + 40_000 },
      { scope: 'epoch', step: 2, epoch: 1, values: { val_loss: 2 }, time: T0 + 41_000 },
    ]);
    metrics.append(run.id, [{ scope: 'step', step: 3, epoch: 2, values: { loss: 1 }, time: T0 + 50_000 }]);
    clock(86_400);
    expect(runs.markInterrupted(() => false)).toBe(1);
    expect(runs.get(run.id)?.finishedAt).toBe(at(86_400));
    expect(runs.sessions.of(run.id).sessions).toEqual([
      { startedAt: at(0), endedAt: at(50), endStatus: 'interrupted', endedAtSource: 'last-metric', fromStep: null, fromEpoch: null, pausedMs: 0, pausedAt: null, backend: null, backendDetail: null },
    ]);
    db.close();
  });

  it('ends a crashed session that recorded no metric where it started, and a pause before the crash adds nothing', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    runs.markStarted(run.id, 'wasm', 100);
    metrics.append(run.id, [{ scope: 'step', step: 1, epoch: 1, values: { loss: 3 }, time: T0 + 20_000 }]);
    runs.finish(run.id, 'stopped', null);
    runs.reopen(run.id, 'owner');
    clock(100);
    runs.markStarted(run.id, 'wasm', 100, { step: 1, epoch: 1 });
    clock(110);
    runs.setPaused(run.id, true);
    clock(5000);
    runs.markInterrupted(() => false);
    expect(runs.sessions.of(run.id).sessions[1]).toMatchObject({ startedAt: at(100), endedAt: at(100), endStatus: 'interrupted', endedAtSource: 'last-metric', pausedMs: 0 });

    const paused = runs.create(config(), 'owner');
    runs.markStarted(paused.id, 'wasm', 100);
    metrics.append(paused.id, [{ scope: 'step', step: 1, epoch: 1, values: { loss: 3 }, time: T0 + 5060_000 }]);
    clock(5070);
    runs.setPaused(paused.id, true);
    clock(9000);
    runs.markInterrupted(() => false);
    expect(runs.sessions.of(paused.id).sessions[0]).toMatchObject({ startedAt: at(5000), endedAt: at(5060), pausedMs: 0, pausedAt: null });
    db.close();
  });

  it('deleting a run deletes its sessions', () => {
    const { db, runs } = open();
    const run = runs.create(config(), 'owner');
    runs.markStarted(run.id, 'wasm', 100);
    runs.finish(run.id, 'completed', null);
    runs.delete([run.id]);
    expect(db.prepare('SELECT COUNT(*) FROM run_sessions').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 7', () => {
  /** A history at schema 6 with a run that trained (and may have been resumed, unrecorded) and one still queued. */
  function historyAt6() {
    dir = tempDir();
    const db = new Database(join(dir.path, 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 6)) {
      db.exec(m.sql);
      m.after?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
    const insert = db.prepare(
      `INSERT INTO runs (id, name, status, config, family, dataset_id, created_at, started_at, finished_at, owner) VALUES (?, ?, ?, ?, 'vae', 'builtin:sprites', ?, ?, ?, 'owner')`,
    );
    insert.run(1, 'trained', 'stopped', JSON.stringify(config()), at(0), at(5), at(7200));
    insert.run(2, 'waiting', 'queued', JSON.stringify(config()), at(0), null, null);
    return db;
  }

  it('records no invented session for runs that trained before it: their training time is unknown', () => {
    const db = historyAt6();
    migrate(db);
    const runs = new RunsRepo(db);
    expect(runs.sessions.of(1)).toEqual({ recordedFromStart: false, sessions: [] });
    const trained = runs.get(1)!;
    expect(runTimings(trained, runs.sessions.of(1), T0).trainingMs).toBeNull();
    // A queued run has not trained yet: its sessions will cover it from its first start.
    expect(runs.sessions.of(2)).toEqual({ recordedFromStart: true, sessions: [] });
    expect(runTimings(runs.get(2)!, runs.sessions.of(2), T0).trainingMs).toBe(0);
    db.close();
  });

  it('lists the resumes of an old run from then on, its training time staying unknown', () => {
    const db = historyAt6();
    migrate(db);
    const runs = new RunsRepo(db);
    runs.reopen(1, 'owner');
    runs.markStarted(1, 'wasm', 100, { step: 40, epoch: 2 });
    runs.finish(1, 'completed', null);
    expect(runs.get(1)?.startedAt).toBe(at(5));
    const timings = runTimings(runs.get(1)!, runs.sessions.of(1), T0);
    expect(timings).toMatchObject({ recordedFromStart: false, trainingMs: null, sessions: [{ fromStep: 40, fromEpoch: 2, endStatus: 'completed', resumedAfter: null }] });
    db.close();
  });
});
