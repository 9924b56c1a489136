import type { RunConfig } from '../../src-shared/config/run-config';
import type { BackendName, RunStatus, RunSummary } from '../../src-shared/contract/types';
import type { Db } from './database';

interface RunRow {
  id: number;
  name: string;
  status: RunStatus;
  config: string;
  family: string;
  dataset_id: string;
  backend: BackendName | null;
  params: number | null;
  weights_path: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface RunRecord extends Omit<RunSummary, 'final'> {
  config: RunConfig;
  params: number | null;
  weightsPath: string | null;
}

const now = () => new Date().toISOString();

function fromRow(row: RunRow): RunRecord {
  const config = JSON.parse(row.config) as RunConfig;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    family: row.family,
    datasetId: row.dataset_id,
    latentDim: config.model.latentDim,
    beta: config.model.family === 'vae' ? config.objective.beta : null,
    backend: row.backend,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    config,
    params: row.params,
    weightsPath: row.weights_path,
  };
}

/** Runs table access. Only the host process writes it. */
export class RunsRepo {
  constructor(private readonly db: Db) {}

  /** `owner` identifies the host process that trains the run (see host/host-owner.ts). */
  create(config: RunConfig, owner: string): RunRecord {
    const beta = config.model.family === 'vae' ? ` β=${config.objective.beta}` : '';
    const name = config.name ?? `${config.model.family.toUpperCase()} z=${config.model.latentDim}${beta}`;
    const info = this.db
      .prepare(
        `INSERT INTO runs (name, status, config, family, dataset_id, created_at, owner) VALUES (?, 'queued', ?, ?, ?, ?, ?)`,
      )
      .run(name, JSON.stringify(config), config.model.family, config.dataset.id, now(), owner);
    return this.get(Number(info.lastInsertRowid)) as RunRecord;
  }

  get(id: number): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  list(): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY id DESC').all() as RunRow[]).map(fromRow);
  }

  markStarted(id: number, backend: BackendName, params: number): void {
    this.db
      .prepare(`UPDATE runs SET status = 'running', backend = ?, params = ?, started_at = ? WHERE id = ?`)
      .run(backend, params, now(), id);
  }

  /** Puts a finished run back in the queue to continue from its checkpoint, owned by `owner`. */
  reopen(id: number, owner: string): void {
    this.db.prepare(`UPDATE runs SET status = 'queued', error = NULL, finished_at = NULL, owner = ? WHERE id = ?`).run(owner, id);
  }

  setStatus(id: number, status: RunStatus): void {
    this.db.prepare('UPDATE runs SET status = ? WHERE id = ?').run(status, id);
  }

  setWeights(id: number, path: string): void {
    this.db.prepare('UPDATE runs SET weights_path = ? WHERE id = ?').run(path, id);
  }

  finish(id: number, status: RunStatus, error: string | null): void {
    this.db.prepare('UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error, now(), id);
  }

  /**
   * Runs left queued/running/paused by a host that died can no longer make progress: mark them interrupted.
   * Runs of a host that is still alive (the app, while a CLI command opens the same history) are left alone.
   */
  markInterrupted(isOwnerAlive: (owner: string | null) => boolean): number {
    const active = this.db.prepare(`SELECT id, owner FROM runs WHERE status IN ('queued', 'running', 'paused')`).all() as { id: number; owner: string | null }[];
    const update = this.db.prepare(
      `UPDATE runs SET status = 'interrupted', finished_at = ?,
         error = COALESCE(error, 'the app closed or crashed while this run was active') WHERE id = ?`,
    );
    const orphans = active.filter((r) => !isOwnerAlive(r.owner));
    this.db.transaction(() => orphans.forEach((r) => update.run(now(), r.id)))();
    return orphans.length;
  }
}
