import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { architectureSpecSchema, type ArchitectureSpec } from '../../../../src-shared/model-spec/saved-architecture';
import { ArchitecturesRepo } from '../../../../src-main/store/architectures-repo';
import { migrate, openDatabase } from '../../../../src-main/store/database';
import { MIGRATIONS } from '../../../../src-main/store/migrations';
import { RunsRepo } from '../../../../src-main/store/runs-repo';
import { tempDir } from '../../../helpers/temp-dir';

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  vi.useRealTimers();
  dir?.remove();
  dir = undefined;
});

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const clock = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);

/** Layers as the contract's schema leaves them (defaults filled in), which is what the host stores. */
const spec = (units: number): ArchitectureSpec =>
  architectureSpecSchema.parse({
    encoder: [{ type: 'flatten' }, { type: 'dense', units, activation: 'relu', name: 'hidden' }],
    decoder: [{ type: 'dense', units: 784, activation: 'sigmoid' }, { type: 'reshape', targetShape: [28, 28, 1] }],
  });

function open() {
  dir = tempDir();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock(0);
  const db = openDatabase(join(dir.path, 'h.sqlite'));
  return { db, repo: new ArchitecturesRepo(db) };
}

describe('saved architectures', () => {
  it('stores the layers as given and reads them back, listed by name regardless of case', () => {
    const { db, repo } = open();
    const b = repo.insert('mlp 64', spec(64));
    const a = repo.insert('Conv small', spec(32));
    const c = repo.insert('conv wide', spec(128));
    expect(b).toEqual({ id: 1, name: 'mlp 64', encoder: spec(64).encoder, decoder: spec(64).decoder, createdAt: at(0), updatedAt: at(0) });
    expect(repo.list().map((x) => x.id)).toEqual([a.id, c.id, b.id]);
    expect(repo.get(a.id)).toEqual(a);
    expect(repo.get(99)).toBeUndefined();
    db.close();
  });

  it('finds a name regardless of ASCII case, and the table refuses a second one that differs only by case', () => {
    const { db, repo } = open();
    const a = repo.insert('conv small', spec(32));
    expect(repo.byName('CONV Small')?.id).toBe(a.id);
    expect(repo.byName('conv smal')).toBeUndefined();
    expect(() => repo.insert('Conv Small', spec(8))).toThrow(/UNIQUE constraint failed: architectures\.name/);
    db.close();
  });

  it('updates name and layers with a new updatedAt, renames keeping the layers, and says when the id is unknown', () => {
    const { db, repo } = open();
    const a = repo.insert('conv small', spec(32));
    clock(60);
    expect(repo.update(a.id, 'conv smaller', spec(16))).toEqual({ ...a, name: 'conv smaller', encoder: spec(16).encoder, updatedAt: at(60) });
    clock(120);
    expect(repo.rename(a.id, 'Conv Smaller')).toEqual({ ...a, name: 'Conv Smaller', encoder: spec(16).encoder, updatedAt: at(120) });
    expect(repo.update(99, 'x', spec(8))).toBeUndefined();
    expect(repo.rename(99, 'x')).toBeUndefined();
    expect(repo.list()).toHaveLength(1);
    db.close();
  });

  it('never reuses a deleted id, so a stale id cannot reach a newer architecture', () => {
    const { db, repo } = open();
    const a = repo.insert('a', spec(8));
    expect(repo.delete(a.id)).toBe(true);
    expect(repo.delete(a.id)).toBe(false);
    expect(repo.insert('b', spec(8)).id).toBe(a.id + 1);
    db.close();
  });

  it('deleting an architecture leaves runs alone: they hold their own copy of the layers', () => {
    const { db, repo } = open();
    const a = repo.insert('conv small', spec(32));
    const parsed = parseRunConfig({ dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 4, encoder: a.encoder, decoder: a.decoder } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const runs = new RunsRepo(db);
    const run = runs.create(parsed.config, 'owner');
    repo.delete(a.id);
    expect(runs.get(run.id)?.config.model).toMatchObject({ encoder: a.encoder, decoder: a.decoder });
    db.close();
  });
});

describe('migration 8', () => {
  it('adds an empty architectures table to a history at schema 7, leaving its runs as they were', () => {
    dir = tempDir();
    const db = new Database(join(dir.path, 'old.sqlite'));
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.filter((x) => x.version <= 7)) {
      db.exec(m.sql);
      m.after?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
    db.prepare(
      `INSERT INTO runs (id, name, status, config, family, dataset_id, created_at, owner) VALUES (1, 'old', 'completed', '{}', 'vae', 'builtin:sprites', ?, 'owner')`,
    ).run(at(0));
    const before = db.prepare('SELECT * FROM runs').all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT * FROM runs').all()).toEqual(before);
    const repo = new ArchitecturesRepo(db);
    expect(repo.list()).toEqual([]);
    expect(repo.insert('conv small', spec(32)).id).toBe(1);
    db.close();
  });
});
