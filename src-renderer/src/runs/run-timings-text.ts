import type { RunSession, RunTimings, SessionEndStatus } from '../../../src-shared/contract/types';
import { formatCount, formatDuration, formatTime } from '../format';

/** What stopped the training before a resume, as the resume line says it ("… after stop"). */
const AFTER: Record<SessionEndStatus, string> = {
  stopped: 'stop',
  interrupted: 'interruption (the app closed or crashed)',
  failed: 'failure',
  completed: 'completion',
};

const duration = (ms: number): string => (ms > 0 ? formatDuration(ms / 1000) : '0s');

/** The training time cell: "2m 05s", "2m 05s so far" while training, "unknown" for runs from before sessions were recorded. */
export function trainingTimeText(timings: RunTimings): string {
  if (timings.trainingMs === null) return 'unknown';
  const last = timings.sessions.at(-1);
  if (!last) return timings.startedAt === null ? 'not started' : '–';
  if (last.endedAt !== null) return duration(timings.trainingMs);
  return `${duration(timings.trainingMs)} so far${last.pausedAt !== null ? ' (paused)' : ''}`;
}

/** The sessions that resumed the run: all but the first start (every recorded one, when the first start was not recorded). */
export function resumesOf(timings: RunTimings): RunSession[] {
  return timings.recordedFromStart ? timings.sessions.slice(1) : timings.sessions;
}

/** "resumed 2025-12-02 14:02:11 from epoch 3 (step 192) after stop". */
export function resumeText(session: RunSession): string {
  const from =
    session.fromStep === null
      ? 'from the start (no checkpoint)'
      : session.fromEpoch === null
        ? `from step ${formatCount(session.fromStep)}`
        : `from epoch ${session.fromEpoch} (step ${formatCount(session.fromStep)})`;
  const after = session.resumedAfter === null ? '' : ` after ${AFTER[session.resumedAfter]}`;
  return `resumed ${formatTime(session.startedAt, { seconds: true })} ${from}${after}`;
}

/** Plain notes under the list: why the training time is unknown, and how a stretch cut short by a crash is counted. */
export function timingNotes(timings: RunTimings): string[] {
  const notes: string[] = [];
  if (!timings.recordedFromStart) {
    notes.push('This run first trained before Latent Lab recorded training sessions, so its training time is unknown; resumes since then are listed.');
  }
  const cut = timings.sessions.filter((s) => s.endedAtSource === 'last-metric');
  if (cut.length > 0) {
    const ends = cut.map((s) => formatTime(s.endedAt, { seconds: true })).join(', ');
    notes.push(
      `The app closed or crashed while this run trained: that stretch counts up to the run's last recorded metric point (${ends}), not to when the crash was noticed.`,
    );
  }
  return notes;
}
