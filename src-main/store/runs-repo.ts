import type { RunConfig } from '../../src-shared/config/run-config';
import type { BackendName, RunStatus, RunSummary, SessionEndStatus } from '../../src-shared/contract/types';
import type { Db } from './database';
import { defaultRunName } from './run-name';
import { RunSessionsRepo } from './run-sessions-repo';

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
  owner: string | null;
  sweep_id: number | null;
  queue_position: number | null;
  tags: string;
  notes: string;
  final_metrics: string;
  best_metrics: string;
  sessions_from_start: number;
}

/** What the runs table stores; the service adds what it derives (dataset name, architecture, best values). */
export interface RunRecord extends Omit<RunSummary, 'final' | 'best' | 'datasetName' | 'architecture'> {
  config: RunConfig;
  params: number | null;
  weightsPath: string | null;
  owner: string | null;
  /** Last value of each epoch-level metric. */
  final: Record<string, number>;
  /** [lowest, highest] value of each epoch-level metric over the run. */
  ranges: Record<string, [number, number]>;
}

const now = () => new Date().toISOString();

const SESSION_ENDS: readonly RunStatus[] = ['completed', 'stopped', 'failed', 'interrupted'];
const endsSession = (status: RunStatus): status is SessionEndStatus => SESSION_ENDS.includes(status);

/** JSON keeps NaN and ±Inf as null: read them back as NaN (a number the UI shows as "–", never as 0). */
const nanForNull = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);

function fromRow(row: RunRow): RunRecord {
  const config = JSON.parse(row.config) as RunConfig;
  const final = Object.fromEntries(Object.entries(JSON.parse(row.final_metrics) as Record<string, unknown>).map(([k, v]) => [k, nanForNull(v)]));
  const ranges = Object.fromEntries(
    Object.entries(JSON.parse(row.best_metrics) as Record<string, [unknown, unknown]>).map(([k, [lo, hi]]) => [k, [nanForNull(lo), nanForNull(hi)] as [number, number]]),
  );
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
    sweepId: row.sweep_id,
    queuePosition: row.status === 'queued' ? row.queue_position : null,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    config,
    params: row.params,
    weightsPath: row.weights_path,
    owner: row.owner,
    final,
    ranges,
  };
}

/** Runs table access. Only the host process writes it. */
export class RunsRepo {
  /** Parsed rows by id: parsing every run's config and metrics JSON was half the cost of listing 1,000 runs. */
  private readonly parsed = new Map<number, { row: RunRow; record: RunRecord }>();
  /** Each run's training sessions, changed here together with the run row they belong to. */
  readonly sessions: RunSessionsRepo;

  constructor(private readonly db: Db) {
    this.sessions = new RunSessionsRepo(db);
  }

