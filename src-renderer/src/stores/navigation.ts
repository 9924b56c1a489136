import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { parseRoute, routeHash, type Route, type View } from '../navigation/routes';

export type { Route, View };

/**
 * Which screen is showing, kept in the URL fragment (`#/runs/7`): the browser's back and forward move between
 * screens and a reload stays on the same one. Serve mode's `#token=…` is read and cleared by api/client.ts,
 * which main.ts imports before this store first reads the fragment.
 */
export const useNavigationStore = defineStore('navigation', () => {
  const route = ref<Route>(parseRoute(location.hash));
  if (location.hash === '') history.replaceState(history.state, '', routeHash(route.value));
  window.addEventListener('hashchange', () => (route.value = parseRoute(location.hash)));

  /** Shows a screen as a new history entry (a no-op when it is already showing). */
  function go(next: Route): void {
    const hash = routeHash(next);
    if (location.hash === hash) route.value = parseRoute(hash);
    else location.hash = hash;
  }

  const view = computed<View>(() => route.value.view);
  const runId = computed(() => (route.value.view === 'run' ? route.value.runId : null));

  const openRun = (id: number) => go({ view: 'run', runId: id, tab: 'curves' });
  const openCompare = (runIds: number[]) => go({ view: 'compare', runIds });
  const openSweep = (sweepId: number) => go({ view: 'sweep', sweepId });
  const openDataset = (datasetId: string) => go({ view: 'dataset', datasetId });
  /** The builder on a saved architecture, or (null) on the draft it holds. */
  const openBuilder = (architectureId: number | null = null) => go({ view: 'builder', architectureId });
  const show = (screen: 'train' | 'runs' | 'sweeps' | 'datasets' | 'reproduce') => go({ view: screen });

  return { route, view, runId, go, show, openRun, openCompare, openSweep, openDataset, openBuilder };
});
