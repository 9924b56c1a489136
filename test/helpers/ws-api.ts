import WebSocket from 'ws';
import type { ApiClient, EventName, EventPayloads } from '../../src-shared/contract/api';
import { ApiError } from '../../src-shared/contract/api-error';
import { decodeMessage, encodeMessage, type WireMessage } from '../../src-shared/contract/binary-codec';
import type { ApiErrorShape } from '../../src-shared/contract/types';

/**
 * The contract over serve mode's WebSocket, from Node, as the browser page uses it: for tests that set the
 * stage (train runs, queue a sweep) through the API before they look at a screen.
 */
export async function connectApi(serveUrl: string): Promise<ApiClient & { close(): void }> {
  const page = new URL(serveUrl);
  const token = new URLSearchParams(page.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${page.host}/api?token=${encodeURIComponent(token)}`, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  ws.on('message', (data: Buffer) => {
    const message = decodeMessage(new Uint8Array(data)) as WireMessage;
    if (message.kind === 'event') for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    else if (message.kind === 'response') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.output);
      else waiter?.reject(ApiError.fromShape(message.error as ApiErrorShape));
    }
  });
  return {
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(encodeMessage({ kind: 'request', id, name, input }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    close: () => ws.close(),
  };
}
