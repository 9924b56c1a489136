/**
 * Numbered schema migrations, applied in order inside one transaction each; PRAGMA user_version records
 * the last one applied. Never edit a released migration: add the next number.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
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
];
