import type { MetricPoint, MetricSeries } from '../../src-shared/contract/types';
import type { Db } from './database';
import { FINAL_METRICS_SQL, METRIC_RANGES_SQL } from './migrations';

type Row = [step: number, epoch: number, name: string, value: number | null];

/** Pivots (step, epoch, name, value) rows ordered by step into a column-oriented series. */
function pivot(rows: Row[]): MetricSeries {
  const series: MetricSeries = { step: [], epoch: [], values: {} };
  const names = [...new Set(rows.map((r) => r[2]))].sort();
  for (const name of names) series.values[name] = [];
  let lastStep = Number.NaN;
  for (const [step, epoch, name, value] of rows) {
    if (step !== lastStep) {
      series.step.push(step);
      series.epoch.push(epoch);
      for (const n of names) series.values[n].push(Number.NaN);
      lastStep = step;
    }
    series.values[name][series.step.length - 1] = value ?? Number.NaN;
  }
  return series;
}

/** Metric points, written in batches (one transaction per batch) and read back as plot-ready series. */
export class MetricsRepo {
  private readonly insert;
  private readonly insertMany;
  private readonly summarize;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT OR REPLACE INTO metrics (run_id, scope, step, epoch, name, value) VALUES (?, ?, ?, ?, ?, ?)');
    // The run row keeps its final and extreme epoch metrics, so listing hundreds of runs reads one table.
    this.summarize = db.prepare(`UPDATE runs SET final_metrics = ${FINAL_METRICS_SQL}, best_metrics = ${METRIC_RANGES_SQL} WHERE id = ?`);
    this.insertMany = db.transaction((runId: number, points: MetricPoint[]) => {
      let epochPoints = false;
      for (const p of points) {
        epochPoints ||= p.scope === 'epoch';
        for (const [name, value] of Object.entries(p.values)) {
          this.insert.run(runId, p.scope, p.step, p.epoch, name, Number.isFinite(value) ? value : null);
        }
      }
      if (epochPoints) this.summarize.run(runId);
    });
  }

  append(runId: number, points: MetricPoint[]): void {
    if (points.length > 0) this.insertMany(runId, points);
  }

  /**
   * Drops every point after `step` (both scopes): a run resumed from the checkpoint of `step` trains those steps
   * again, so its history keeps each step and epoch exactly once.
   */
  deleteAfter(runId: number, step: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM metrics WHERE run_id = ? AND step > ?').run(runId, step);
      this.summarize.run(runId);
    })();
  }

  /** How many distinct steps a scope of a run has. */
  pointCount(runId: number, scope: MetricPoint['scope']): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM (SELECT DISTINCT step FROM metrics WHERE run_id = ? AND scope = ?)').get(runId, scope) as { n: number };
    return row.n;
  }

  /** The whole series of a scope. */
  series(runId: number, scope: MetricPoint['scope']): MetricSeries {
    const rows = this.db.prepare('SELECT step, epoch, name, value FROM metrics WHERE run_id = ? AND scope = ? ORDER BY step, name').raw().all(runId, scope) as Row[];
    return pivot(rows);
  }

  /**
   * The series downsampled in SQL to about `maxPoints` steps: the step range is cut into buckets and, for every
   * metric, the steps of its lowest and highest value in each bucket are kept (plus the first and last step), so
   * spikes survive; every metric's value is returned at each kept step. The full series stays in the table.
   */
  downsampled(runId: number, scope: MetricPoint['scope'], maxPoints: number): MetricSeries {
    const count = this.pointCount(runId, scope);
    if (count <= maxPoints) return this.series(runId, scope);
    const bounds = this.db.prepare('SELECT MIN(step) AS lo, MAX(step) AS hi, COUNT(DISTINCT name) AS k FROM metrics WHERE run_id = ? AND scope = ?').get(runId, scope) as {
      lo: number;
      hi: number;
      k: number;
    };
    const buckets = Math.max(1, Math.floor(maxPoints / (2 * Math.max(1, bounds.k))));
    const width = (bounds.hi - bounds.lo + 1) / buckets;
    // SQLite returns the row of the MIN()/MAX() for a bare column in an aggregate query with one min or max.
    const extremes = (fn: 'MIN' | 'MAX') =>
      this.db
        .prepare(
          `SELECT step, ${fn}(value) FROM metrics WHERE run_id = ? AND scope = ? AND value IS NOT NULL
           GROUP BY name, CAST((step - ?) / ? AS INTEGER)`,
        )
        .raw()
        .all(runId, scope, bounds.lo, width) as [number, number][];
    const keep = new Set<number>([bounds.lo, bounds.hi]);
    for (const [step] of extremes('MIN')) keep.add(step);
    for (const [step] of extremes('MAX')) keep.add(step);
    const rows = this.db
      .prepare(
        `SELECT step, epoch, name, value FROM metrics WHERE run_id = ? AND scope = ? AND step IN (SELECT value FROM json_each(?))
         ORDER BY step, name`,
      )
      .raw()
      .all(runId, scope, JSON.stringify([...keep])) as Row[];
    return pivot(rows);
  }

  /** Every point of a run as CSV: scope, step, epoch, then one column per metric (empty where a point lacks it). */
  csv(runId: number): string {
    const parts: string[] = [];
    const epoch = this.series(runId, 'epoch');
    const step = this.series(runId, 'step');
    const names = [...new Set([...Object.keys(step.values), ...Object.keys(epoch.values)])].sort();
    parts.push(['scope', 'step', 'epoch', ...names].join(','));
    const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
    for (const [scope, s] of [['step', step], ['epoch', epoch]] as const) {
      for (let i = 0; i < s.step.length; i++) {
        parts.push([scope, s.step[i], s.epoch[i], ...names.map((n) => cell(s.values[n]?.[i]))].join(','));
      }
    }
    return `${parts.join('\n')}\n`;
  }

  /** Last value of every epoch-level metric of a run. */
  finalValues(runId: number): Record<string, number> {
    const epoch = this.series(runId, 'epoch');
    return Object.fromEntries(Object.entries(epoch.values).map(([name, values]) => [name, values.at(-1) ?? Number.NaN]));
  }
}
