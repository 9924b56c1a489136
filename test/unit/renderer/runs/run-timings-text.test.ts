import { describe, expect, it } from 'vitest';
import type { RunSession, RunTimings } from '../../../../src-shared/contract/types';
import { formatTime } from '../../../../src-renderer/src/format';
import { resumesOf, resumeText, timingNotes, trainingTimeText } from '../../../../src-renderer/src/runs/run-timings-text';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const session = (fields: Partial<RunSession>): RunSession => ({
  backend: null,
  backendDetail: null,
  startedAt: at(0),
  endedAt: at(60),
  endStatus: 'completed',
  endedAtSource: 'recorded',
  fromStep: null,
  fromEpoch: null,
  resumedAfter: null,
  pausedMs: 0,
  pausedAt: null,
  trainingMs: 60_000,
  ...fields,
});

const timings = (fields: Partial<RunTimings>): RunTimings => ({
  createdAt: at(0),
  startedAt: at(0),
  finishedAt: at(600),
  trainingMs: 125_000,
  recordedFromStart: true,
  sessions: [session({})],
  ...fields,
});

describe('run timings text', () => {
  it('says the training time, "so far" while training, and unknown for runs from before sessions', () => {
    expect(trainingTimeText(timings({}))).toBe('2m 05s');
    expect(trainingTimeText(timings({ sessions: [session({ endedAt: null, endStatus: null, endedAtSource: null })] }))).toBe('2m 05s so far');
    expect(trainingTimeText(timings({ sessions: [session({ endedAt: null, endStatus: null, endedAtSource: null, pausedAt: at(30) })] }))).toBe('2m 05s so far (paused)');
    expect(trainingTimeText(timings({ trainingMs: 0, sessions: [session({ endedAt: at(0), endedAtSource: 'last-metric' })] }))).toBe('0s');
    expect(trainingTimeText(timings({ trainingMs: null, recordedFromStart: false }))).toBe('unknown');
    expect(trainingTimeText(timings({ startedAt: null, finishedAt: null, trainingMs: 0, sessions: [] }))).toBe('not started');
  });

  it('lists each resume with its time, checkpoint and what had stopped the training', () => {
    const resumed = session({ startedAt: at(842), fromStep: 192, fromEpoch: 3, resumedAfter: 'stopped' });
    const all = timings({ sessions: [session({}), resumed] });
    expect(resumesOf(all)).toEqual([resumed]);
    expect(resumeText(resumed)).toBe(`resumed ${formatTime(at(842), { seconds: true })} from epoch 3 (step 192) after stop`);
    expect(resumeText({ ...resumed, fromEpoch: null, resumedAfter: 'interrupted' })).toMatch(/from step 192 after interruption \(the app closed or crashed\)$/);
    expect(resumeText({ ...resumed, fromStep: null, fromEpoch: null, resumedAfter: null })).toMatch(/from the start \(no checkpoint\)$/);
    // Before sessions were recorded, the first start is not among them: every recorded session is a resume.
    expect(resumesOf(timings({ recordedFromStart: false, trainingMs: null, sessions: [resumed] }))).toEqual([resumed]);
  });

  it('explains an unknown training time and a stretch cut short by a crash', () => {
    expect(timingNotes(timings({}))).toEqual([]);
    expect(timingNotes(timings({ recordedFromStart: false, trainingMs: null }))[0]).toMatch(/before Latent Lab recorded training sessions/);
    const crashed = timingNotes(timings({ sessions: [session({ endedAt: at(50), endStatus: 'interrupted', endedAtSource: 'last-metric' })] }));
    expect(crashed).toEqual([expect.stringContaining(`last recorded metric point (${formatTime(at(50), { seconds: true })})`)]);
  });
});
