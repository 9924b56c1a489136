import type { MetricPoint } from '../../src-shared/contract/types';
import type { Db } from './database';
import { chunkOf, encodeChunk } from './step-chunks';

/**
 * A run's epoch-level metrics at its last epoch, as a JSON object (NULL values are NaN/Inf that were recorded).
 * Used by migration 4 and by MetricsRepo whenever epoch points are written (`runs.id` is the run).
 */
export const FINAL_METRICS_SQL = `COALESCE((SELECT json_group_object(m.name, m.value) FROM metrics m
   WHERE m.run_id = runs.id AND m.scope = 'epoch'
     AND m.step = (SELECT MAX(step) FROM metrics WHERE run_id = runs.id AND scope = 'epoch')), '{}')`;

/** Lowest and highest value of each epoch-level metric of a run, as JSON { name: [min, max] }. */
export const METRIC_RANGES_SQL = `COALESCE((SELECT json_group_object(name, json_array(lo, hi)) FROM
   (SELECT name, MIN(value) AS lo, MAX(value) AS hi FROM metrics WHERE run_id = runs.id AND scope = 'epoch' GROUP BY name)), '{}')`;

/** Moves the per-step metric rows of every run into chunks (see step-chunks.ts): one chunk per run. */
function stepRowsToChunks(db: Db): void {
  const runs = db.prepare(`SELECT DISTINCT run_id FROM metrics WHERE scope = 'step'`).pluck().all() as number[];
  const read = db.prepare(`SELECT step, epoch, name, value FROM metrics WHERE run_id = ? AND scope = 'step' ORDER BY step`);
  const insert = db.prepare('INSERT INTO step_metrics (run_id, first_step, last_step, count, names, steps, epochs, vals) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const runId of runs) {
    const points = new Map<number, MetricPoint>();
    for (const row of read.iterate(runId) as Iterable<{ step: number; epoch: number; name: string; value: number | null }>) {
      const point = points.get(row.step) ?? { scope: 'step' as const, step: row.step, epoch: row.epoch, values: {} };
      point.values[row.name] = row.value ?? Number.NaN;
      points.set(row.step, point);
    }
    const chunk = chunkOf([...points.values()]);
    if (!chunk) continue;
    const c = encodeChunk(chunk);
    insert.run(runId, c.first, c.last, c.count, c.names, c.steps, c.epochs, c.vals);
  }
  db.exec(`DELETE FROM metrics WHERE scope = 'step'`);
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data moves SQL cannot express, run after `sql` in the same transaction. */
  after?: (db: Db) => void;
}

