import type { RunConfig } from '../../src-shared/config/run-config';
import type { RunStatus } from '../../src-shared/contract/types';
import type { StoredSessions } from '../../src-shared/runs/run-timings';
import type { Db } from './database';
import { FINAL_METRICS_SQL, METRIC_RANGES_SQL } from './migrations';
import { RunSessionsRepo } from './run-sessions-repo';

/** One per-epoch metric row: [step, epoch, name, value (null: NaN or ±Inf was recorded), wall time in ms or null]. */
export type EpochRow = [step: number, epoch: number, name: string, value: number | null, wallTime: number | null];

/** One per-step chunk as SQLite holds it (see step-chunks.ts): the blobs byte for byte, so nothing is re-encoded. */
export interface StepChunkBlobs {
  names: string[];
  count: number;
  steps: Buffer;
  epochs: Buffer;
  vals: Buffer;
  times: Buffer | null;
}

/** The columns of a run row that travel in a bundle (ids, owner, sweep and queue place are this machine's). */
export interface BundledRunRow {
  name: string;
  status: RunStatus;
  config: RunConfig;
  family: string;
  datasetId: string;
  backend: string | null;
  params: number | null;
  error: string | null;
  tags: string[];
  notes: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Its training sessions; null when the bundle predates them (the run's training time is then unknown). */
  sessions: StoredSessions | null;
}

/**
 * A run's rows as a whole, for run bundles: read out every metric of a run, and add a run with all its metrics
 * under a new id in one transaction.
 */
export class RunBundleRepo {
  constructor(private readonly db: Db) {}

  epochRows(runId: number): EpochRow[] {
    return this.db
      .prepare(`SELECT step, epoch, name, value, wall_time FROM metrics WHERE run_id = ? AND scope = 'epoch' ORDER BY step, name`)
      .raw()
      .all(runId) as EpochRow[];
  }

  /** The run's per-step chunks in write order (a step written twice is read back as its last write). */
  *stepChunks(runId: number): Generator<StepChunkBlobs> {
    const rows = this.db.prepare('SELECT count, names, steps, epochs, vals, times FROM step_metrics WHERE run_id = ? ORDER BY rowid').iterate(runId) as Iterable<{
      count: number;
      names: string;
      steps: Buffer;
      epochs: Buffer;
      vals: Buffer;
      times: Buffer | null;
    }>;
    for (const row of rows) yield { ...row, names: JSON.parse(row.names) as string[] };
  }

  /**
   * Adds a run, its epoch rows and step chunks (and whatever `alongside` writes, such as its dataset's row) in one
   * transaction; its final and best metrics are computed from the rows, its weights path from its new id. Returns
   * the new run's id.
   */
  insert(
    run: BundledRunRow,
    epochRows: EpochRow[],
    chunks: StepChunkBlobs[],
    options: { weightsPath: (runId: number) => string | null; alongside?: () => void },
  ): number {
    return this.db.transaction(() => {
      options.alongside?.();
      const info = this.db
        .prepare(
          `INSERT INTO runs (name, status, config, family, dataset_id, backend, params, error, created_at, started_at, finished_at, tags, notes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.name,
          run.status,
          JSON.stringify(run.config),
          run.family,
          run.datasetId,
          run.backend,
          run.params,
          run.error,
          run.createdAt,
          run.startedAt,
          run.finishedAt,
          JSON.stringify(run.tags),
          run.notes,
        );
      const runId = Number(info.lastInsertRowid);
      this.db.prepare('UPDATE runs SET weights_path = ? WHERE id = ?').run(options.weightsPath(runId), runId);
      const epoch = this.db.prepare(`INSERT INTO metrics (run_id, scope, step, epoch, name, value, wall_time) VALUES (?, 'epoch', ?, ?, ?, ?, ?)`);
      for (const [step, e, name, value, wallTime] of epochRows) epoch.run(runId, step, e, name, value, wallTime);
      const chunk = this.db.prepare('INSERT INTO step_metrics (run_id, first_step, last_step, count, names, steps, epochs, vals, times) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const c of chunks) {
        chunk.run(runId, c.steps.readInt32LE(0), c.steps.readInt32LE((c.count - 1) * 4), c.count, JSON.stringify(c.names), c.steps, c.epochs, c.vals, c.times);
      }
      this.db.prepare(`UPDATE runs SET final_metrics = ${FINAL_METRICS_SQL}, best_metrics = ${METRIC_RANGES_SQL} WHERE id = ?`).run(runId);
      const sessions = new RunSessionsRepo(this.db);
      sessions.insertAll(runId, run.sessions, run.startedAt !== null);
      // A run exported while training is not training here: its session ends at its last metric point, as after a crash.
      sessions.closeAtLastMetric(runId, 'interrupted');
      return runId;
    })();
  }
}
