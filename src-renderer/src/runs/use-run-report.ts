import { computed, ref, watch, type ComputedRef, type Ref } from 'vue';
import type { RunStatus } from '../../../src-shared/contract/types';

/**
 * The report a finished run leaves beside its checkpoint (a graph run's curves, gallery, permutation check), fetched
 * for the run shown and fetched again when its status changes, so a run that completes while the panel is open gets
 * its report then. Answers to an earlier run or status are dropped when a newer request is in flight.
 */
export function useRunReport<T>(
  props: { runId: number; status: RunStatus },
  fetch: (runId: number) => Promise<T | null>,
): { report: Ref<T | null>; loaded: Ref<boolean>; error: Ref<string | null>; active: ComputedRef<boolean> } {
  const report = ref<T | null>(null) as Ref<T | null>;
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let request = 0;
  async function load(): Promise<void> {
    const mine = ++request;
    error.value = null;
    try {
      const r = await fetch(props.runId);
      if (mine !== request) return;
      report.value = r;
      loaded.value = true;
    } catch (e) {
      if (mine === request) error.value = (e as Error).message;
    }
  }
  watch(() => [props.runId, props.status], () => void load(), { immediate: true });
  /** Still training (or waiting to): no report yet, by design. */
  const active = computed(() => ['queued', 'running', 'paused'].includes(props.status));
  return { report, loaded, error, active };
}
