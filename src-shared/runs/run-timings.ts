import type { RunSession, RunSummary, RunTimings } from '../contract/types';

/** A session as the history stores it; what RunSession adds is derived here. `pausedMs` counts finished pauses only. */
export type StoredSession = Omit<RunSession, 'resumedAfter' | 'trainingMs'>;

/** A run's sessions as the history has them, and whether they go back to its first start. */
export interface StoredSessions {
  recordedFromStart: boolean;
  sessions: StoredSession[];
}

/** A session with its time paused (a pause still going on counts up to `now`) and its training time. */
function withTimes(session: StoredSession, now: number): Pick<RunSession, 'pausedMs' | 'trainingMs'> {
  const open = session.endedAt === null;
  const pausedMs = session.pausedMs + (open && session.pausedAt !== null ? Math.max(0, now - Date.parse(session.pausedAt)) : 0);
  const end = open ? now : Date.parse(session.endedAt as string);
  // A clock set back during a session must not make its time negative.
  return { pausedMs, trainingMs: Math.max(0, end - Date.parse(session.startedAt) - pausedMs) };
}

/**
 * The timings the run page shows: training time is the sum of the sessions' (start to end, less pauses), so the
 * time between a stop and its resume never counts; unknown when the sessions do not go back to the first start.
 * Open sessions count up to `now` (ms since the Unix epoch).
 */
export function runTimings(run: Pick<RunSummary, 'createdAt' | 'startedAt' | 'finishedAt'>, stored: StoredSessions, now: number): RunTimings {
  const sessions = stored.sessions.map((session, i) => ({
    ...session,
    ...withTimes(session, now),
    resumedAfter: i > 0 ? stored.sessions[i - 1].endStatus : null,
  }));
  return {
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    trainingMs: stored.recordedFromStart ? sessions.reduce((sum, s) => sum + s.trainingMs, 0) : null,
    recordedFromStart: stored.recordedFromStart,
    sessions,
  };
}
