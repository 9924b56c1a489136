import type { MetricPoint, MetricSeries } from '../../src-shared/contract/types';
import { DISENTANGLEMENT_METRICS } from '../../src-shared/metrics/disentanglement';
import { downsampleSeries, type ColumnSeries } from '../../src-shared/metrics/downsample';
import type { Db } from './database';
import { FINAL_METRICS_SQL, METRIC_RANGES_SQL } from './migrations';
import { chunkOf, decodeChunk, encodeChunk, seriesOfChunks, truncateChunk, type StepChunkRow } from './step-chunks';

type Row = [step: number, epoch: number, name: string, value: number | null, wallTime: number | null];

/** Pivots (step, epoch, name, value, wall time) rows ordered by step into a column-oriented series. */
function pivot(rows: Row[]): MetricSeries {
  const series: MetricSeries = { step: [], epoch: [], values: {} };
  const names = [...new Set(rows.map((r) => r[2]))].sort();
  for (const name of names) series.values[name] = [];
  const time: number[] = [];
  let timed = false;
  let lastStep = Number.NaN;
  for (const [step, epoch, name, value, wallTime] of rows) {
    if (step !== lastStep) {
      series.step.push(step);
      series.epoch.push(epoch);
      time.push(Number.NaN);
      for (const n of names) series.values[n].push(Number.NaN);
      lastStep = step;
    }
    series.values[name][series.step.length - 1] = value ?? Number.NaN;
    if (wallTime !== null) {
      // The earliest time of a step's values: an epoch's extra values (early_stopped) come after its metrics.
      const at = series.step.length - 1;
      time[at] = Number.isNaN(time[at]) ? wallTime : Math.min(time[at], wallTime);
      timed = true;
    }
  }
  if (timed) series.time = time;
  return series;
}

/**
 * Metric points: per-step points as chunks of typed arrays (one row per flushed batch, see step-chunks.ts),
 * per-epoch points as rows (few, and queried by SQL for each run's final and best values). Read back as plot-ready
 * column series.
 */
export class MetricsRepo {
  private readonly insertEpoch;
  private readonly insertChunk;
  private readonly appendAll;
  private readonly summarize;
  private readonly lastEpochStep;
  private readonly readSummary;
  private readonly writeSummary;

