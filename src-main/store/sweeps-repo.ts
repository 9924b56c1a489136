import type { SweepSpec } from '../../src-shared/sweeps/sweep-spec';
import type { Db } from './database';

export interface SweepRecord {
  id: number;
  name: string;
  method: 'grid' | 'random';
  fields: string[];
  spec: SweepSpec;
  createdAt: string;
}

interface SweepRow {
  id: number;
  name: string;
  method: 'grid' | 'random';
  fields: string;
  spec: string;
  created_at: string;
}

const fromRow = (row: SweepRow): SweepRecord => ({
  id: row.id,
  name: row.name,
  method: row.method,
  fields: JSON.parse(row.fields) as string[],
  spec: JSON.parse(row.spec) as SweepSpec,
  createdAt: row.created_at,
});

/** Sweeps: a base config and the values of the swept fields; their runs point back with `runs.sweep_id`. */
export class SweepsRepo {
  constructor(private readonly db: Db) {}

  insert(name: string, spec: SweepSpec): number {
    const info = this.db
      .prepare('INSERT INTO sweeps (name, method, fields, spec, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, spec.method, JSON.stringify(Object.keys(spec.parameters)), JSON.stringify(spec), new Date().toISOString());
    return Number(info.lastInsertRowid);
  }

  get(id: number): SweepRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sweeps WHERE id = ?').get(id) as SweepRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  list(): SweepRecord[] {
    return (this.db.prepare('SELECT * FROM sweeps ORDER BY id DESC').all() as SweepRow[]).map(fromRow);
  }

  /** Runs a function inside one transaction (a sweep and all its runs are queued together or not at all). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
