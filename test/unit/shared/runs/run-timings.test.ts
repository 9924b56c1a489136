import { describe, expect, it } from 'vitest';
import { runTimings, type StoredSession } from '../../../../src-shared/runs/run-timings';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const run = { createdAt: at(0), startedAt: at(5), finishedAt: at(400) };

const session = (fields: Partial<StoredSession> & Pick<StoredSession, 'startedAt'>): StoredSession => ({
  backend: null,
  backendDetail: null,
  endedAt: null,
  endStatus: null,
  endedAtSource: null,
  fromStep: null,
  fromEpoch: null,
  pausedMs: 0,
  pausedAt: null,
  ...fields,
});

describe('run timings', () => {
  it('sums the sessions less their pauses, leaving out the gaps between a stop and its resume', () => {
    const sessions = [
      session({ startedAt: at(5), endedAt: at(125), endStatus: 'stopped', endedAtSource: 'recorded', pausedMs: 30_000 }),
      session({ startedAt: at(300), endedAt: at(320), endStatus: 'interrupted', endedAtSource: 'last-metric', fromStep: 64, fromEpoch: 2 }),
      session({ startedAt: at(350), endedAt: at(400), endStatus: 'completed', endedAtSource: 'recorded', fromStep: 70, fromEpoch: 3 }),
    ];
    const timings = runTimings(run, { recordedFromStart: true, sessions }, T0 + 10_000_000);
    // Counted by hand: 120 s − 30 s paused, 20 s, 50 s.
    expect(timings.sessions.map((s) => s.trainingMs)).toEqual([90_000, 20_000, 50_000]);
    expect(timings.trainingMs).toBe(160_000);
    expect(timings.trainingMs).toBeLessThanOrEqual(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
    expect(timings.sessions.map((s) => s.resumedAfter)).toEqual([null, 'stopped', 'interrupted']);
    expect(timings).toMatchObject({ createdAt: run.createdAt, startedAt: run.startedAt, finishedAt: run.finishedAt, recordedFromStart: true });
  });

  it('counts an open session up to now, less a pause going on', () => {
    const open = [session({ startedAt: at(0), pausedMs: 10_000, pausedAt: at(100) })];
    const timings = runTimings({ ...run, finishedAt: null }, { recordedFromStart: true, sessions: open }, T0 + 130_000);
    expect(timings.sessions[0]).toMatchObject({ pausedMs: 40_000, trainingMs: 90_000 });
    expect(timings.trainingMs).toBe(90_000);
  });

  it('is unknown when the sessions do not go back to the first start, and 0 before any', () => {
    const later = [session({ startedAt: at(300), endedAt: at(320), endStatus: 'completed', endedAtSource: 'recorded', fromStep: 64, fromEpoch: 2 })];
    expect(runTimings(run, { recordedFromStart: false, sessions: later }, T0).trainingMs).toBeNull();
    expect(runTimings({ ...run, startedAt: null, finishedAt: null }, { recordedFromStart: true, sessions: [] }, T0).trainingMs).toBe(0);
  });

  it('never counts a negative time when the clock went back', () => {
    const skewed = [session({ startedAt: at(100), endedAt: at(90), endStatus: 'stopped', endedAtSource: 'recorded' })];
    expect(runTimings(run, { recordedFromStart: true, sessions: skewed }, T0).trainingMs).toBe(0);
  });
});
