import type { ApiClient } from '../../../src-shared/contract/api';
import { ApiError } from '../../../src-shared/contract/api-error';
import { decodeMessage, encodeMessage, type WireMessage } from '../../../src-shared/contract/binary-codec';
import type { ProbeResult } from '../../../src-shared/contract/server-health';
import type { ApiErrorShape } from '../../../src-shared/contract/types';
import { EventHub } from './event-hub';
import type { ProbeReply, ProbeRequest } from './server-probe.worker';

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

/**
 * Health probes run in a worker (see server-probe.worker.ts). The worker is started with the client, while the
 * server that served the page is surely up: its script comes from that server. Should it fail to start, probes
 * fall back to fetch in the page, which works the same but lets Chromium log each refusal.
 */
function createProber(): (url: string) => Promise<ProbeResult> {
  const waiting = new Map<number, (result: ProbeResult) => void>();
  let nextId = 1;
  let worker: Worker | null = new Worker(new URL('./server-probe.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ProbeReply>) => {
    waiting.get(event.data.id)?.(event.data.result);
    waiting.delete(event.data.id);
  };
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    for (const resolve of waiting.values()) resolve('down');
    waiting.clear();
  };
  const probeInPage = async (url: string): Promise<ProbeResult> => {
    try {
      const health = (await (await fetch(url, { cache: 'no-store' })).json()) as { token?: string };
      return health.token === 'accepted' ? 'up' : 'refused';
    } catch {
      return 'down';
    }
  };
  return (url) => {
    if (!worker) return probeInPage(url);
    const id = nextId++;
    const request: ProbeRequest = { id, url };
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker?.postMessage(request);
    });
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Transport B: the contract over a WebSocket to serve mode. Requests made while not connected are queued and sent
 * once connected. When the connection drops, calls in flight fail with a clear error, and the client probes the
 * server's health endpoint with backoff; it opens a new WebSocket only once the server answers and takes the token,
 * so a restarting server costs no failed WebSocket attempts (each of which Chromium logs as a console error).
 */
export function createWsClient(endpoints: WsEndpoints, onState: (state: ConnectionState, detail?: string) => void): ApiClient {
  const hub = new EventHub();
  const pending = new Map<number, { name: string; resolve(v: unknown): void; reject(e: Error): void }>();
  const queue: Uint8Array[] = [];
  const probe = createProber();
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
      for (const frame of queue.splice(0)) ws.send(frame);
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
      for (const waiter of pending.values()) {
        waiter.reject(new ConnectionLostError(waiter.name));
      }
      pending.clear();
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
        pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on: (event, listener) => hub.on(event, listener),
  };
}
