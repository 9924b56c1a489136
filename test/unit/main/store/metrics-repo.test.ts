import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../../../src-shared/config/parse-run-config';
import type { MetricPoint } from '../../../../src-shared/contract/types';
import { migrate, openDatabase } from '../../../../src-main/store/database';
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

function open() {
  dir = tempDir();
  const db = openDatabase(join(dir.path, 'h.sqlite'));
  return { db, runs: new RunsRepo(db), metrics: new MetricsRepo(db) };
}

describe('metrics repo', () => {
  it('keeps the final and the extreme value of every epoch metric on the run row as points arrive', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    metrics.append(run.id, [
      { scope: 'epoch', step: 10, epoch: 1, values: { val_loss: 5, psnr: 10 } },
      { scope: 'epoch', step: 20, epoch: 2, values: { val_loss: 3, psnr: 14 } },
    ]);
    metrics.append(run.id, [{ scope: 'epoch', step: 30, epoch: 3, values: { val_loss: 4, psnr: 12, early_stopped: 1 } }]);
    const record = runs.get(run.id);
    expect(record?.final).toEqual({ val_loss: 4, psnr: 12, early_stopped: 1 });
    expect(record?.ranges).toEqual({ val_loss: [3, 5], psnr: [10, 14], early_stopped: [1, 1] });
    // Kept up to date point by point, it agrees with a recomputation over the whole history in SQL.
    metrics.deleteAfter(run.id, 1e9);
    expect(runs.get(run.id)).toMatchObject({ final: record?.final, ranges: record?.ranges });
    // A non-finite value is recorded as missing and read back as NaN, never as 0.
    metrics.append(run.id, [{ scope: 'epoch', step: 40, epoch: 4, values: { val_loss: Number.POSITIVE_INFINITY } }]);
    expect(runs.get(run.id)?.final.val_loss).toBeNaN();
    db.close();
  });

  it('drops the points after a checkpoint step (both scopes) and recomputes the summary', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    const points: MetricPoint[] = [];
    for (let step = 1; step <= 6; step++) points.push({ scope: 'step', step, epoch: Math.ceil(step / 3), values: { loss: 10 - step } });
    points.push({ scope: 'epoch', step: 3, epoch: 1, values: { val_loss: 7 } }, { scope: 'epoch', step: 6, epoch: 2, values: { val_loss: 4 } });
    metrics.append(run.id, points);
    metrics.deleteAfter(run.id, 3);
    expect(metrics.series(run.id, 'step').step).toEqual([1, 2, 3]);
    expect(metrics.series(run.id, 'epoch').step).toEqual([3]);
    expect(runs.get(run.id)?.final).toEqual({ val_loss: 7 });
    db.close();
  });

  it('downsamples a long series in SQL to about maxPoints steps, keeping every metric’s spikes and both ends', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    const n = 50_000;
    const points: MetricPoint[] = [];
    for (let step = 1; step <= n; step++) {
      const loss = step === 31_337 ? 1e6 : 100 + Math.sin(step);
      const kl = step === 12_345 ? -50 : 3 + Math.cos(step);
      points.push({ scope: 'step', step, epoch: Math.ceil(step / 1000), values: { loss, kl } });
    }
    metrics.append(run.id, points);
    expect(metrics.pointCount(run.id, 'step')).toBe(n);
    const series = metrics.downsampled(run.id, 'step', 2000);
    expect(series.step.length).toBeLessThanOrEqual(2002);
    expect(series.step.length).toBeGreaterThan(1000);
    expect(series.step[0]).toBe(1);
    expect(series.step.at(-1)).toBe(n);
    expect(series.step.every((s, i) => i === 0 || s > series.step[i - 1])).toBe(true);
    expect(Math.max(...series.values.loss)).toBe(1e6);
    expect(Math.min(...series.values.kl)).toBe(-50);
    // Every kept step carries every metric, at its true value.
    const at = series.step.indexOf(31_337);
    expect(series.values.kl[at]).toBeCloseTo(3 + Math.cos(31_337), 12);
    expect(series.epoch[at]).toBe(32);
    // Short series come back whole.
    expect(metrics.downsampled(run.id, 'epoch', 2000).step).toEqual([]);
    db.close();
  });

  it('writes every point of a run as CSV, one column per metric', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    metrics.append(run.id, [
      { scope: 'step', step: 1, epoch: 1, values: { loss: 3, kl: 1 } },
      { scope: 'step', step: 2, epoch: 1, values: { loss: 2 } },
      { scope: 'epoch', step: 2, epoch: 1, values: { val_loss: 2.5 } },
    ]);
    expect(metrics.csv(run.id)).toBe('scope,step,epoch,wall_time,kl,loss,val_loss\nstep,1,1,,1,3,\nstep,2,1,,,2,\nepoch,2,1,,,,2.5\n');
    db.close();
  });

  it('keeps the wall-clock time of every point, through downsampling, truncation on resume and the CSV', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    const t0 = 1_764_000_000_000;
    const steps: MetricPoint[] = Array.from({ length: 5000 }, (_, i) => ({ scope: 'step', step: i + 1, epoch: 1 + Math.floor(i / 1000), values: { loss: 1 / (i + 1) }, time: t0 + 10 * i }));
    metrics.append(run.id, steps.slice(0, 2500));
    metrics.append(run.id, [...steps.slice(2500), { scope: 'epoch', step: 5000, epoch: 5, values: { val_loss: 0.5 }, time: t0 + 50_100 }]);
    // An epoch's extra value recorded later does not move the epoch's time.
    metrics.append(run.id, [{ scope: 'epoch', step: 5000, epoch: 5, values: { early_stopped: 1 }, time: t0 + 50_200 }]);

    const full = metrics.series(run.id, 'step');
    expect(full.time).toHaveLength(5000);
    expect(full.time?.[0]).toBe(t0);
    expect(full.time?.[4999]).toBe(t0 + 49_990);
    const thin = metrics.downsampled(run.id, 'step', 200);
    expect(thin.time).toHaveLength(thin.step.length);
    thin.step.forEach((step, i) => expect(thin.time?.[i]).toBe(t0 + 10 * (step - 1)));
    expect(metrics.series(run.id, 'epoch').time).toEqual([t0 + 50_100]);

    // Resumed from step 1,234: the chunk straddling it keeps its first points' times.
    metrics.deleteAfter(run.id, 1234);
    const kept = metrics.series(run.id, 'step');
    expect(kept.step.at(-1)).toBe(1234);
    expect(kept.time?.at(-1)).toBe(t0 + 12_330);

    const lines = metrics.csv(run.id).split('\n');
    expect(lines[0]).toBe('scope,step,epoch,wall_time,loss');
    expect(lines[1]).toBe(`step,1,1,${t0 / 1000},1`);
    db.close();
  });

  it('series of points recorded before times were kept have no time column, and mixed ones NaN where missing', () => {
    const { db, runs, metrics } = open();
    const run = runs.create(config(), 'owner');
    metrics.append(run.id, [{ scope: 'step', step: 1, epoch: 1, values: { loss: 3 } }]);
    expect(metrics.series(run.id, 'step').time).toBeUndefined();
    metrics.append(run.id, [{ scope: 'step', step: 2, epoch: 1, values: { loss: 2 }, time: 5 }]);
    expect(metrics.series(run.id, 'step').time).toEqual([Number.NaN, 5]);
    db.close();
  });

  it('migration 4 fills the final and extreme metrics of runs recorded before it', () => {
    dir = tempDir();
    const db = new Database(join(dir.path, 'old.sqlite'));
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    db.prepare(`INSERT INTO runs (id, name, status, config, family, dataset_id, created_at) VALUES (1, 'old', 'completed', ?, 'vae', 'builtin:sprites', 'x')`).run(JSON.stringify(config()));
    const insert = db.prepare(`INSERT INTO metrics (run_id, scope, step, epoch, name, value) VALUES (1, 'epoch', ?, ?, 'val_loss', ?)`);
    insert.run(5, 1, 9);
    insert.run(10, 2, 6);
    insert.run(15, 3, 7);
    migrate(db);
    const run = new RunsRepo(db).get(1);
    expect(run).toMatchObject({ final: { val_loss: 7 }, ranges: { val_loss: [6, 9] }, tags: [], notes: '', sweepId: null });
    db.close();
  });
});
