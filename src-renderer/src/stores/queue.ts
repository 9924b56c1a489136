import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunSummary } from '../../../src-shared/contract/types';
import { api, onReconnected } from '../api/client';

/**
 * The run queue as the host keeps it (SQLite, survives restarts): runs training now, runs waiting in order, and
 * how many train at once. Refreshed whenever the host says runs changed or a run changed status.
 */
export const useQueueStore = defineStore('queue', () => {
  const runs = ref<RunSummary[]>([]);
  const maxConcurrentRuns = ref<number | null>(null);
  const error = ref<string | null>(null);
  let loaded = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** Running and paused runs, oldest first. */
  const training = computed(() => runs.value.filter((r) => r.status === 'running' || r.status === 'paused').sort((a, b) => a.id - b.id));
  /** Waiting runs in the order they will train. */
  const waiting = computed(() =>
    runs.value.filter((r) => r.status === 'queued').sort((a, b) => (a.queuePosition ?? Infinity) - (b.queuePosition ?? Infinity) || a.id - b.id),
  );

  /** How many waiting runs train before this one (null when it is not waiting). */
  function aheadOf(runId: number): number | null {
    const index = waiting.value.findIndex((r) => r.id === runId);
    return index < 0 ? null : index;
  }

  async function refresh(): Promise<void> {
    try {
      runs.value = await api.call('runs.list', { status: ['queued', 'running', 'paused'] });
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /** Loads the queue and the setting once; later changes arrive as events. */
  async function load(): Promise<void> {
    if (loaded) return;
    loaded = true;
    await Promise.all([refresh(), api.call('settings.get', {}).then((s) => (maxConcurrentRuns.value = s.maxConcurrentRuns))]);
  }

  /** Several events arrive together when a run ends and the next starts: one refresh for all of them. */
  function refreshSoon(): void {
    if (!loaded) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, 120);
  }
  api.on('runs.changed', refreshSoon);
  api.on('run.status', refreshSoon);
  onReconnected(refreshSoon);

  async function act(action: () => Promise<unknown>): Promise<void> {
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = (e as Error).message;
    }
    await refresh();
  }

  /** Stops a training run, or cancels a queued one: it leaves the queue without training. */
  const stop = (runId: number) => act(() => api.call('runs.stop', { runId }));
  const move = (runId: number, to: 'top' | 'up' | 'down' | 'bottom') => act(() => api.call('runs.move', { runId, to }));

  async function setMaxConcurrentRuns(n: number): Promise<void> {
    error.value = null;
    try {
      maxConcurrentRuns.value = (await api.call('settings.set', { maxConcurrentRuns: n })).maxConcurrentRuns;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  return { runs, training, waiting, maxConcurrentRuns, error, aheadOf, load, refresh, stop, move, setMaxConcurrentRuns };
});