/**
 * Numbered schema migrations, applied in order inside one transaction each; PRAGMA user_version records
 * the last one applied. Never edit a released migration: add the next number.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'runs and metrics',
    sql: `
      CREATE TABLE runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('queued','running','paused','completed','stopped','failed','interrupted')),
        config      TEXT NOT NULL,
        family      TEXT NOT NULL,
        dataset_id  TEXT NOT NULL,
        backend     TEXT,
        params      INTEGER,
        weights_path TEXT,
        error       TEXT,
        created_at  TEXT NOT NULL,
        started_at  TEXT,
        finished_at TEXT
      );
      CREATE INDEX runs_by_status ON runs(status);
      CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        scope  TEXT NOT NULL CHECK (scope IN ('step','epoch')),
        step   INTEGER NOT NULL,
        epoch  INTEGER NOT NULL,
        name   TEXT NOT NULL,
        value  REAL,
        PRIMARY KEY (run_id, scope, step, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'imported datasets with provenance',
    sql: `
      CREATE TABLE datasets (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('image','vector','graph')),
        source       TEXT NOT NULL CHECK (source IN ('image-folder','idx')),
        source_path  TEXT NOT NULL,
        count        INTEGER NOT NULL,
        train_count  INTEGER NOT NULL,
        sample_shape TEXT NOT NULL,
        classes      TEXT NOT NULL,
        class_counts TEXT NOT NULL,
        options      TEXT NOT NULL,
        dir          TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );
      CREATE TABLE dataset_skipped (
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        file       TEXT NOT NULL,
        reason     TEXT NOT NULL
      );
      CREATE INDEX dataset_skipped_by_dataset ON dataset_skipped(dataset_id);
      CREATE INDEX runs_by_dataset ON runs(dataset_id);
    `,
  },
  {
    version: 3,
    name: 'run owner (which host process trains it)',
    sql: `ALTER TABLE runs ADD COLUMN owner TEXT;`,
  },
  {
    version: 4,
    name: 'queue, sweeps, run notes and tags, final and best metrics on the run row, settings, per-step metrics as chunks',
    sql: `
      ALTER TABLE runs ADD COLUMN sweep_id INTEGER REFERENCES sweeps(id) ON DELETE SET NULL;
      ALTER TABLE runs ADD COLUMN queue_position REAL;
      ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '';
      ALTER TABLE runs ADD COLUMN final_metrics TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE runs ADD COLUMN best_metrics TEXT NOT NULL DEFAULT '{}';
      CREATE TABLE sweeps (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        method     TEXT NOT NULL CHECK (method IN ('grid','random')),
        fields     TEXT NOT NULL,
        spec       TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX runs_by_sweep ON runs(sweep_id);
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      UPDATE runs SET final_metrics = ${FINAL_METRICS_SQL}, best_metrics = ${METRIC_RANGES_SQL};
      CREATE TABLE step_metrics (
        run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        first_step INTEGER NOT NULL,
        last_step  INTEGER NOT NULL,
        count      INTEGER NOT NULL,
        names      TEXT NOT NULL,
        steps      BLOB NOT NULL,
        epochs     BLOB NOT NULL,
        vals       BLOB NOT NULL
      );
      CREATE INDEX step_metrics_by_run ON step_metrics(run_id, first_step);
    `,
    after: stepRowsToChunks,
  },
  {
    version: 5,
    name: 'wall-clock time of each metric point (relative-time x-axis)',
    sql: `
      ALTER TABLE step_metrics ADD COLUMN times BLOB;
      ALTER TABLE metrics ADD COLUMN wall_time REAL;
    `,
  },
  {
    version: 6,
    name: 'a fixed test split of imported datasets (stored after train and validation)',
    sql: `ALTER TABLE datasets ADD COLUMN test_count INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 7,
    name: 'training sessions of runs (first start and each resume), for training time and the list of resumes',
    // Runs that had started before have no sessions: started_at..finished_at would count the time between a stop
    // and its resume, which was not recorded, so their training time is unknown rather than guessed.
    sql: `
      CREATE TABLE run_sessions (
        id         INTEGER PRIMARY KEY,
        run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        ended_at   TEXT,
        end_status TEXT CHECK (end_status IN ('completed','stopped','failed','interrupted')),
        ended_by   TEXT CHECK (ended_by IN ('recorded','last-metric')),
        from_step  INTEGER,
        from_epoch INTEGER,
        paused_ms  INTEGER NOT NULL DEFAULT 0,
        paused_at  TEXT,
        backend        TEXT,
        backend_detail TEXT
      );
      CREATE INDEX run_sessions_by_run ON run_sessions(run_id, id);
      ALTER TABLE runs ADD COLUMN sessions_from_start INTEGER NOT NULL DEFAULT 1;
      UPDATE runs SET sessions_from_start = 0 WHERE started_at IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: "saved architectures (the builder's library): an encoder and a decoder by name",
    // Names are unique regardless of case (NOCASE folds ASCII letters only): the library is picked from by name, and
    // 'Conv small' beside 'conv small' would be two entries no one can tell apart. Runs copy their layers into their
    // own config, so nothing references this table and deleting a row never touches a run. AUTOINCREMENT: an id is
    // never reused, so a save from a window still holding a deleted architecture's id cannot overwrite a newer one.
    sql: `
      CREATE TABLE architectures (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        encoder    TEXT NOT NULL,
        decoder    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: 'imported graph datasets (edge list, LINQS, TU Dortmund) with their node, edge and feature counts',
    // SQLite cannot widen a CHECK in place, so the table is rebuilt. dataset_skipped is set aside first: with foreign
    // keys on, dropping datasets would cascade into it. Its rows go back in their old order (the report's order).
    sql: `
      CREATE TEMP TABLE dataset_skipped_kept AS SELECT rowid AS seq, dataset_id, file, reason FROM dataset_skipped;
      DROP TABLE dataset_skipped;
      CREATE TABLE datasets_next (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('image','vector','graph')),
        source       TEXT NOT NULL CHECK (source IN ('image-folder','idx','edge-list','linqs','tu-dortmund')),
        source_path  TEXT NOT NULL,
        count        INTEGER NOT NULL,
        train_count  INTEGER NOT NULL,
        sample_shape TEXT NOT NULL,
        classes      TEXT NOT NULL,
        class_counts TEXT NOT NULL,
        options      TEXT NOT NULL,
        dir          TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        test_count   INTEGER NOT NULL DEFAULT 0,
        graph        TEXT
      );
      INSERT INTO datasets_next (id, name, kind, source, source_path, count, train_count, sample_shape, classes, class_counts, options, dir, created_at, test_count)
        SELECT id, name, kind, source, source_path, count, train_count, sample_shape, classes, class_counts, options, dir, created_at, test_count FROM datasets;
      DROP TABLE datasets;
      ALTER TABLE datasets_next RENAME TO datasets;
      CREATE TABLE dataset_skipped (
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        file       TEXT NOT NULL,
        reason     TEXT NOT NULL
      );
      INSERT INTO dataset_skipped (dataset_id, file, reason) SELECT dataset_id, file, reason FROM dataset_skipped_kept ORDER BY seq;
      DROP TABLE dataset_skipped_kept;
      CREATE INDEX dataset_skipped_by_dataset ON dataset_skipped(dataset_id);
    `,
  },
];
