import type { LayerSpec } from '../../src-shared/model-spec/layers';
import type { ArchitectureSpec, SavedArchitecture } from '../../src-shared/model-spec/saved-architecture';
import type { Db } from './database';

interface ArchitectureRow {
  id: number;
  name: string;
  encoder: string;
  decoder: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: ArchitectureRow): SavedArchitecture => ({
  id: row.id,
  name: row.name,
  encoder: JSON.parse(row.encoder) as LayerSpec[],
  decoder: JSON.parse(row.decoder) as LayerSpec[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Saved architectures (migration 8): an encoder and a decoder under a name unique regardless of ASCII case. The
 * caller checks names and ids inside `transaction`, so the check and the write see the same rows.
 */
export class ArchitecturesRepo {
  constructor(private readonly db: Db) {}

  /** By name, as the library lists them. */
  list(): SavedArchitecture[] {
    return (this.db.prepare('SELECT * FROM architectures ORDER BY name, id').all() as ArchitectureRow[]).map(fromRow);
  }

  get(id: number): SavedArchitecture | undefined {
    const row = this.db.prepare('SELECT * FROM architectures WHERE id = ?').get(id) as ArchitectureRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The architecture holding `name`, compared as the unique index compares it (ASCII case folded). */
  byName(name: string): SavedArchitecture | undefined {
    const row = this.db.prepare('SELECT * FROM architectures WHERE name = ?').get(name) as ArchitectureRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  insert(name: string, spec: ArchitectureSpec): SavedArchitecture {
    const now = new Date().toISOString();
    const info = this.db
      .prepare('INSERT INTO architectures (name, encoder, decoder, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, JSON.stringify(spec.encoder), JSON.stringify(spec.decoder), now, now);
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** Replaces an architecture's name and layers; undefined when there is no such id. */
  update(id: number, name: string, spec: ArchitectureSpec): SavedArchitecture | undefined {
    this.db
      .prepare('UPDATE architectures SET name = ?, encoder = ?, decoder = ?, updated_at = ? WHERE id = ?')
      .run(name, JSON.stringify(spec.encoder), JSON.stringify(spec.decoder), new Date().toISOString(), id);
    return this.get(id);
  }

  /** Renames an architecture, keeping its layers; undefined when there is no such id. */
  rename(id: number, name: string): SavedArchitecture | undefined {
    this.db.prepare('UPDATE architectures SET name = ?, updated_at = ? WHERE id = ?').run(name, new Date().toISOString(), id);
    return this.get(id);
  }

  /** Whether there was such an architecture to delete. */
  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM architectures WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Runs a function in one write transaction, taken before its first read (IMMEDIATE): a CLI process writing the same
   * history waits instead of slipping a same-named architecture between the check and the write.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
