import { ref, watch } from 'vue';
import type { ApiClient } from '../../../src-shared/contract/api';
import { HEALTH_PATH } from '../../../src-shared/contract/server-health';
import { createIpcClient } from './ipc-client';
import { createProber } from './server-probe';
import { ConnectionLostError, createWsClient, type ConnectionState } from './ws-client';

/**
 * The token for serve mode comes in the URL fragment. It is kept in this origin's localStorage (the server's own
 * 127.0.0.1:port), so a reload, and a link opened in a new tab, stay connected; a server restarted with a new token
 * refuses it and the page says how to get the new link.
 */
function serveToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    localStorage.setItem('latent-lab-token', fromHash);
    history.replaceState(null, '', location.pathname);
    return fromHash;
  }
  return localStorage.getItem('latent-lab-token') ?? '';
}

export const connection = ref<{ state: ConnectionState; detail?: string }>({ state: 'connecting' });
/** Whether this page has reached the host at least once (a page opened without its token never has). */
export const everConnected = ref(false);
watch(
  () => connection.value.state,
  (state) => {
    if (state === 'open') everConnected.value = true;
  },
);

/** The WebSocket and health URLs for a token (fields updated in place when the user pastes a tokened URL). */
function serveEndpoints(token: string): { socket: string; health: string } {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = `token=${encodeURIComponent(token)}`;
  return { socket: `${scheme}://${location.host}/api?${query}`, health: `${location.origin}${HEALTH_PATH}?${query}` };
}

function createClient(): ApiClient {
  if (window.latentLab) {
    connection.value = { state: 'open' };
    return createIpcClient(window.latentLab);
  }
  // Outside Vue's hooks too, a call cut off by a dropped connection is not reported (see main.ts).
  window.addEventListener('unhandledrejection', (event) => {
    if (isConnectionLost(event.reason)) event.preventDefault();
  });
  const endpoints = serveEndpoints(serveToken());
  // A tokened URL pasted into this tab's address bar changes only the fragment: no reload. The client, retrying a
  // refused token with backoff, reads the endpoints afresh on each try, so it connects with the new token.
  window.addEventListener('hashchange', () => {
    if (!new URLSearchParams(location.hash.slice(1)).has('token')) return;
    Object.assign(endpoints, serveEndpoints(serveToken()));
  });
  return createWsClient(endpoints, (state, detail) => (connection.value = { state, detail }), createProber());
}

/** Whether a call failed only because serve mode's connection dropped while it was under way. */
export const isConnectionLost = (error: unknown): boolean => error instanceof ConnectionLostError;

/** The renderer's single way to reach the host. */
export const api: ApiClient = createClient();

/**
 * Calls `listener` each time serve mode's connection comes back after a drop (never in the desktop app): events
 * sent while it was down are lost, so state kept from the host must be asked for again.
 */
export function onReconnected(listener: () => void): () => void {
  let connectedBefore = connection.value.state === 'open';
  return watch(
    () => connection.value.state,
    (state) => {
      if (state !== 'open') return;
      if (connectedBefore) listener();
      connectedBefore = true;
    },
  );
}

/**
 * Where to write something, chosen in the desktop app's native save dialog; null in a browser (serve mode
 * downloads instead) and when the user cancels. `desktop` says which of the two it was.
 */
export async function choosePath(title: string, defaultName: string): Promise<{ desktop: boolean; path: string | null }> {
  if (!window.latentLab) return { desktop: false, path: null };
  return { desktop: true, path: await window.latentLab.choosePath(title, defaultName) };
}

/** The path of a folder dropped on the window: known in the desktop app, never revealed by a browser (null). */
export function pathOfDroppedFile(file: File): string | null {
  return window.latentLab ? window.latentLab.pathForFile(file) || null : null;
}
