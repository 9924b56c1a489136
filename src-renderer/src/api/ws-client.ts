import type { ApiClient } from '../../../src-shared/contract/api';
import { ApiError } from '../../../src-shared/contract/api-error';
import { decodeMessage, encodeMessage, type WireMessage } from '../../../src-shared/contract/binary-codec';
import type { ApiErrorShape } from '../../../src-shared/contract/types';
import { EventHub } from './event-hub';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * Transport B: the contract over a WebSocket to serve mode. Requests made while connecting are queued;
 * a dropped connection is retried with backoff and pending calls fail with a clear error.
 */
export function createWsClient(url: string, onState: (state: ConnectionState, detail?: string) => void): ApiClient {
  const hub = new EventHub();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const queue: Uint8Array[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retry = 500;

  const connect = () => {
    onState('connecting');
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      retry = 500;
      onState('open');
      for (const frame of queue.splice(0)) socket.send(frame);
    };
    socket.onmessage = (event) => {
      const message = decodeMessage(new Uint8Array(event.data as ArrayBuffer)) as WireMessage;
      if (message.kind === 'event') hub.emit(message.name, message.payload);
      else if (message.kind === 'response') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.output);
        else waiter?.reject(ApiError.fromShape(message.error as ApiErrorShape));
      }
    };
    socket.onclose = (event) => {
      for (const waiter of pending.values()) waiter.reject(new ApiError('internal', 'the connection to the Latent Lab server was lost'));
      pending.clear();
      onState('closed', event.code === 1006 ? 'the server refused the connection or went away (check the token in the URL)' : event.reason);
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };
  connect();

  return {
    call(name, input) {
      const id = nextId++;
      const frame = encodeMessage({ kind: 'request', id, name, input });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on: (event, listener) => hub.on(event, listener),
  };
}
