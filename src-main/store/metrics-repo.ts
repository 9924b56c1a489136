import type { MetricPoint, MetricSeries } from '../../src-shared/contract/types';
import type { Db } from './database';

interface MetricRow {
  step: number;
  epoch: number;
  name: string;
  value: number | null;
}

/** Metric points, written in batches (one transaction per batch) and read back as plot-ready series. */
export class MetricsRepo {
  private readonly insert;
  private readonly insertMany;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO metrics (run_id, scope, step, epoch, name, value) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMany = db.transaction((runId: number, points: MetricPoint[]) => {
      for (const p of points) {
        for (const [name, value] of Object.entries(p.values)) {
          this.insert.run(runId, p.scope, p.step, p.epoch, name, Number.isFinite(value) ? value : null);
        }
      }
    });
  }

  append(runId: number, points: MetricPoint[]): void {
    if (points.length > 0) this.insertMany(runId, points);
  }

  series(runId: number, scope: MetricPoint['scope']): MetricSeries {
    const rows = this.db
      .prepare('SELECT step, epoch, name, value FROM metrics WHERE run_id = ? AND scope = ? ORDER BY step, name')
      .all(runId, scope) as MetricRow[];
    const series: MetricSeries = { step: [], epoch: [], values: {} };
    const names = [...new Set(rows.map((r) => r.name))];
    for (const name of names) series.values[name] = [];
    let lastStep = -1;
    for (const row of rows) {
      if (row.step !== lastStep) {
        series.step.push(row.step);
        series.epoch.push(row.epoch);
        for (const name of names) series.values[name].push(Number.NaN);
        lastStep = row.step;
      }
      series.values[row.name][series.step.length - 1] = row.value ?? Number.NaN;
    }
    return series;
  }

  /** Last value of every epoch-level metric of each run, for history tables. */
  finalValues(runId: number): Record<string, number> {
    const rows = this.db
      .prepare(
        `SELECT name, value FROM metrics m WHERE run_id = ? AND scope = 'epoch'
           AND step = (SELECT MAX(step) FROM metrics WHERE run_id = m.run_id AND scope = 'epoch')`,
      )
      .all(runId) as { name: string; value: number | null }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.value ?? Number.NaN]));
  }
}
