import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { MetricPoint, MetricSeries, RunProgress, RunSummary } from '../../../src-shared/contract/types';
import { api, onReconnected } from '../api/client';

function emptySeries(): MetricSeries {
  return { step: [], epoch: [], values: {} };
}

/** Appends points to a column-oriented series, keeping every metric column the same length. */
export function appendPoints(series: MetricSeries, points: MetricPoint[]): void {
  for (const p of points) {
    series.step.push(p.step);
    series.epoch.push(p.epoch);
    const n = series.step.length;
    if (p.time !== undefined || series.time) {
      const time = (series.time ??= []);
      while (time.length < n - 1) time.push(Number.NaN);
      time.push(p.time ?? Number.NaN);
    }
    for (const [name, value] of Object.entries(p.values)) {
      const column = (series.values[name] ??= []);
      while (column.length < n - 1) column.push(Number.NaN);
      column.push(value);
    }
  }
}

export const useRunsStore = defineStore('runs', () => {
  const list = ref<RunSummary[]>([]);
  const progress = reactive(new Map<number, RunProgress>());
  /** Live series of runs trained while this window is open, keyed by run id. */
  const liveSteps = reactive(new Map<number, MetricSeries>());
  const liveEpochs = reactive(new Map<number, MetricSeries>());
  const watchedRunId = ref<number | null>(null);

  async function refresh(): Promise<void> {
    list.value = await api.call('runs.list', {});
  }
  /** A refresh nobody awaits; one lost to a dropped connection is made again when it comes back. */
  const refreshInBackground = () => void refresh().catch(() => undefined);
  onReconnected(refreshInBackground);

  api.on('run.progress', (p) => progress.set(p.runId, p));
  api.on('run.metrics', ({ runId, points }) => {
    if (!liveSteps.has(runId)) liveSteps.set(runId, emptySeries());
    if (!liveEpochs.has(runId)) liveEpochs.set(runId, emptySeries());
    appendPoints(liveSteps.get(runId)!, points.filter((p) => p.scope === 'step'));
    appendPoints(liveEpochs.get(runId)!, points.filter((p) => p.scope === 'epoch'));
  });
  api.on('run.status', ({ runId, status, error }) => {
    const run = list.value.find((r) => r.id === runId);
    if (run) {
      run.status = status;
      run.error = error;
    }
    if (!run || ['completed', 'stopped', 'failed'].includes(status)) refreshInBackground();
    // The Train screen follows the queue: when a run starts training and the one on screen is not training, show it.
    if (status === 'running' && runId !== watchedRunId.value && !isTraining(watchedRunId.value)) void watch(runId);
  });
  let changedTimer: ReturnType<typeof setTimeout> | null = null;
  api.on('runs.changed', () => {
    // A sweep queues many runs in one go: refresh once for the burst.
    if (changedTimer) clearTimeout(changedTimer);
    changedTimer = setTimeout(() => {
      changedTimer = null;
      refreshInBackground();
    }, 150);
  });

  /** Whether a run is training now (running or paused), as far as the list knows. */
  function isTraining(runId: number | null): boolean {
    const run = list.value.find((r) => r.id === runId);
    return !!run && (run.status === 'running' || run.status === 'paused');
  }

  /** Watches a run already under way (started by another window or the CLI): seeds its curves from the history. */
  async function watch(runId: number): Promise<void> {
    watchedRunId.value = runId;
    const detail = await api.call('runs.get', { runId });
    const toSeries = (s: MetricSeries): MetricSeries => ({ step: [...s.step], epoch: [...s.epoch], values: { ...s.values } });
    liveSteps.set(runId, toSeries(detail.steps));
    liveEpochs.set(runId, toSeries(detail.epochs));
  }

  /** Queues a run; the Train screen shows it at once unless it shows another run that is still training. */
  async function start(config: unknown): Promise<number> {
    const { runId } = await api.call('runs.start', { config });
    liveSteps.set(runId, emptySeries());
    liveEpochs.set(runId, emptySeries());
    await refresh();
    if (!isTraining(watchedRunId.value)) watchedRunId.value = runId;
    return runId;
  }

  return { list, progress, liveSteps, liveEpochs, watchedRunId, refresh, start, watch };
});
