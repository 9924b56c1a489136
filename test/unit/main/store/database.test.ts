import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import { openDatabase, schemaVersion } from '../../../../src-main/store/database';
import { MIGRATIONS } from '../../../../src-main/store/migrations';
import { MetricsRepo } from '../../../../src-main/store/metrics-repo';
import { RunsRepo } from '../../../../src-main/store/runs-repo';
import { tempDir } from '../../../helpers/temp-dir';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

const config = () => {
  const r = parseRunConfig({ dataset: { id: 'builtin:sprites' }, model: { family: 'vae', latentDim: 4 } });
  if (!r.ok) throw new Error('fixture config invalid');
  return r.config;
};

describe('run history database', () => {
  it('creates the schema in WAL mode and reopens without re-migrating', () => {
    dir = tempDir();
    const path = join(dir.path, 'h.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    new RunsRepo(db).create(config(), 'owner');
    db.close();
    const again = openDatabase(path);
    expect(new RunsRepo(again).list()).toHaveLength(1);
    again.close();
  });

  it('refuses a history written by a newer schema instead of corrupting it', () => {
    dir = tempDir();
    const path = join(dir.path, 'h.sqlite');
    const db = openDatabase(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer Latent Lab \(schema 999/);
  });

  it('marks runs a dead host left active as interrupted, keeping their metrics', () => {
    dir = tempDir();
    const db = openDatabase(join(dir.path, 'h.sqlite'));
    const runs = new RunsRepo(db);
    const metrics = new MetricsRepo(db);
    const running = runs.create(config(), 'owner');
    runs.markStarted(running.id, 'wasm', 1234);
    metrics.append(running.id, [{ scope: 'step', step: 1, epoch: 1, values: { loss: 5, kl: 1 } }]);
    const done = runs.create(config(), 'owner');
    runs.finish(done.id, 'completed', null);

    expect(runs.markInterrupted((owner) => owner === 'owner')).toBe(0);
    expect(runs.markInterrupted(() => false)).toBe(1);
    expect(runs.get(running.id)?.status).toBe('interrupted');
    expect(runs.get(running.id)?.error).toMatch(/closed or crashed/);
    expect(runs.get(done.id)?.status).toBe('completed');
    expect(metrics.series(running.id, 'step').values.loss).toEqual([5]);
    db.close();
  });
});

describe('metrics', () => {
  it('reads batches back as aligned columns, with gaps where a metric is missing', () => {
    dir = tempDir();
    const db = openDatabase(join(dir.path, 'h.sqlite'));
    const run = new RunsRepo(db).create(config(), 'owner');
    const metrics = new MetricsRepo(db);
    metrics.append(run.id, [
      { scope: 'step', step: 1, epoch: 1, values: { loss: 3, kl: 1 } },
      { scope: 'step', step: 2, epoch: 1, values: { loss: 2 } },
      { scope: 'epoch', step: 2, epoch: 1, values: { val_loss: 2.5 } },
    ]);
    metrics.append(run.id, [{ scope: 'step', step: 3, epoch: 2, values: { loss: 1, kl: 0.5 } }]);
    const steps = metrics.series(run.id, 'step');
    expect(steps.step).toEqual([1, 2, 3]);
    expect(steps.epoch).toEqual([1, 1, 2]);
    expect(steps.values.loss).toEqual([3, 2, 1]);
    expect(steps.values.kl).toEqual([1, Number.NaN, 0.5]);
    expect(metrics.finalValues(run.id)).toEqual({ val_loss: 2.5 });
    db.close();
  });
});
