import type { ApiClient } from '../../../src-shared/contract/api';
import { ApiError } from '../../../src-shared/contract/api-error';
import { decodeMessage, encodeMessage, type WireMessage } from '../../../src-shared/contract/binary-codec';
import type { ProbeResult } from '../../../src-shared/contract/server-health';
import type { ApiErrorShape } from '../../../src-shared/contract/types';
import { EventHub } from './event-hub';

/**
 * `connecting`: opening the WebSocket; `open`: connected; `reconnecting`: the connection dropped and the server does
 * not answer yet; `refused`: the server answers but not to this page's token (it restarted with a new one).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export interface WsEndpoints {
  /** The WebSocket, with the token in its query. */
  socket: string;
  /** The health check (HEALTH_PATH), with the same token. */
  health: string;
}

/** A call cut off because the connection dropped: the server may never have seen it, or have died answering it. */
export class ConnectionLostError extends ApiError {
  constructor(readonly requestName: string) {
    super('internal', `the connection to the Latent Lab server was lost before ${requestName} was answered`);
    this.name = 'ConnectionLostError';
  }
}

/** Waits before each probe of a dropped server: quick at first, then every few seconds. */
export const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Transport B: the contract over a WebSocket to serve mode. Requests made while not connected are queued and sent
 * once connected. When the connection drops, calls sent on it fail with ConnectionLostError, and the client probes the
 * server's health endpoint with backoff; it opens a new WebSocket only once the server answers and takes the token,
 * so a restarting server costs no failed WebSocket attempts (each of which Chromium logs as a console error).
 */
export function createWsClient(
  endpoints: WsEndpoints,
  onState: (state: ConnectionState, detail?: string) => void,
  /** Asks the health endpoint whether the server is back (see server-probe.ts). */
  probe: (healthUrl: string) => Promise<ProbeResult>,
): ApiClient {
  const hub = new EventHub();
  /** Calls awaiting an answer; `sent` is false while one waits for a connection to be sent on. */
  const pending = new Map<number, { name: string; frame: Uint8Array; sent: boolean; resolve(v: unknown): void; reject(e: Error): void }>();
  /** Ids of calls made while not connected, in order. */
  const queue: number[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;

  /** Probes until the server answers and takes the token, then connects; `now` skips the wait before the first probe. */
  const connectWhenUp = async (now: boolean) => {
    for (let attempt = 0; ; attempt++) {
      if (!now || attempt > 0) await sleep(RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]);
      const result = await probe(endpoints.health);
      if (result === 'up') return connect();
      if (result === 'refused') {
        onState('refused', 'this page’s access token is refused (a restarted server makes a new one): open the URL the server printed');
      } else {
        onState('reconnecting', `the server does not answer; tried ${attempt + 1} time${attempt ? 's' : ''}, trying again`);
      }
    }
  };

  const connect = () => {
    onState('connecting');
    const ws = new WebSocket(endpoints.socket);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      onState('open');
      for (const id of queue.splice(0)) {
        const call = pending.get(id);
        if (!call) continue;
        ws.send(call.frame);
        call.sent = true;
      }
    };
    ws.onmessage = (event) => {
      const message = decodeMessage(new Uint8Array(event.data as ArrayBuffer)) as WireMessage;
      if (message.kind === 'event') hub.emit(message.name, message.payload);
      else if (message.kind === 'response') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.output);
        else waiter?.reject(ApiError.fromShape(message.error as ApiErrorShape));
      }
    };
    ws.onclose = () => {
      socket = null;
      // Calls sent on this connection are lost with it; calls still waiting to be sent go out on the next one.
      for (const [id, call] of pending) {
        if (!call.sent) continue;
        call.reject(new ConnectionLostError(call.name));
        pending.delete(id);
      }
      onState('reconnecting', 'the connection to the server was lost; waiting for it to answer again');
      void connectWhenUp(false);
    };
  };
  onState('connecting');
  void connectWhenUp(true);

  return {
    call(name, input) {
      const id = nextId++;
      const frame = encodeMessage({ kind: 'request', id, name, input });
      return new Promise((resolve, reject) => {
        const call = { name, frame, sent: false, resolve: resolve as (v: unknown) => void, reject };
        pending.set(id, call);
        if (socket?.readyState === WebSocket.OPEN) {
          socket.send(frame);
          call.sent = true;
        } else {
          queue.push(id);
        }
      });
    },
    on: (event, listener) => hub.on(event, listener),
  };
}
