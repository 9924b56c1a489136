import type { DatasetInfo, DatasetSourceKind, GraphSummary, SkippedFile } from '../../src-shared/datasets/types';
import { join } from 'node:path';
import type { Db } from './database';

interface DatasetRow {
  id: string;
  name: string;
  kind: DatasetInfo['kind'];
  source: Exclude<DatasetSourceKind, 'builtin'>;
  source_path: string;
  count: number;
  train_count: number;
  test_count: number;
  sample_shape: string;
  classes: string;
  class_counts: string;
  options: string;
  dir: string;
  created_at: string;
  /** JSON GraphSummary of a graph dataset, NULL for images (migration 9). */
  graph: string | null;
}

export interface StoredDataset extends DatasetInfo {
  sourcePath: string;
  options: Record<string, unknown>;
  /** Folder of the dataset's files. */
  dir: string;
}

export type NewDataset = Omit<StoredDataset, 'builtin' | 'createdAt' | 'validationCount' | 'factors' | 'description'> & {
  skipped: SkippedFile[];
};

const DESCRIPTIONS: Record<DatasetRow['source'], string> = {
  'image-folder': 'Imported image folder',
  idx: 'Imported IDX files',
  'edge-list': 'Imported edge list',
  linqs: 'Imported LINQS citation graph',
  'tu-dortmund': 'Imported TU Dortmund graph set',
};

function fromRow(row: DatasetRow, root: string): StoredDataset {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    source: row.source,
    description: `${DESCRIPTIONS[row.source]}: ${row.source_path}`,
    sampleShape: JSON.parse(row.sample_shape) as number[],
    count: row.count,
    trainCount: row.train_count,
    validationCount: row.count - row.train_count - row.test_count,
    testCount: row.test_count,
    classes: JSON.parse(row.classes) as string[],
    classCounts: JSON.parse(row.class_counts) as number[],
    factors: [],
    builtin: false,
    createdAt: row.created_at,
    sourcePath: row.source_path,
    options: JSON.parse(row.options) as Record<string, unknown>,
    // Derived from the current data dir, so a moved or symlinked data dir still finds its datasets.
    dir: join(root, row.id),
    ...(row.graph ? { graph: JSON.parse(row.graph) as GraphSummary } : {}),
  };
}

/** Imported datasets and their provenance. Only the host writes it. */
export class DatasetsRepo {
  /** `root` is the data dir's datasets folder; each dataset's files live in `<root>/<id>/`. */
  constructor(
    private readonly db: Db,
    private readonly root: string,
  ) {}

  insert(d: NewDataset): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO datasets (id, name, kind, source, source_path, count, train_count, test_count, sample_shape, classes, class_counts, options, dir, created_at, graph)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          d.id,
          d.name,
          d.kind,
          d.source,
          d.sourcePath,
          d.count,
          d.trainCount,
          d.testCount,
          JSON.stringify(d.sampleShape),
          JSON.stringify(d.classes),
          JSON.stringify(d.classCounts),
          JSON.stringify(d.options),
          d.dir,
          new Date().toISOString(),
          d.graph ? JSON.stringify(d.graph) : null,
        );
      const skip = this.db.prepare('INSERT INTO dataset_skipped (dataset_id, file, reason) VALUES (?, ?, ?)');
      for (const s of d.skipped) skip.run(d.id, s.file, s.reason);
    })();
  }

  get(id: string): StoredDataset | undefined {
    const row = this.db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined;
    return row ? fromRow(row, this.root) : undefined;
  }

  list(): StoredDataset[] {
    return (this.db.prepare('SELECT * FROM datasets ORDER BY created_at DESC').all() as DatasetRow[]).map((row) => fromRow(row, this.root));
  }

  skipped(id: string): SkippedFile[] {
    return this.db.prepare('SELECT file, reason FROM dataset_skipped WHERE dataset_id = ? ORDER BY rowid').all(id) as SkippedFile[];
  }

  usedByRuns(id: string): number[] {
    return (this.db.prepare('SELECT id FROM runs WHERE dataset_id = ? ORDER BY id').all(id) as { id: number }[]).map((r) => r.id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
  }

  /** Ids (= folder names) of every registered dataset, to tell orphans left by a crash from real datasets. */
  ids(): Set<string> {
    return new Set((this.db.prepare('SELECT id FROM datasets').all() as { id: string }[]).map((r) => r.id));
  }
}
