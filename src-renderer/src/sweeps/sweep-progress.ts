import type { RunStatus, SweepSummary } from '../../../src-shared/contract/types';

export interface SweepProgress {
  done: number;
  /** Running or paused. */
  running: number;
  queued: number;
  failed: number;
  /** Stopped by the user or interrupted by a host restart: finished without completing. */
  stopped: number;
  /** Share of the sweep's runs that have finished, one way or another. */
  fraction: number;
  text: string;
}

/** A sweep's progress from its counts by status: "3 done · 1 running · 4 queued · 1 failed". */
export function sweepProgress(sweep: Pick<SweepSummary, 'counts' | 'runCount'>): SweepProgress {
  const n = (status: RunStatus) => sweep.counts[status] ?? 0;
  const p = {
    done: n('completed'),
    running: n('running') + n('paused'),
    queued: n('queued'),
    failed: n('failed'),
    stopped: n('stopped') + n('interrupted'),
  };
  const finished = p.done + p.failed + p.stopped;
  const parts = [
    `${p.done} done`,
    p.running ? `${p.running} running` : '',
    p.queued ? `${p.queued} queued` : '',
    p.failed ? `${p.failed} failed` : '',
    p.stopped ? `${p.stopped} stopped` : '',
  ].filter(Boolean);
  return { ...p, fraction: sweep.runCount > 0 ? finished / sweep.runCount : 0, text: `${parts.join(' · ')} of ${sweep.runCount}` };
}