  constructor(private readonly db: Db) {
    this.insertEpoch = db.prepare(`INSERT OR REPLACE INTO metrics (run_id, scope, step, epoch, name, value, wall_time) VALUES (?, 'epoch', ?, ?, ?, ?, ?)`);
    this.insertChunk = db.prepare(
      'INSERT INTO step_metrics (run_id, first_step, last_step, count, names, steps, epochs, vals, times) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The run row keeps its final and extreme epoch metrics, so listing hundreds of runs reads one table.
    this.summarize = db.prepare(`UPDATE runs SET final_metrics = ${FINAL_METRICS_SQL}, best_metrics = ${METRIC_RANGES_SQL} WHERE id = ?`);
    this.lastEpochStep = db.prepare(`SELECT MAX(step) FROM metrics WHERE run_id = ? AND scope = 'epoch'`).pluck();
    this.readSummary = db.prepare('SELECT final_metrics, best_metrics FROM runs WHERE id = ?');
    this.writeSummary = db.prepare('UPDATE runs SET final_metrics = ?, best_metrics = ? WHERE id = ?');
    this.appendAll = db.transaction((runId: number, points: MetricPoint[]) => {
      const chunk = chunkOf(points);
      if (chunk) {
        const c = encodeChunk(chunk);
        this.insertChunk.run(runId, c.first, c.last, c.count, c.names, c.steps, c.epochs, c.vals, c.times);
      }
      const epochPoints = points.filter((p) => p.scope === 'epoch');
      if (epochPoints.length === 0) return;
      const lastStep = this.lastEpochStep.get(runId) as number | null;
      for (const p of epochPoints) {
        for (const [name, value] of Object.entries(p.values)) this.insertEpoch.run(runId, p.step, p.epoch, name, Number.isFinite(value) ? value : null, p.time ?? null);
      }
      this.updateSummary(runId, lastStep, epochPoints);
    });
  }

  /**
   * Brings the run row's final and [min, max] epoch metrics up to date with new epoch points, without rescanning
   * the run's whole history (which made each flush of a long run slower than the last). Points that land before
   * the last recorded epoch step (not something the trainer sends) fall back to the full SQL recomputation.
   */
  private updateSummary(runId: number, lastStep: number | null, points: MetricPoint[]): void {
    const newLast = Math.max(...points.map((p) => p.step));
    if (lastStep !== null && points.some((p) => p.step < lastStep)) {
      this.summarize.run(runId);
      return;
    }
    const row = this.readSummary.get(runId) as { final_metrics: string; best_metrics: string } | undefined;
    if (!row) return;
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    const final: Record<string, number | null> = newLast === lastStep ? (JSON.parse(row.final_metrics) as Record<string, number | null>) : {};
    const ranges = JSON.parse(row.best_metrics) as Record<string, [number | null, number | null]>;
    for (const p of points) {
      for (const [name, value] of Object.entries(p.values)) {
        if (p.step === newLast) final[name] = finite(value);
        const [lo, hi] = ranges[name] ?? [null, null];
        const v = finite(value);
        ranges[name] = v === null ? [lo, hi] : [lo === null ? v : Math.min(lo, v), hi === null ? v : Math.max(hi, v)];
      }
    }
    this.writeSummary.run(JSON.stringify(final), JSON.stringify(ranges), runId);
  }

  /** Writes a batch of points in one transaction (the per-step ones as one chunk). */
  append(runId: number, points: MetricPoint[]): void {
    if (points.length > 0) this.appendAll(runId, points);
  }

  /**
   * Drops every point after `step` (both scopes): a run resumed from the checkpoint of `step` trains those steps
   * again, so its history keeps each step and epoch exactly once.
   */
  deleteAfter(runId: number, step: number): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM metrics WHERE run_id = ? AND step > ?`).run(runId, step);
      const straddling = this.db
        .prepare('SELECT rowid AS id, names, steps, epochs, vals, times FROM step_metrics WHERE run_id = ? AND first_step <= ? AND last_step > ?')
        .all(runId, step, step) as (StepChunkRow & { id: number })[];
      this.db.prepare('DELETE FROM step_metrics WHERE run_id = ? AND (first_step > ? OR last_step > ?)').run(runId, step, step);
      for (const row of straddling) {
        const chunk = decodeChunk(row);
        const kept = truncateChunk(chunk, chunk.steps.findIndex((s) => s > step));
        const c = encodeChunk(kept);
        this.insertChunk.run(runId, c.first, c.last, c.count, c.names, c.steps, c.epochs, c.vals, c.times);
      }
      this.summarize.run(runId);
    })();
  }

  /**
   * Drops a run's scores of its final weights (the test split's test_… metrics and the disentanglement scores), and
   * brings its final and extreme metrics up to date.
   */
  deleteFinalScores(runId: number): void {
    this.db.transaction(() => {
      const scores = DISENTANGLEMENT_METRICS.map(() => '?').join(', ');
      this.db
        .prepare(`DELETE FROM metrics WHERE run_id = ? AND scope = 'epoch' AND (name LIKE 'test\\_%' ESCAPE '\\' OR name IN (${scores}))`)
        .run(runId, ...DISENTANGLEMENT_METRICS);
      this.summarize.run(runId);
    })();
  }

  /** How many points a scope of a run has (steps for 'step', epoch points for 'epoch'). */
  pointCount(runId: number, scope: MetricPoint['scope']): number {
    if (scope === 'step') return (this.db.prepare('SELECT COALESCE(SUM(count), 0) FROM step_metrics WHERE run_id = ?').pluck().get(runId) as number) ?? 0;
    return this.db.prepare(`SELECT COUNT(DISTINCT step) FROM metrics WHERE run_id = ? AND scope = 'epoch'`).pluck().get(runId) as number;
  }

  /** The whole series of a scope. */
  series(runId: number, scope: MetricPoint['scope']): MetricSeries {
    return downsampleSeries(this.columns(runId, scope), Number.POSITIVE_INFINITY);
  }

  private columns(runId: number, scope: MetricPoint['scope']): ColumnSeries {
    if (scope === 'step') {
      const rows = this.db.prepare('SELECT names, steps, epochs, vals, times FROM step_metrics WHERE run_id = ? ORDER BY rowid').all(runId) as StepChunkRow[];
      return seriesOfChunks(rows.map(decodeChunk));
    }
    const rows = this.db.prepare(`SELECT step, epoch, name, value, wall_time FROM metrics WHERE run_id = ? AND scope = 'epoch' ORDER BY step, name`).raw().all(runId) as Row[];
    return pivot(rows);
  }

  /**
   * The series thinned to about `maxPoints` points for a chart (src-shared/metrics/downsample.ts: every metric's
   * lowest and highest value in each bucket, and both ends, are kept). The full series stays in the history.
   */
  downsampled(runId: number, scope: MetricPoint['scope'], maxPoints: number): MetricSeries {
    return downsampleSeries(this.columns(runId, scope), maxPoints);
  }

  /**
   * Every point of a run as CSV: scope, step, epoch, wall_time (seconds since the Unix epoch, when the point was
   * recorded; empty for points from before times were kept), then one column per metric (empty where a point
   * lacks it).
   */
  csv(runId: number): string {
    const epoch = this.columns(runId, 'epoch');
    const step = this.columns(runId, 'step');
    const names = [...new Set([...Object.keys(step.values), ...Object.keys(epoch.values)])].sort();
    const lines: string[] = [['scope', 'step', 'epoch', 'wall_time', ...names].join(',')];
    const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
    for (const [scope, s] of [['step', step], ['epoch', epoch]] as const) {
      const columns = names.map((n) => s.values[n]);
      for (let i = 0; i < s.step.length; i++) {
        const time = s.time?.[i];
        let line = `${scope},${s.step[i]},${s.epoch[i]},${time === undefined || Number.isNaN(time) ? '' : time / 1000}`;
        for (const column of columns) line += `,${cell(column?.[i])}`;
        lines.push(line);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** Last value of every epoch-level metric of a run. */
  finalValues(runId: number): Record<string, number> {
    const epoch = this.series(runId, 'epoch');
    return Object.fromEntries(Object.entries(epoch.values).map(([name, values]) => [name, values.at(-1) ?? Number.NaN]));
  }
}
