import { defineStore } from 'pinia';
import { ref } from 'vue';

export type View = 'train' | 'runs' | 'run' | 'datasets';

/** Which screen is showing; the app is small enough not to need a router. */
export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<View>('train');
  const runId = ref<number | null>(null);

  function openRun(id: number): void {
    runId.value = id;
    view.value = 'run';
  }

  return { view, runId, openRun };
});
