import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { decodeMessage, encodeMessage, FrameError, type WireMessage } from '../../src-shared/contract/binary-codec';
import { ApiError } from '../../src-shared/contract/api-error';
import type { Host } from '../host/host';

export interface WsSecurity {
  token: string;
  /** Origins a browser may connect from (the page this server itself serves). */
  allowedOrigins: string[];
}

/** Compares tokens in constant time. */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an upgrade request must be refused, or null to accept it. */
export function refuseReason(req: IncomingMessage, security: WsSecurity): string | null {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return 'malformed URL';
  }
  if (url.pathname !== '/api') return 'unknown path';
  if (!tokenMatches(url.searchParams.get('token'), security.token)) return 'missing or wrong token';
  const origin = req.headers.origin;
  if (origin !== undefined && !security.allowedOrigins.includes(origin)) return `origin ${origin} is not allowed`;
  return null;
}

/** Serves the contract over one WebSocket per UI: requests in, responses and events out, binary-framed. */
export function attachWebSocketTransport(wss: WebSocketServer, host: Host): void {
  wss.on('connection', (socket: WebSocket) => {
    const connection = randomUUID();
    const send = (message: WireMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(encodeMessage(message));
    };
    const unsubscribe = host.events.subscribe((name, payload) => send({ kind: 'event', name, payload }));
    socket.on('close', () => {
      unsubscribe();
      void host.release(connection).catch(() => undefined);
    });
    // Oversized or invalid frames make ws emit 'error': drop that client, never the server.
    socket.on('error', () => socket.terminate());
    socket.on('message', async (data: Buffer, isBinary: boolean) => {
      let message: WireMessage;
      try {
        if (!isBinary) throw new FrameError('text frames are not part of the protocol');
        message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as WireMessage;
        if (message?.kind !== 'request' || typeof message.id !== 'number') throw new FrameError('expected a request with a numeric id');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // Answer under the request's own id whenever it can be read, so its caller stops waiting; else under -1.
        const id = error instanceof FrameError && error.requestId !== null ? error.requestId : -1;
        send({ kind: 'response', id, ok: false, error: { code: 'invalid_input', message: `malformed message: ${reason}` } });
        return;
      }
      try {
        const output = await host.call(message.name, message.input, { connection });
        send({ kind: 'response', id: message.id, ok: true, output });
      } catch (error) {
        send({ kind: 'response', id: message.id, ok: false, error: ApiError.fromUnknown(error).toShape() });
      }
    });
  });
}