  /** A new run, queued at the end of the queue; `owner` identifies the host process that trains it (host/host-owner.ts). */
  create(config: RunConfig, owner: string, sweepId: number | null = null): RunRecord {
    const name = config.name ?? defaultRunName(config);
    const info = this.db
      .prepare(
        `INSERT INTO runs (name, status, config, family, dataset_id, created_at, owner, sweep_id, queue_position)
         VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(name, JSON.stringify(config), config.model.family, config.dataset.id, now(), owner, sweepId, this.nextQueuePosition());
    return this.get(Number(info.lastInsertRowid)) as RunRecord;
  }

  get(id: number): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Every run, newest first. Records of unchanged rows are shared between calls: callers must not modify them. */
  list(): RunRecord[] {
    const rows = this.db.prepare('SELECT * FROM runs ORDER BY id DESC').all() as RunRow[];
    const live = new Set<number>();
    const records = rows.map((row) => {
      live.add(row.id);
      const hit = this.parsed.get(row.id);
      if (hit && (Object.keys(row) as (keyof RunRow)[]).every((k) => hit.row[k] === row[k])) return hit.record;
      const record = fromRow(row);
      this.parsed.set(row.id, { row, record });
      return record;
    });
    for (const id of this.parsed.keys()) if (!live.has(id)) this.parsed.delete(id);
    return records;
  }

  /** Queued runs of one owner, first to train first. */
  queued(owner: string): RunRecord[] {
    return (this.db.prepare(`SELECT * FROM runs WHERE status = 'queued' AND owner = ? ORDER BY queue_position, id`).all(owner) as RunRow[]).map(fromRow);
  }

  /**
   * The trainer began training: opens a training session. A resumed run keeps its first start time; `from` is the
   * checkpoint it resumed from (null when it trains from the start).
   */
  markStarted(id: number, backend: BackendName, params: number, from: { step: number; epoch: number | null } | null = null, backendDetail: string | null = null): void {
    const at = now();
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE runs SET status = 'running', backend = ?, params = ?, started_at = COALESCE(started_at, ?), queue_position = NULL WHERE id = ?`)
        .run(backend, params, at, id);
      this.sessions.open(id, at, from, backendDetail === null ? null : { name: backend, detail: backendDetail });
    })();
  }

  /** The trainer paused (true) or resumed (false) a training run: its session counts the time paused. */
  setPaused(id: number, paused: boolean): void {
    const at = now();
    this.db.transaction(() => {
      this.setStatus(id, paused ? 'paused' : 'running');
      if (paused) this.sessions.pause(id, at);
      else this.sessions.unpause(id, at);
    })();
  }

  /** Puts a finished run back at the end of the queue to continue from its checkpoint, owned by `owner`. */
  reopen(id: number, owner: string): void {
    this.db
      .prepare(`UPDATE runs SET status = 'queued', error = NULL, finished_at = NULL, owner = ?, queue_position = ? WHERE id = ?`)
      .run(owner, this.nextQueuePosition(), id);
  }

  setStatus(id: number, status: RunStatus): void {
    this.db.prepare(`UPDATE runs SET status = ?, queue_position = CASE WHEN ? = 'queued' THEN queue_position END WHERE id = ?`).run(status, status, id);
  }

  setWeights(id: number, path: string): void {
    this.db.prepare('UPDATE runs SET weights_path = ? WHERE id = ?').run(path, id);
  }

  /** A run ended (or was cancelled while queued): its open training session, if any, ends at the same time. */
  finish(id: number, status: RunStatus, error: string | null): void {
    const at = now();
    this.db.transaction(() => {
      this.db.prepare('UPDATE runs SET status = ?, error = ?, finished_at = ?, queue_position = NULL WHERE id = ?').run(status, error, at, id);
      if (endsSession(status)) this.sessions.close(id, at, status);
    })();
  }

  update(id: number, fields: { name?: string; tags?: string[]; notes?: string }): void {
    if (fields.name !== undefined) this.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(fields.name, id);
    if (fields.tags !== undefined) this.db.prepare('UPDATE runs SET tags = ? WHERE id = ?').run(JSON.stringify([...new Set(fields.tags)]), id);
    if (fields.notes !== undefined) this.db.prepare('UPDATE runs SET notes = ? WHERE id = ?').run(fields.notes, id);
  }

  /** Moves a queued run to the front or back of its owner's queue, or one place up or down. */
  move(id: number, to: 'top' | 'up' | 'down' | 'bottom'): void {
    const run = this.get(id);
    if (!run || run.status !== 'queued' || run.owner === null) return;
    const queue = this.queued(run.owner);
    const index = queue.findIndex((r) => r.id === id);
    const order = queue.map((r) => r.id);
    order.splice(index, 1);
    const target = to === 'top' ? 0 : to === 'bottom' ? order.length : Math.max(0, Math.min(order.length, index + (to === 'up' ? -1 : 1)));
    order.splice(target, 0, id);
    const set = this.db.prepare('UPDATE runs SET queue_position = ? WHERE id = ?');
    this.db.transaction(() => order.forEach((runId, position) => set.run(position + 1, runId)))();
  }

  /** Deletes runs with their metrics and sessions in one transaction (their files are removed by the caller afterwards). */
  delete(ids: number[]): void {
    const del = this.db.prepare('DELETE FROM runs WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => del.run(id)))();
  }

  /** Ids of every run (to tell a crashed delete's leftover folders from real runs). */
  ids(): Set<number> {
    return new Set((this.db.prepare('SELECT id FROM runs').all() as { id: number }[]).map((r) => r.id));
  }

  /**
   * Runs left running or paused by a host that died can no longer make progress: mark them interrupted, and end
   * their open training session at their last metric point, not now (see RunSessionsRepo.closeAtLastMetric).
   * Runs of a host that is still alive (the app, while a CLI command opens the same history) are left alone.
   * Queued runs stay queued: the queue survives a restart (see adoptQueue).
   */
  markInterrupted(isOwnerAlive: (owner: string | null) => boolean): number {
    const active = this.db.prepare(`SELECT id, owner FROM runs WHERE status IN ('running', 'paused')`).all() as { id: number; owner: string | null }[];
    const update = this.db.prepare(
      `UPDATE runs SET status = 'interrupted', finished_at = ?,
         error = COALESCE(error, 'the app closed or crashed while this run was active') WHERE id = ?`,
    );
    const orphans = active.filter((r) => !isOwnerAlive(r.owner));
    this.db.transaction(() =>
      orphans.forEach((r) => {
        update.run(now(), r.id);
        this.sessions.closeAtLastMetric(r.id, 'interrupted');
      }),
    )();
    return orphans.length;
  }

  /** Takes over the queued runs of hosts that died, keeping their order. Returns how many. */
  adoptQueue(owner: string, isOwnerAlive: (owner: string | null) => boolean): number {
    const queued = this.db.prepare(`SELECT id, owner FROM runs WHERE status = 'queued'`).all() as { id: number; owner: string | null }[];
    const orphans = queued.filter((r) => r.owner !== owner && !isOwnerAlive(r.owner));
    const update = this.db.prepare('UPDATE runs SET owner = ? WHERE id = ?');
    this.db.transaction(() => orphans.forEach((r) => update.run(owner, r.id)))();
    return orphans.length;
  }

  private nextQueuePosition(): number {
    const row = this.db.prepare(`SELECT MAX(queue_position) AS p FROM runs WHERE status = 'queued'`).get() as { p: number | null };
    return (row.p ?? 0) + 1;
  }
}
