import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BackendReport, SystemInfo, TrainerState } from '../../../src-shared/contract/types';
import { api, onReconnected } from '../api/client';

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null);
  const backend = ref<BackendReport | null>(null);
  const trainer = ref<TrainerState>('idle');

  async function load(): Promise<void> {
    info.value = await api.call('system.info', {});
    backend.value = info.value.backend;
    trainer.value = info.value.trainer;
  }

  // After serve mode reconnects, the server may be a new process with a new trainer: ask again.
  onReconnected(() => void load().catch(() => undefined));

  api.on('trainer.state', (s) => {
    trainer.value = s.state;
    if (s.backend) backend.value = s.backend;
  });

  return { info, backend, trainer, load };
});
