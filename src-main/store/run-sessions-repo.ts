import type { SessionEndStatus } from '../../src-shared/contract/types';
import type { StoredSession, StoredSessions } from '../../src-shared/runs/run-timings';
import type { Db } from './database';

interface SessionRow {
  id: number;
  started_at: string;
  ended_at: string | null;
  end_status: SessionEndStatus | null;
  ended_by: 'recorded' | 'last-metric' | null;
  from_step: number | null;
  from_epoch: number | null;
  paused_ms: number;
  paused_at: string | null;
  backend: string | null;
  backend_detail: string | null;
}

const fromRow = (row: SessionRow): StoredSession => ({
  startedAt: row.started_at,
  endedAt: row.ended_at,
  endStatus: row.end_status,
  endedAtSource: row.ended_by,
  fromStep: row.from_step,
  fromEpoch: row.from_epoch,
  pausedMs: row.paused_ms,
  pausedAt: row.paused_at,
  backend: row.backend,
  backendDetail: row.backend_detail,
});

/** The largest wall time (ms) in a per-step chunk's times blob (float64 little-endian, NaN where a point had none). */
function latestTime(blob: Buffer): number | null {
  let latest: number | null = null;
  for (let offset = 0; offset + 8 <= blob.byteLength; offset += 8) {
    const t = blob.readDoubleLE(offset);
    if (!Number.isNaN(t) && (latest === null || t > latest)) latest = t;
  }
  return latest;
}

/**
 * Training sessions of runs (migration 7): one row per contiguous stretch of training, opened when the trainer
 * starts training and closed when the run ends, with the time spent paused inside it. The caller (RunsRepo) wraps
 * each change together with the run row's in one transaction. A run has at most one open session.
 */
export class RunSessionsRepo {
  constructor(private readonly db: Db) {}

  /** Opens a session at `at`; one left open (the run ended without the host seeing it) is closed first, as interrupted. */
  open(runId: number, at: string, from: { step: number; epoch: number | null } | null, backend: { name: string; detail: string } | null = null): void {
    if (this.openRow(runId)) this.closeAtLastMetric(runId, 'interrupted');
    this.db
      .prepare('INSERT INTO run_sessions (run_id, started_at, from_step, from_epoch, backend, backend_detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, at, from?.step ?? null, from?.epoch ?? null, backend?.name ?? null, backend?.detail ?? null);
  }

  /** The open session's pause began at `at` (a second pause message while paused changes nothing). */
  pause(runId: number, at: string): void {
    this.db.prepare('UPDATE run_sessions SET paused_at = COALESCE(paused_at, ?) WHERE run_id = ? AND ended_at IS NULL').run(at, runId);
  }

  /** The open session's pause ended at `at`: its length joins the session's paused time. */
  unpause(runId: number, at: string): void {
    const row = this.openRow(runId);
    if (!row || row.paused_at === null) return;
    this.db.prepare('UPDATE run_sessions SET paused_ms = ?, paused_at = NULL WHERE id = ?').run(row.paused_ms + pausedFor(row.paused_at, at), row.id);
  }

  /** Closes the run's open session (if any) at `at`, as the host saw it end; a pause going on then ends with it. */
  close(runId: number, at: string, status: SessionEndStatus, endedBy: 'recorded' | 'last-metric' = 'recorded'): void {
    const row = this.openRow(runId);
    if (!row) return;
    const pausedMs = row.paused_ms + (row.paused_at === null ? 0 : pausedFor(row.paused_at, at));
    this.db
      .prepare('UPDATE run_sessions SET ended_at = ?, end_status = ?, ended_by = ?, paused_ms = ?, paused_at = NULL WHERE id = ?')
      .run(at, status, endedBy, pausedMs, row.id);
  }

  /**
   * Closes the open session of a run whose host died (or which left this machine in a bundle while training), at
   * its last known training time: the wall time of the run's last metric point in the history, not the time the
   * death was noticed, which could be days later. A session that recorded no point ends where it started.
   */
  closeAtLastMetric(runId: number, status: SessionEndStatus): void {
    const row = this.openRow(runId);
    if (!row) return;
    const started = Date.parse(row.started_at);
    const last = this.lastMetricTime(runId);
    this.close(runId, new Date(last !== null && last > started ? last : started).toISOString(), status, 'last-metric');
  }

  /** A run's sessions in order, and whether they go back to its first start. */
  of(runId: number): StoredSessions {
    const fromStart = this.db.prepare('SELECT sessions_from_start FROM runs WHERE id = ?').pluck().get(runId) as number | undefined;
    const rows = this.db.prepare('SELECT * FROM run_sessions WHERE run_id = ? ORDER BY id').all(runId) as SessionRow[];
    return { recordedFromStart: fromStart !== 0, sessions: rows.map(fromRow) };
  }

  /** Writes a run's sessions as another history had them (a run bundle), or marks them unknown (null) when it did not say. */
  insertAll(runId: number, stored: StoredSessions | null, started: boolean): void {
    this.db.prepare('UPDATE runs SET sessions_from_start = ? WHERE id = ?').run(stored ? Number(stored.recordedFromStart) : Number(!started), runId);
    const insert = this.db.prepare(
      `INSERT INTO run_sessions (run_id, started_at, ended_at, end_status, ended_by, from_step, from_epoch, paused_ms, paused_at, backend, backend_detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of stored?.sessions ?? []) {
      insert.run(runId, s.startedAt, s.endedAt, s.endStatus, s.endedAtSource, s.fromStep, s.fromEpoch, s.pausedMs, s.pausedAt, s.backend ?? null, s.backendDetail ?? null);
    }
  }

  private openRow(runId: number): SessionRow | undefined {
    return this.db.prepare('SELECT * FROM run_sessions WHERE run_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1').get(runId) as SessionRow | undefined;
  }

  /** Wall time (ms) of the run's latest metric point: its newest per-step chunk's, or an epoch point's when later. */
  private lastMetricTime(runId: number): number | null {
    const epoch = this.db.prepare(`SELECT MAX(wall_time) FROM metrics WHERE run_id = ? AND scope = 'epoch'`).pluck().get(runId) as number | null;
    const times = this.db
      .prepare('SELECT times FROM step_metrics WHERE run_id = ? AND times IS NOT NULL ORDER BY last_step DESC, rowid DESC LIMIT 1')
      .pluck()
      .get(runId) as Buffer | undefined;
    const step = times ? latestTime(times) : null;
    return step === null ? epoch : epoch === null ? step : Math.max(step, epoch);
  }
}

/** Milliseconds from one ISO time to a later one (0 when the clock went back). */
const pausedFor = (from: string, to: string): number => Math.max(0, Date.parse(to) - Date.parse(from));
