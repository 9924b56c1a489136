import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetsRepo, type NewDataset } from '../../../../src-main/store/datasets-repo';
import { migrate, openDatabase } from '../../../../src-main/store/database';
import { MIGRATIONS } from '../../../../src-main/store/migrations';
import { tempDir } from '../../../helpers/temp-dir';

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  dir?.remove();
  dir = undefined;
});

const image: NewDataset = {
  id: 'ds-images',
  name: 'digits',
  kind: 'image',
  source: 'idx',
  sourcePath: '/data/digits',
  count: 10,
  trainCount: 8,
  testCount: 1,
  sampleShape: [1, 28, 28],
  classes: ['0', '1'],
  classCounts: [5, 5],
  options: { path: '/data/digits', size: 28 },
  dir: '/ignored',
  skipped: [
    { file: 'b.png', reason: 'second' },
    { file: 'a.png', reason: 'first in name, second in the report' },
  ],
};

const graph: NewDataset = {
  id: 'ds-graph',
  name: 'cora',
  kind: 'graph',
  source: 'linqs',
  sourcePath: '/data/cora',
  count: 2708,
  trainCount: 2708,
  testCount: 0,
  sampleShape: [1433],
  classes: ['Neural_Networks'],
  classCounts: [2708],
  options: { path: '/data/cora' },
  dir: '/ignored',
  skipped: [{ file: 'cora.cites', reason: '1 self-citation(s) dropped' }],
  graph: { graphs: 1, nodes: 2708, edges: 5278, featureCount: 1433 },
};

/** A run history as schema 8 left it, with an image dataset and its skip report. */
function historyAt8(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= 8)) {
    db.exec(m.sql);
    m.after?.(db);
    db.pragma(`user_version = ${m.version}`);
  }
  db.prepare(
    `INSERT INTO datasets (id, name, kind, source, source_path, count, train_count, test_count, sample_shape, classes, class_counts, options, dir, created_at)
     VALUES ('ds-images', 'digits', 'image', 'idx', '/data/digits', 10, 8, 1, '[1,28,28]', '["0","1"]', '[5,5]', '{"path":"/data/digits","size":28}', '/old', '2025-01-01T00:00:00.000Z')`,
  ).run();
  const skip = db.prepare('INSERT INTO dataset_skipped (dataset_id, file, reason) VALUES (?, ?, ?)');
  for (const s of image.skipped) skip.run('ds-images', s.file, s.reason);
  return db;
}

describe('imported datasets in SQLite', () => {
  it('migration 9 keeps every image dataset and its skip report in order, and then takes graph sources', () => {
    dir = tempDir();
    const db = historyAt8(join(dir.path, 'old.sqlite'));
    expect(() => db.prepare(`UPDATE datasets SET source = 'linqs'`).run()).toThrow(/CHECK constraint failed/);
    migrate(db);
    const repo = new DatasetsRepo(db, '/root');
    expect(repo.get('ds-images')).toMatchObject({ source: 'idx', count: 10, trainCount: 8, validationCount: 1, testCount: 1, classes: ['0', '1'], dir: join('/root', 'ds-images') });
    expect(repo.get('ds-images')).not.toHaveProperty('graph');
    expect(repo.skipped('ds-images')).toEqual(image.skipped);

    repo.insert(graph);
    expect(repo.get('ds-graph')).toMatchObject({ kind: 'graph', source: 'linqs', description: 'Imported LINQS citation graph: /data/cora', graph: graph.graph, validationCount: 0 });
    expect(repo.list().map((d) => d.id).sort()).toEqual(['ds-graph', 'ds-images']);
    // Deleting a dataset still takes its skip report with it (the foreign key survived the rebuild).
    repo.delete('ds-images');
    expect(db.prepare('SELECT COUNT(*) FROM dataset_skipped WHERE dataset_id = ?').pluck().get('ds-images')).toBe(0);
    expect(repo.skipped('ds-graph')).toEqual(graph.skipped);
    expect(() => db.prepare(`UPDATE datasets SET source = 'nonsense'`).run()).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('a fresh history stores each graph source with its summary', () => {
    dir = tempDir();
    const db = openDatabase(join(dir.path, 'h.sqlite'));
    const repo = new DatasetsRepo(db, '/root');
    for (const source of ['edge-list', 'linqs', 'tu-dortmund'] as const) repo.insert({ ...graph, id: `ds-${source}`, source });
    expect(repo.list().map((d) => [d.source, d.graph])).toEqual(expect.arrayContaining([['edge-list', graph.graph], ['linqs', graph.graph], ['tu-dortmund', graph.graph]]));
    db.close();
  });
});
