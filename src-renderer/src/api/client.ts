import { ref } from 'vue';
import type { ApiClient } from '../../../src-shared/contract/api';
import { createIpcClient } from './ipc-client';
import { createWsClient, type ConnectionState } from './ws-client';

/** The token for serve mode comes in the URL fragment; kept for reloads of this tab only. */
function serveToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('latent-lab-token', fromHash);
    history.replaceState(null, '', location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem('latent-lab-token') ?? '';
}

export const connection = ref<{ state: ConnectionState; detail?: string }>({ state: 'connecting' });

function createClient(): ApiClient {
  if (window.latentLab) {
    connection.value = { state: 'open' };
    return createIpcClient(window.latentLab);
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/api?token=${encodeURIComponent(serveToken())}`;
  return createWsClient(url, (state, detail) => (connection.value = { state, detail }));
}

/** The renderer's single way to reach the host. */
export const api: ApiClient = createClient();

/** The path of a folder dropped on the window: known in the desktop app, never revealed by a browser (null). */
export function pathOfDroppedFile(file: File): string | null {
  return window.latentLab ? window.latentLab.pathForFile(file) || null : null;
}
